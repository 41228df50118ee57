/**
 * `minim migrate`: approved plan items → per-source SQL (dry run, the default, with row counts, the
 * preflight and a preview per item) or, with `apply`, batched execution, journal and verification.
 * Once a source is open every item ends in a state (done, failed with the reason, not started) and
 * the result lists them all, also when an item failed.
 */
import { openConnector, DEFAULT_CONNECTOR_OPTIONS } from '../../connectors/index.js';
import type { Connector } from '../../connectors/types.js';
import { MinimError, toMinimError } from '../errors.js';
import type { Logger } from '../util/log.js';
import { silentLogger } from '../util/log.js';
import type { Plan } from '../plan/plan-schema.js';
import { itemDigest } from '../plan/digest.js';
import { selectApproved, namedItems } from './approvals.js';
import type { Stewards } from '../approvals/stewards.js';
import { checkLiveBinding } from '../approvals/binding.js';
import { checkSchema, tableKey } from './staleness.js';
import { operationFor, operationRank, type Operation, type RowOperation } from './operations.js';
import { compile, familyOf, type SqlFamily } from './sql-compiler.js';
import { renderScript } from './script.js';
import { applyDdl, applyRows, type BatchEvent } from './apply.js';
import { verifyRows, type VerifyResult } from './verify.js';
import { preflight, type Preflight } from './preflight.js';
import { previewItems, type ItemPreview } from './preview.js';
import { Journal } from './journal.js';
import { countPending } from './batch-sql.js';
import type { PlanItem } from '../plan/plan-schema.js';
import type { AccessPolicy } from '../access/policy.js';
import { loadAccessPolicy } from '../access/policy.js';
import { reviewSource } from '../access/review.js';
import { applyRevocation, grantKey, proposeRevocations, verifyRevocation, type Revocation } from '../access/revoke.js';
import { grantsDialect } from '../../connectors/index.js';
import type { ScanResult } from '../types.js';

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
  /** The apply journal file (default: none; the CLI passes PLAN.journal.ndjson). */
  readonly journal?: string;
  /** Dry run of exactly these items, approved or not (the steward's preview in `minim review`); never with apply. */
  readonly previewOnly?: readonly string[];
  /** Dry run: examples per item in the preview (0: none). */
  readonly examples?: number;
  readonly onBatch?: (e: BatchEvent) => void;
  /** Called before an item's batches start, with the rows it will change (-1: found while running). */
  readonly onItemStart?: (item: string, pending: number) => void;
  /** Re-judges revocation items against the live grants before they run (default: the built-in access policy). */
  readonly accessPolicy?: AccessPolicy;
}

/** done (applied and verified), failed (refused, error or verification), not-started, planned (dry run), noop, skipped. */
export type ItemState = 'done' | 'failed' | 'not-started' | 'planned' | 'noop';

export interface ItemOutcome {
  readonly id: string;
  readonly action: string;
  readonly strategy?: string;
  readonly outcome: ItemState;
  /** Rows the item would change (dry run). */
  readonly pending?: number;
  readonly changed?: number;
  readonly skippedRows?: number;
  readonly batches?: number;
  readonly longestBatchMs?: number;
  readonly why?: string;
  readonly verify?: VerifyResult;
  readonly preflight?: Preflight;
  readonly preview?: ItemPreview;
  /** Resumed from the journal of an earlier, interrupted run. */
  readonly resumed?: boolean;
  /** restrict items from an access review: the REVOKE statement. */
  readonly statement?: string;
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
  /** Every approved item done and verified (a dry run: none refused). */
  readonly verified: boolean;
}

export const DEFAULT_BATCH_SIZE = 5000;

interface Opened {
  name: string;
  connector: Connector;
  family: SqlFamily;
  ops: Operation[];
  fingerprint: string;
}

export async function migrate(options: MigrateOptions): Promise<MigrateResult> {
  const { plan, planFile } = options;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new MinimError('USAGE', `--batch-size must be a positive integer`);
  const log = options.logger ?? silentLogger;
  if (options.previewOnly && options.apply) throw new MinimError('USAGE', 'a preview never writes: previewOnly and apply together');
  // A preview (minim review --preview) shows what an item would change before anyone approves it:
  // the dry run of exactly those items, signatures not required, nothing written.
  const { approved, skipped } = options.previewOnly
    ? { approved: plan.items.filter((i) => options.previewOnly!.includes(i.id)), skipped: [] as Array<{ id: string; why: string }> }
    : selectApproved(plan, planFile, options.stewards, options.requireAll);
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
  const opened: Opened[] = [];
  const journal = options.apply && options.journal ? Journal.open(options.journal) : undefined;
  try {
    for (const name of sourceNames) {
      const connector = await openConnector(options.urls.get(name)!, { ...DEFAULT_CONNECTOR_OPTIONS, name, concurrency: 1 });
      const family = familyOf(connector.dialect);
      const entry: Opened = { name, connector, family, ops: [], fingerprint: '' };
      opened.push(entry);
      const catalog = await connector.catalog();
      // Only the plan's own database, or one whose named tables fingerprint the same.
      const bound = checkLiveBinding(plan, name, options.urls.get(name)!, catalog, approved, planFile);
      const live = checkSchema(name, namedItems(plan, name), catalog, planFile);
      if (bound.stale) throw new MinimError('PLAN_STALE', bound.stale, { subject: name });
      if (bound.note) log.warn(bound.note);
      entry.fingerprint = live.fingerprint;
      entry.ops = approved
        .filter((i) => i.source === name)
        .map((i) => operationFor(family, i, live.tables.get(tableKey(i.schema, i.table))))
        .sort((a, b) => operationRank(a) - operationRank(b) || a.item.id.localeCompare(b.item.id));
    }
    // Preflight every row item of every source before the first write.
    const flights = new Map<string, Preflight>();
    for (const { connector, ops } of opened) {
      for (const op of ops) {
        if (op.kind !== 'rows') continue;
        if (op.item.blocked) {
          flights.set(op.item.id, { item: op.item.id, refusals: [`item ${op.item.id}: ${op.item.blocked}`], notes: [], key: null, keep: [], untouched: [], firing: [] });
          continue;
        }
        const facts = await connector.write!.tableFacts(op.table.schema, op.table.name);
        flights.set(op.item.id, preflight(op, facts));
      }
    }
    const sources: SourceOutcome[] = [];
    let verified = true;
    for (const { name, connector, family, ops, fingerprint } of opened) {
      const runnable = ops.filter((o): o is RowOperation => o.kind === 'rows' && flights.get(o.item.id)!.refusals.length === 0);
      const previews = new Map<string, ItemPreview>();
      if (!options.apply) {
        const list = await previewItems(connector, family, runnable.map((op) => ({ op, pf: flights.get(op.item.id)! })), { batchSize, examples: options.examples ?? 3 });
        for (const p of list) previews.set(p.item, p);
      }
      const counts = new Map([...previews].map(([id, p]) => [id, p.rows]));
      const script = renderScript({
        family, source: name, planFile, operations: ops, batchSize, counts, saltEnv,
        keep: new Map([...flights].map(([id, pf]) => [id, pf.keep])),
        refused: new Map([...flights].map(([id, pf]) => [id, pf.refusals])),
      });
      const items: ItemOutcome[] = [];
      let stopped: string | undefined;
      for (const op of ops) {
        const base = { id: op.item.id, action: op.item.action, ...(op.item.strategy ? { strategy: op.item.strategy } : {}), ...(op.item.revoke ? { statement: op.item.revoke.statement } : {}) };
        const pf = op.kind === 'rows' ? flights.get(op.item.id) : undefined;
        if (op.kind === 'none') {
          items.push({ ...base, outcome: 'noop', why: op.why });
          continue;
        }
        if (op.kind === 'unsupported' || (pf && pf.refusals.length > 0)) {
          const why = op.kind === 'unsupported' ? `refused: item ${op.item.id}: ${op.why}` : `refused: ${pf!.refusals.join('; ')}`;
          if (options.apply) log.warn(why);
          verified = false;
          items.push({ ...base, outcome: options.apply ? 'failed' : 'planned', why, ...(pf ? { preflight: pf } : {}) });
          continue;
        }
        if (!options.apply) {
          const p = previews.get(op.item.id);
          items.push({ ...base, outcome: 'planned', ...(p ? { pending: p.rows, preview: p } : {}), ...(pf ? { preflight: pf } : {}) });
          continue;
        }
        if (stopped) {
          items.push({ ...base, outcome: 'not-started', why: stopped });
          continue;
        }
        try {
          if (op.kind === 'ddl' && op.item.revoke) {
            const out = await runRevocation(connector, plan, op.item, options.accessPolicy ?? (await loadAccessPolicy()), journal);
            if (out.why) log.warn(`${op.item.id}: ${out.why}`);
            items.push({ ...base, ...out });
            if (out.outcome !== 'done') verified = false;
            continue;
          }
          if (op.kind === 'ddl') {
            await applyDdl(connector, family, op.statements.map((s) => compile(family, s)));
            for (const n of op.notes) log.warn(`${op.item.id}: ${n}`);
            items.push({ ...base, outcome: 'done' });
            continue;
          }
          items.push(await runItem(connector, family, op, pf!, { batchSize, salt, journal, options, log }));
          if (items[items.length - 1]!.outcome !== 'done') verified = false;
        } catch (e) {
          const err = toMinimError(e, 'QUERY_FAILED', name);
          const why = `${err.code}: ${err.message.split('\n')[0]}`;
          journal?.record({ item: op.item.id, digest: itemDigest(op.item), state: 'failed', lastKey: journal.last(op.item.id, itemDigest(op.item))?.lastKey ?? null, changed: journal.last(op.item.id, itemDigest(op.item))?.changed ?? 0, skipped: 0, reason: why });
          const at = journal?.last(op.item.id, itemDigest(op.item));
          items.push({ ...base, outcome: 'failed', why, ...(at ? { changed: at.changed } : {}) });
          verified = false;
          stopped = `not started: ${op.item.id} failed before it (${err.code}); run again to resume`;
        }
      }
      sources.push({ source: name, dialect: connector.dialect, fingerprint, script, items });
    }
    return { applied: !!options.apply, sources, skipped, verified };
  } finally {
    journal?.close();
    await Promise.allSettled(opened.map((o) => o.connector.close()));
  }
}

/** Key types whose values are no personal data worth hiding (positions, counters, times, ids). */
const SAFE_KEY_TYPES = new Set(['integer', 'decimal', 'date', 'timestamp', 'uuid', 'time']);

interface RunContext {
  batchSize: number;
  salt: string | undefined;
  journal: Journal | undefined;
  options: MigrateOptions;
  log: Logger;
}

/** Applies, journals and verifies one row item. */
async function runItem(connector: Connector, family: SqlFamily, op: RowOperation, pf: Preflight, run: RunContext): Promise<ItemOutcome> {
  const { journal, options } = run;
  const digest = itemDigest(op.item);
  // NOTE: the journal never holds a value that could be personal data: a key of text columns (an
  // e-mail, an SSN as primary key) is not written down, and such an item resumes from its start
  // (every item is idempotent; resuming by key only saves re-reading what was done).
  const keySafe = !!pf.key && (pf.key.locator || pf.key.columns.every((k) => SAFE_KEY_TYPES.has(op.table.columns.find((c) => c.name === k)?.typeClass ?? 'other')));
  const prior = journal?.last(op.item.id, digest);
  // A done item runs again from the start (it changes nothing, and proves it); a running or failed one resumes.
  const resume = prior && prior.state !== 'done' ? { lastKey: prior.lastKey, changed: prior.changed, skipped: prior.skipped } : null;
  let pending = -1;
  // (values: validated: the rows that change are found while running, by the detectors.)
  if (op.pending && !op.only) {
    const q = compile(family, countPending(op));
    pending = Number((await connector.query(q.sql, q.parameters)).rows[0]?.['minim_n'] ?? 0);
  }
  options.onItemStart?.(op.item.id, pending);
  journal?.record({ item: op.item.id, digest, state: 'running', lastKey: resume?.lastKey ?? null, changed: resume?.changed ?? 0, skipped: resume?.skipped ?? 0 });
  const r = await applyRows(
    {
      connector,
      family,
      batchSize: run.batchSize,
      ...(run.salt !== undefined ? { salt: run.salt } : {}),
      onBatch: (e) => {
        if (e.lastKey) journal?.record({ item: op.item.id, digest, state: 'running', lastKey: keySafe ? e.lastKey : null, changed: e.totalChanged, skipped: 0 });
        options.onBatch?.(e);
      },
    },
    op,
    pf,
    resume,
  );
  const v = await verifyRows(connector, family, op, pf, r, run.batchSize);
  const ok = v.problems.length === 0;
  const why = ok ? undefined : `verification failed: ${v.problems.join('; ')}`;
  if (why) run.log.warn(`${op.item.id}: ${why}`);
  journal?.record({ item: op.item.id, digest, state: ok ? 'done' : 'failed', lastKey: null, changed: r.changed, skipped: r.skipped, ...(why ? { reason: why } : {}) });
  const base = { id: op.item.id, action: op.item.action, ...(op.item.strategy ? { strategy: op.item.strategy } : {}) };
  return {
    ...base,
    outcome: ok ? 'done' : 'failed',
    ...(why ? { why } : {}),
    ...(pending >= 0 ? { pending } : {}),
    changed: r.changed,
    skippedRows: r.skipped,
    batches: r.batches,
    longestBatchMs: Math.round(r.longestBatchMs),
    verify: v,
    preflight: pf,
    ...(resume ? { resumed: true } : {}),
  };
}

/**
 * Applies one revocation item: re-reads the live grants (a fresh review of the columns it
 * protects, judged with the same policy), refuses it when its grant is gone or the REVOKE would
 * now cut an allowed reader's last path, else runs it and re-reads the privileges. `done` only
 * when the grant is verified gone.
 */
async function runRevocation(connector: Connector, plan: Plan, item: PlanItem, policy: AccessPolicy, journal: Journal | undefined): Promise<Pick<ItemOutcome, 'outcome' | 'why' | 'resumed'>> {
  const rv = item.revoke!;
  const digest = itemDigest(item);
  const end = (outcome: 'done' | 'failed', why?: string) => {
    journal?.record({ item: item.id, digest, state: outcome, lastKey: null, changed: 0, skipped: 0, ...(why ? { reason: why } : {}) });
    return { outcome, ...(why ? { why } : {}) };
  };
  const revocation: Revocation = {
    column: rv.columns[0]!, columns: rv.columns, principal: rv.principal, object: rv.object, path: rv.path, statementSql: rv.statement, reason: item.reason, readers: rv.readers,
  };
  const grants = grantsDialect(connector.dialect);
  const granted = await grants.stillGranted(connector, rv.path);
  // Revoked by an earlier run of this plan (the journal says so) and still gone: done, as re-verified now.
  if (!granted && journal?.last(item.id, digest)?.state === 'done') return { outcome: 'done', resumed: true };
  journal?.record({ item: item.id, digest, state: 'running', lastKey: null, changed: 0, skipped: 0 });
  if (!granted) return end('failed', `refused: ${rv.principal} no longer holds ${rv.path.what}; nothing to revoke (re-run minim access and re-plan)`);
  // The columns of every revocation item of this source: a fresh review judges them as the plan did.
  const src = plan.sources.find((s) => s.name === item.source);
  const cols = new Map<string, { schema: string; table: string; column: string; category: string }>();
  for (const i of plan.items) {
    if (!i.revoke || i.source !== item.source) continue;
    for (const c of i.revoke.columns) cols.set(JSON.stringify([c.schema, c.table, c.column]), { ...c, category: i.category });
  }
  const scan = {
    sources: [{ name: item.source, dialect: connector.dialect, ...(src?.department ? { department: src.department } : {}) }],
    columns: [...cols.values()].map((c) => ({ source: item.source, schema: c.schema, table: c.table, column: c.column, findings: [{ category: c.category }] })),
  } as unknown as ScanResult;
  const review = await reviewSource(scan, item.source, connector.dialect, connector, { policy });
  const key = grantKey(rv.path);
  const now = proposeRevocations(review, policy).find((r) => grantKey(r.path) === key);
  if (now?.refused) return end('failed', `refused: ${now.refused.replace(/^refused: /, '')}`);
  if (!now) {
    // No unauthorized reader reads through it any more: still refuse when an allowed reader would lose its last path.
    for (const c of review.columns) {
      for (const r of c.readers) {
        if (r.verdict !== 'allowed' || !r.paths?.length) continue;
        if (r.paths.every((p) => grantKey(p) === key)) return end('failed', `refused: would cut allowed reader ${r.principal}'s path ${rv.path.chain.join(' → ')} (${rv.path.what}) on ${c.schema}.${c.table}.${c.column}`);
      }
    }
  }
  await applyRevocation(connector, revocation);
  const v = await verifyRevocation(connector, revocation);
  if (!v.ok) return end('failed', `verification failed: ${rv.principal} still holds ${rv.path.what} after ${rv.statement}`);
  return end('done');
}
