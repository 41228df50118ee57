/** The plan file's shape (YAML, JSON accepted), validated on every read. DESIGN.md "Plan and approvals". */
import { z } from 'zod';
import { ACTIONS, MASK_STRATEGIES, PURGE_STRATEGIES } from './policy-schema.js';
import { ignoreEntrySchema } from '../check/ignore.js';

/** `retained`: a steward decided to keep the data as it is, on a stated legal basis (signed). */
export const ITEM_STATUSES = ['proposed', 'approved', 'rejected', 'retained', 'obsolete'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
/** `voided` is written by minim itself when a re-plan changed an approved or rejected item. */
export const DECISIONS = ['approved', 'rejected', 'retained', 'voided'] as const;
/** Plan file versions read: 1 (unsigned decisions, never applied) and 2 (signed, sealed, bound). */
export const PLAN_VERSION = 2;

const digest = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'a digest sha256:<64 hex>');

export const decisionSchema = z
  .object({
    by: z.string().min(1),
    at: z.string().min(1),
    decision: z.enum(DECISIONS),
    reason: z.string().min(1),
    /** retained: the legal basis the data is kept on. */
    legalBasis: z.string().min(1).optional(),
    digest,
    /** Digest of the item's source binding (server, database, table fingerprint) when it was signed. */
    binding: digest.optional(),
    /** The signer's key id (`SHA256:…`) and ed25519 signature (base64); absent on a version 1 plan. */
    keyId: z.string().min(1).optional(),
    signature: z.string().min(1).optional(),
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

const revokeColumnSchema = z.object({ source: z.string().min(1), schema: z.string(), table: z.string().min(1), column: z.string().min(1) }).strict();
/** The REVOKE of one grant (src/access/revoke.ts `Revocation`), as proposed from a judged access review. */
export const revokeSchema = z
  .object({
    /** The grantee losing the grant: role, `'user'@'host'`, or PUBLIC. */
    principal: z.string().min(1),
    object: z.enum(['column', 'table', 'view', 'function', 'schema', 'database', 'global', 'owner', 'reads-all']),
    /** The REVOKE statement, identifiers quoted by construction. */
    statement: z.string().min(1),
    /** The grant's path as the access review found it. */
    path: z
      .object({
        chain: z.array(z.string()).min(1),
        grantee: z.array(z.string()).min(1),
        object: z.enum(['column', 'table', 'view', 'function', 'schema', 'database', 'global', 'owner', 'reads-all']),
        on: z.object({ schema: z.string(), name: z.string(), column: z.string().optional() }).strict().optional(),
        what: z.string(),
      })
      .strict(),
    /** Every protected column the grant reaches. */
    columns: z.array(revokeColumnSchema).min(1),
    /** The unauthorized readers reaching them through it. */
    readers: z.array(z.string()),
  })
  .strict();
export type PlanRevoke = z.infer<typeof revokeSchema>;

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
    /** restrict from an access review (`minim plan --access`): the one grant an unauthorized reader's path ends in. */
    revoke: revokeSchema.optional(),
    keepFor: z.array(z.string()).optional(),
    /** Why the item cannot be approved as it stands (e.g. a purge with no date column); approve and migrate refuse it. */
    blocked: z.string().min(1).optional(),
    /** `accept`: row triggers and rules on the table may fire when the item runs (the steward approves that). */
    triggers: z.enum(['accept']).optional(),
    /**
     * mask (last4, hash, null, year): which rows change. `validated`: only rows whose value the
     * scan's validators accept as the item's category (a placeholder such as `N/A` or
     * `000-00-0000` stays); `all` (and absent, as in plans made before the field): every non-null
     * value. The plan sets it from the category (rules/categories.yaml `maskRows`); the steward may
     * change it before approving, and the approval covers it.
     */
    values: z.enum(['validated', 'all']).optional(),
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
    /** Binding (version 2): the server (host:port) and database the plan was made from… */
    server: z.string().optional(),
    database: z.string().optional(),
    /** …and the fingerprint of every column of each table the plan names. */
    tables: z.array(z.object({ schema: z.string(), table: z.string().min(1), fingerprint: digest }).strict()).optional(),
  })
  .strict();
export type PlanSource = z.infer<typeof planSourceSchema>;

/** A steward's signature over the ordered item ids and digests and the sources' bindings. */
export const sealSchema = z
  .object({
    by: z.string().min(1),
    at: z.string().min(1),
    keyId: z.string().min(1),
    /** The item ids in order, as sealed (the signature covers them with their digests). */
    ids: z.array(z.string()),
    signature: z.string().min(1),
  })
  .strict();
export type Seal = z.infer<typeof sealSchema>;

export const planSchema = z
  .object({
    version: z.union([z.literal(1), z.literal(2)]),
    createdAt: z.string().min(1),
    updatedAt: z.string().optional(),
    scan: z.object({ path: z.string().optional(), scannedAt: z.string() }).strict(),
    policy: z.string().optional(),
    sources: z.array(planSourceSchema),
    /** Per source: `sha256:` over (schema, table, column, dataType) of every column the plan names. */
    schemaFingerprint: z.record(z.string(), z.string()),
    items: z.array(planItemSchema),
    /** Stewards' signed exceptions for known false positives (src/check/ignore.ts). */
    ignore: z.array(ignoreEntrySchema).optional(),
    seal: sealSchema.optional(),
  })
  .strict();
export type Plan = z.infer<typeof planSchema>;
