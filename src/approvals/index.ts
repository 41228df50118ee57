/**
 * Signed approvals (DESIGN.md "Plan and approvals"): steward keys, stewards.yaml, signed entries,
 * the plan's seal and source binding, and verification. `signEntry` / `verifyEntry` are the
 * generic pair other signed records (e.g. monitoring "ignore" entries) reuse.
 */
export { signEntry, verifyEntry, signedBytes, SIGNATURE_PROBLEMS } from './sign.js';
export type { SignedPayload, SignatureProblem, EntryVerdict } from './sign.js';
export { configDir, initSteward, loadSigningKey, readIdentity, keyIdOf, parsePublicKey, DEFAULT_PASSPHRASE_ENV } from './keys.js';
export type { SigningKey, StewardIdentity, InitOptions } from './keys.js';
export { formatSshPublic, parseSshPublic, parseOpenSshPrivate } from './openssh.js';
export { parseStewards, loadStewards, findStewardsFile, outOfScope, STEWARDS_FILE, DEFAULT_TWO_PERSON } from './stewards.js';
export type { Steward, Stewards, StewardScope, ScopeQuery } from './stewards.js';
export { signDecision, decisionPayload, decisionScope, signerOf, DECISION_TYPE } from './decisions.js';
export { sealPlan, verifySeal, sealPayload, SEAL_TYPE } from './seal.js';
export type { SealProblem, SealVerdict } from './seal.js';
export { verifyPlan, assertPlanVerifies, problemLine } from './verify.js';
export type { ApprovalReason, ApprovalProblem, DecisionCheck, ItemVerification, PlanVerification } from './verify.js';
export { sourceIdentity, bindSource, tableFingerprints, itemBinding, itemBindingDigest, sourceBindingDigest, checkLiveBinding, bindingMissing } from './binding.js';
