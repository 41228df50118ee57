/** Plans: policy → items → stewards' decisions. */
export { loadPolicy, parsePolicy, resolveRules, DEFAULT_POLICY_PATH } from './policy.js';
export type { Policy, PolicyRule, Action, MaskStrategy } from './policy-schema.js';
export type { Plan, PlanItem, Decision, PlanSource, ItemStatus } from './plan-schema.js';
export { buildPlan, itemId, planFingerprints } from './build-plan.js';
export { mergePlans } from './merge-plan.js';
export { itemDigest, approvalState, canonicalJson } from './digest.js';
export { readPlan, readPlanIfExists, parsePlan, writePlan, formatPlan, writeFileAtomic } from './plan-file.js';
export { decide, selectItems, DEFAULT_MIN_CONFIDENCE } from './decide.js';
export { nameContradicts } from './name-contradicts.js';
