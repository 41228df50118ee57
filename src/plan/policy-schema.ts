/** The policy file's shape (rules/policy.yaml), validated with zod on load. */
import { z } from 'zod';

export const ACTIONS = ['retain', 'mask', 'purge', 'drop', 'restrict'] as const;
export type Action = (typeof ACTIONS)[number];
export const MASK_STRATEGIES = ['last4', 'null', 'hash', 'year', 'redact'] as const;
export type MaskStrategy = (typeof MASK_STRATEGIES)[number];
export const PURGE_STRATEGIES = ['blank', 'delete'] as const;
export type PurgeStrategy = (typeof PURGE_STRATEGIES)[number];

/** `7y`, `18m`, `90d`, or free text such as `while enrolled` (retain only: recorded, not enforced). */
export const DURATION = /^(\d{1,4})([dmy])$/;

const identifier = z.string().min(1).max(128);

export const policyRuleSchema = z
  .object({
    action: z.enum(ACTIONS),
    strategy: z.enum([...MASK_STRATEGIES, ...PURGE_STRATEGIES]).optional(),
    reason: z.string().min(1, 'reason is required'),
    legal_basis: z.string().min(1).optional(),
    retention: z.string().min(1).optional(),
    date_columns: z.array(identifier).min(1).optional(),
    revoke_from: z.array(identifier).min(1).optional(),
    keep_for: z.array(identifier).optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    const issue = (message: string, path: string) => ctx.addIssue({ code: 'custom', message, path: [path] });
    if (r.action === 'mask') {
      if (!r.strategy || !(MASK_STRATEGIES as readonly string[]).includes(r.strategy)) {
        issue(`mask needs a strategy: one of ${MASK_STRATEGIES.join(', ')}`, 'strategy');
      }
    } else if (r.action === 'purge') {
      if (r.strategy && !(PURGE_STRATEGIES as readonly string[]).includes(r.strategy)) {
        issue(`purge strategy is one of ${PURGE_STRATEGIES.join(', ')}`, 'strategy');
      }
      if (!r.retention || !DURATION.test(r.retention)) issue('purge needs retention like 7y, 18m or 90d', 'retention');
      if (!r.date_columns) issue('purge needs date_columns: the date column names to look for', 'date_columns');
    } else if (r.strategy) {
      issue(`${r.action} takes no strategy`, 'strategy');
    }
    if (r.action === 'restrict' && !r.revoke_from) issue('restrict needs revoke_from: the roles to revoke from', 'revoke_from');
  });
export type PolicyRule = z.infer<typeof policyRuleSchema>;

/** One rule or a list of rules (one plan item per rule). */
const rules = z.union([policyRuleSchema, z.array(policyRuleSchema).min(1)]);

export const categoryPolicySchema = z
  .object({
    default: rules,
    departments: z.record(z.string().min(1), rules).optional(),
    text: rules.optional(),
  })
  .strict();

export const policySchema = z
  .object({
    version: z.literal(1),
    hash_salt_env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name').default('MINIM_HASH_SALT'),
    text_default: rules.optional(),
    categories: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'a category id'), categoryPolicySchema),
  })
  .strict();
export type Policy = z.infer<typeof policySchema>;
