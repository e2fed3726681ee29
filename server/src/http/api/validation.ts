import type { z } from 'zod';
import { dicomUidSchema } from '../../contract';

/** A request the client got wrong; answered as 400 with this message. */
export class BadRequest extends Error {
  readonly status = 400;
}

/** A UID in a path parameter, checked with the API's UID schema. */
export function validUid(value: unknown, what: string): string {
  if (typeof value !== 'string' || !dicomUidSchema.safeParse(value).success) {
    throw new BadRequest(
      `Not a valid ${what}: ${JSON.stringify(value)} (a DICOM UID is digits and dots, at most 64 characters).`,
    );
  }
  return value;
}

/** Parses a JSON body with a schema, turning zod's issues into one readable sentence. */
export function validBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
  throw new BadRequest(`The request is not valid — ${issues.join('; ')}`);
}
