// One-click lesion proposals on breast DCE: pure functions, no Node-only imports (they can run in a Web Worker).
export { proposeOutline } from './propose-outline';
export type { ProposalFailure, ProposalRefusal, ProposalResult, ProposalSuccess } from './propose-outline';
