/** The plan file's shape (YAML, JSON accepted), validated on every read. DESIGN.md "Plan and approvals". */
import { z } from 'zod';
import { ACTIONS, MASK_STRATEGIES, PURGE_STRATEGIES } from './policy-schema.js';

export const ITEM_STATUSES = ['proposed', 'approved', 'rejected', 'obsolete'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
/** `voided` is written by minim itself when a re-plan changed an approved or rejected item. */
export const DECISIONS = ['approved', 'rejected', 'voided'] as const;

const digest = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'a digest sha256:<64 hex>');

export const decisionSchema = z
  .object({
    by: z.string().min(1),
    at: z.string().min(1),
    decision: z.enum(DECISIONS),
    reason: z.string().min(1),
    digest,
  })
  .strict();
export type Decision = z.infer<typeof decisionSchema>;

export const evidenceSummarySchema = z
  .object({
    confidence: z.number().min(0).max(1),
    /** Evidence kinds behind the finding: name, value, text, context, label, type. */
    sources: z.array(z.string()),
    rules: z.array(z.string()),
    matchRate: z.number().optional(),
    validated: z.number().optional(),
    /** Free text: sampled rows holding a match. */
    rows: z.number().optional(),
    sampled: z.number().optional(),
    /** Masked examples only, never a raw value. */
    examples: z.array(z.string()),
  })
  .strict();

export const planItemSchema = z
  .object({
    id: z.string().min(1),
    source: z.string().min(1),
    schema: z.string(),
    table: z.string().min(1),
    column: z.string().min(1),
    category: z.string().min(1),
    action: z.enum(ACTIONS),
    strategy: z.enum([...MASK_STRATEGIES, ...PURGE_STRATEGIES]).optional(),
    reason: z.string().min(1),
    /** Which policy rule proposed the item, e.g. `ssn.departments.payroll`. */
    policyRule: z.string().optional(),
    legalBasis: z.string().optional(),
    retention: z
      .object({
        period: z.string().min(1),
        /** purge: the date column rows are aged by (null: none found, set one before approving). */
        dateColumn: z.string().min(1).nullable().optional(),
        dateColumnType: z.string().optional(),
      })
      .strict()
      .optional(),
    restrict: z.object({ revokeFrom: z.array(z.string().min(1)).min(1) }).strict().optional(),
    keepFor: z.array(z.string()).optional(),
    /** Why the item cannot be approved as it stands (e.g. a purge with no date column); approve and migrate refuse it. */
    blocked: z.string().min(1).optional(),
    /** `accept`: row triggers and rules on the table may fire when the item runs (the steward approves that). */
    triggers: z.enum(['accept']).optional(),
    /** mask/redact: the categories whose matches inside the text are replaced. */
    redact: z.array(z.string().min(1)).min(1).optional(),
    dataType: z.string(),
    rowEstimate: z.number().nullable(),
    evidence: evidenceSummarySchema,
    note: z.string().optional(),
    status: z.enum(ITEM_STATUSES),
    decisions: z.array(decisionSchema),
  })
  .strict();
export type PlanItem = z.infer<typeof planItemSchema>;

export const planSourceSchema = z
  .object({
    name: z.string().min(1),
    dialect: z.enum(['postgres', 'pglite', 'mysql', 'mssql']),
    department: z.string().optional(),
    /** The scan's URL with its password replaced by ***. */
    url: z.string().optional(),
  })
  .strict();
export type PlanSource = z.infer<typeof planSourceSchema>;

export const planSchema = z
  .object({
    version: z.literal(1),
    createdAt: z.string().min(1),
    updatedAt: z.string().optional(),
    scan: z.object({ path: z.string().optional(), scannedAt: z.string() }).strict(),
    policy: z.string().optional(),
    sources: z.array(planSourceSchema),
    /** Per source: `sha256:` over (schema, table, column, dataType) of every column the plan names. */
    schemaFingerprint: z.record(z.string(), z.string()),
    items: z.array(planItemSchema),
  })
  .strict();
export type Plan = z.infer<typeof planSchema>;
