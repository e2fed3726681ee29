// @heron/server/contract: the HTTP API's schemas and types, shared by the routes, the OpenAPI document and the
// viewer extension's client. Nothing here may import a Node-only module: the extension bundles it for the browser.
export { dicomUidSchema } from './uids';
export { roleOverridesSchema, SERIES_ROLES, seriesRoleSchema, seriesRolesRequestSchema } from './series-roles';
export type { RoleOverrides, SeriesRole, StudyRoles } from './series-roles';
export { maskOutlineSchema, outlineSchema, segOutlineSchema } from './outline';
export type { MaskOutline, Outline } from './outline';
export { ANALYSIS_FLOWS, analysisRequestSchema } from './analysis-request';
export type { AnalysisRequest } from './analysis-request';
export { STAGES } from './stages';
export { analysisSettled } from './settled';
export { analysisJobSchema, jobStateSchema, progressEventSchema, stageSchema } from './job';
export type { AnalysisJob, Job, JobState, ProgressEvent, Stage } from './job';
export {
  analysisResultSchema,
  contributionSchema,
  explanationSchema,
  shapSpaceSchema,
  storageSchema,
  stratifiedSchema,
} from './result';
export type { AnalysisResult, Contribution, Explanation, ShapSpace, Storage, StorageState, Stratified } from './result';
export { survivalResultSchema } from './survival';
export type { SurvivalResult } from './survival';
export {
  acceptRequestSchema,
  amendRequestSchema,
  rejectRequestSchema,
  signoffOutcomeSchema,
  signoffStateSchema,
} from './signoff';
export type { SignoffOutcome, SignoffState } from './signoff';
export { storedResultSchema } from './stored-result';
export type { StoredResult } from './stored-result';
export { modelSummarySchema } from './model-summary';
export type { ModelSummary } from './model-summary';
export {
  existingOutlineItemSchema,
  existingOutlineSchema,
  outlineMaskRequestSchema,
  outlineMaskSchema,
  proposalRequestSchema,
  proposalSchema,
} from './outlines';
export type { ExistingOutline, ExistingOutlineItem, OutlineMask, Proposal } from './outlines';
export { auditQuerySchema, meSchema, ROLE_NAMES, roleSchema } from './me';
export type { Me, RoleName } from './me';
export {
  curveTypeSchema,
  initialPhaseClassSchema,
  kineticMapRequestSchema,
  kineticMapSchema,
  kineticsSchema,
  kineticThresholdsSchema,
} from './kinetics';
export type { KineticMap, Kinetics } from './kinetics';
export { BOARD_STATUSES, boardQuerySchema } from './board';
export type { BoardQuery } from './board';
export { prefetchRequestSchema, prefetchSchema } from './prefetch';
export type { Prefetch, PrefetchRequest } from './prefetch';
