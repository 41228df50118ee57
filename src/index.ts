/**
 * minim as a library: `import { scan } from 'minim'` returns the data `minim scan --format json` prints.
 */
export { scan, DEFAULTS } from './scan/index.js';
export type { ScanOptions, SourceSpec, ScanProgress, TableResult } from './scan/options.js';
export type {
  ScanResult,
  ScanColumn,
  ScanSource,
  ScanError,
  ScanRisk,
  ScanStats,
  Finding,
  Evidence,
  EvidenceSource,
  CategoryId,
  Dialect,
} from './types.js';
export { MinimError, ERROR_CODES, type ErrorCode } from './errors.js';
export { loadRules, type Rules } from './rules/load.js';
export { classifyTable, REPORT_AT, CANDIDATE_AT, type ColumnInput, type TableVerdict } from './classify/index.js';
export { loadConfig, type Config } from './config.js';
export { VALIDATORS, VALIDATOR_IDS, type Validator } from './validators/index.js';
export { openConnector } from '../connectors/index.js';
export type { Connector, CatalogTable, CatalogColumn, TypeClass } from '../connectors/types.js';
// Signed approvals (steward keys, stewards.yaml, signed entries, plan verification).
export { signEntry, verifyEntry, verifyPlan, loadStewards, parseStewards, loadSigningKey, initSteward } from './approvals/index.js';
export type { SignedPayload, EntryVerdict, SigningKey, Stewards, Steward, ScopeQuery, PlanVerification } from './approvals/index.js';
export { reviewSource } from './access/review.js';
export { loadAccessPolicy, parseAccessPolicy, DEFAULT_ACCESS_POLICY_PATH, type AccessPolicy } from './access/policy.js';
export { judgeColumn, newUnauthorizedReaders, auditSentence, type NewUnauthorized } from './access/judge.js';
export { proposeRevocations, applyRevocation, verifyRevocation, type Revocation, type RevocationCheck } from './access/revoke.js';
export type { AccessReview, AccessColumn, AccessReader, ReaderPath, ReaderVerdict } from './access/types.js';
