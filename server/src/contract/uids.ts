import { z } from 'zod';

/** A DICOM UID: digits and dots, at most 64 characters (PS3.5 §9.1). */
export const dicomUidSchema = z
  .string()
  .regex(/^[0-9]+(\.[0-9]+)*$/, 'a DICOM UID')
  .max(64);
