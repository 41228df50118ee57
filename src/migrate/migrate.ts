/**
 * `minim migrate`: approved plan items → per-source SQL (dry run, the default, with row counts)
 * or, with `apply`, batched execution and verification.
 */
import { openConnector, DEFAULT_CONNECTOR_OPTIONS } from '../../connectors/index.js';
import type { Connector } from '../../connectors/types.js';
import { MinimError } from '../errors.js';
import type { Logger } from '../util/log.js';
import { silentLogger } from '../util/log.js';
import type { Plan } from '../plan/plan-schema.js';
import { selectApproved, namedItems } from './approvals.js';
import type { Stewards } from '../approvals/stewards.js';
import { checkLiveBinding } from '../approvals/binding.js';
import { checkSchema, tableKey } from './staleness.js';
import { operationFor, operationRank, type Operation, type RowOperation } from './operations.js';
import { countPending } from './batch-sql.js';
import { compile, familyOf, type SqlFamily } from './sql-compiler.js';
import { renderScript } from './script.js';
import { applyDdl, applyRows, type BatchEvent } from './apply.js';
import { verifyRows, type VerifyResult } from './verify.js';

export interface MigrateOptions {
  readonly plan: Plan;
  readonly planFile: string;
  /** Connection URL per plan source name. */
  readonly urls: ReadonlyMap<string, string>;
  /** stewards.yaml: every signature and the seal are verified against it before anything runs. */
  readonly stewards: Stewards;
  readonly apply?: boolean;
  readonly batchSize?: number;
  readonly allowDrop?: boolean;
  readonly requireAll?: boolean;
  /** The env var holding the hash salt (policy `hash_salt_env`). */
  readonly saltEnv?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly logger?: Logger;
  readonly onBatch?: (e: BatchEvent) => void;
  /** Called before an item's batches start, with the rows it will change. */
  readonly onItemStart?: (item: string, pending: number) => void;
}

export interface ItemOutcome {
  readonly id: string;
  readonly action: string;
  readonly strategy?: string;
  /** done (applied), planned (dry run), noop (nothing to do), skipped (unsupported). */
  readonly outcome: 'done' | 'planned' | 'noop' | 'skipped';
  /** Rows the item would change (dry run count taken right before apply). */
  readonly pending?: number;
  readonly changed?: number;
  readonly batches?: number;
  readonly longestBatchMs?: number;
  readonly why?: string;
  readonly verify?: VerifyResult;
}

export interface SourceOutcome {
  readonly source: string;
  readonly dialect: string;
  readonly fingerprint: string;
  readonly script: string;
  readonly items: ItemOutcome[];
}

export interface MigrateResult {
  readonly applied: boolean;
  readonly sources: SourceOutcome[];
  /** Items not run because they are not approved. */
  readonly skipped: Array<{ id: string; why: string }>;
  /** Whether every applied item verified (true on a dry run). */
  readonly verified: boolean;
}

export const DEFAULT_BATCH_SIZE = 5000;

export async function migrate(options: MigrateOptions): Promise<MigrateResult> {
  const { plan, planFile } = options;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new MinimError('USAGE', `--batch-size must be a positive integer`);
  const log = options.logger ?? silentLogger;
  const { approved, skipped } = selectApproved(plan, planFile, options.stewards, options.requireAll);
  if (options.apply && !options.allowDrop) {
    const drop = approved.find((i) => i.action === 'drop');
    if (drop) throw new MinimError('USAGE', `item ${drop.id} drops a column; pass --allow-drop to apply drops (nothing was run)`);
  }
  const saltEnv = options.saltEnv ?? 'MINIM_HASH_SALT';
  const salt = options.env?.[saltEnv];
  if (options.apply && approved.some((i) => i.action === 'mask' && i.strategy === 'hash') && !salt) {
    throw new MinimError('USAGE', `approved hash items need a salt: set the environment variable ${saltEnv} (nothing was run)`);
  }
  const sourceNames = [...new Set(approved.map((i) => i.source))].sort();
  for (const s of sourceNames) {
    if (!options.urls.get(s)) throw new MinimError('USAGE', `plan source ${s} has approved items but no connection; pass --url, --source ${s}=URL or --config`);
  }

  // Open and check every source before changing anything: a stale source refuses the whole plan.
  const opened: Array<{ name: string; connector: Connector; family: SqlFamily; ops: Operation[]; fingerprint: string }> = [];
  try {
    for (const name of sourceNames) {
      const connector = await openConnector(options.urls.get(name)!, { ...DEFAULT_CONNECTOR_OPTIONS, name, concurrency: 1 });
      const family = familyOf(connector.dialect);
      opened.push({ name, connector, family, ops: [], fingerprint: '' });
      const catalog = await connector.catalog();
      // Only the plan's own database, or one whose named tables fingerprint the same (issue 11).
      const bound = checkLiveBinding(plan, name, options.urls.get(name)!, catalog, approved, planFile);
      const live = checkSchema(name, namedItems(plan, name), catalog, planFile);
      if (bound.stale) throw new MinimError('PLAN_STALE', bound.stale, { subject: name });
      if (bound.note) log.warn(bound.note);
      const entry = opened[opened.length - 1]!;
      entry.fingerprint = live.fingerprint;
      entry.ops = approved
        .filter((i) => i.source === name)
        .map((i) => operationFor(family, i, live.tables.get(tableKey(i.schema, i.table))))
        .sort((a, b) => operationRank(a) - operationRank(b) || a.item.id.localeCompare(b.item.id));
    }
    const sources: SourceOutcome[] = [];
    let verified = true;
    for (const { name, connector, family, ops, fingerprint } of opened) {
      const counts = new Map<string, number>();
      for (const op of ops) if (op.kind === 'rows') counts.set(op.item.id, await count(connector, family, op));
      const script = renderScript({ family, source: name, planFile, operations: ops, batchSize, counts, saltEnv });
      const items: ItemOutcome[] = [];
      for (const op of ops) {
        const base = { id: op.item.id, action: op.item.action, ...(op.item.strategy ? { strategy: op.item.strategy } : {}) };
        if (op.kind === 'none') items.push({ ...base, outcome: 'noop', why: op.why });
        else if (op.kind === 'unsupported') {
          log.warn(`${op.item.id}: skipped: ${op.why}`);
          items.push({ ...base, outcome: 'skipped', why: op.why });
        } else if (!options.apply) items.push({ ...base, outcome: 'planned', ...(op.kind === 'rows' ? { pending: counts.get(op.item.id)! } : {}) });
        else if (op.kind === 'ddl') {
          await applyDdl(connector, family, op.statements.map((s) => compile(family, s)));
          for (const n of op.notes) log.warn(`${op.item.id}: ${n}`);
          items.push({ ...base, outcome: 'done' });
        } else {
          const pending = await count(connector, family, op);
          options.onItemStart?.(op.item.id, pending);
          const r = await applyRows({ connector, family, batchSize, ...(salt !== undefined ? { salt } : {}), ...(options.onBatch ? { onBatch: options.onBatch } : {}) }, op);
          const v = await verifyRows(connector, family, op, pending, r.changed);
          if (v.problems.length > 0) {
            verified = false;
            log.warn(`${op.item.id}: verification failed: ${v.problems.join('; ')}`);
          }
          items.push({ ...base, outcome: 'done', pending, changed: r.changed, batches: r.batches, longestBatchMs: Math.round(r.longestBatchMs), verify: v });
        }
      }
      sources.push({ source: name, dialect: connector.dialect, fingerprint, script, items });
    }
    return { applied: !!options.apply, sources, skipped, verified };
  } finally {
    await Promise.allSettled(opened.map((o) => o.connector.close()));
  }
}

async function count(connector: Connector, family: SqlFamily, op: RowOperation): Promise<number> {
  const q = compile(family, countPending(op));
  return Number((await connector.query(q.sql, q.parameters)).rows[0]?.['n'] ?? 0);
}
