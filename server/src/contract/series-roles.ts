import { z } from 'zod';
import type { SeriesRole as DicomSeriesRole } from '@heron/dicom/roles';
import { dicomUidSchema } from './uids';

// The roles are listed here rather than imported from @heron/dicom/roles so that the browser bundle, which imports
// this module, does not pull in the DICOM code; `satisfies` keeps the list within the roles the DICOM code knows.
export const SERIES_ROLES = ['dce', 't2', 'dwi', 'adc', 'other'] as const satisfies readonly DicomSeriesRole[];

export const seriesRoleSchema = z.enum(SERIES_ROLES);
export type SeriesRole = z.infer<typeof seriesRoleSchema>;

/** The reader's reassignments: series UID -> role. */
export const roleOverridesSchema = z.record(dicomUidSchema, seriesRoleSchema);
export type RoleOverrides = z.infer<typeof roleOverridesSchema>;

/** Body of POST /api/studies/:study/series-roles. */
export const seriesRolesRequestSchema = z.object({ overrides: roleOverridesSchema });

/** The series of a study sorted into roles, as GET /api/studies/:study/series-roles answers (the DICOM code's own type). */
export type { StudyRoles } from '@heron/dicom/roles';
