/**
 * The scan-history store: every scan's inventory (never values) in PostgreSQL or an embedded PGlite
 * directory, through kysely. `record` stores one run per source, `prune` keeps the newest N per source.
 */
import { randomUUID } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Kysely, sql, type Selectable } from 'kysely';
import { openHistoryDialect } from '../../connectors/history-dialect.js';
import { columnExposure } from '../report/exposure.js';
import { departmentOf } from '../report/model.js';
import type { AccessReview } from '../access/types.js';
import type { ScanResult } from '../types.js';
import { migrateHistory, type HistoryDb, type RunsTable } from './schema.js';

/** Where the default store lives: $MINIM_DATA_DIR, else $XDG_DATA_HOME/minim, else ~/.local/share/minim. */
export function dataDir(env: NodeJS.ProcessEnv): string {
  if (env['MINIM_DATA_DIR']) return env['MINIM_DATA_DIR'];
  if (env['XDG_DATA_HOME']) return join(env['XDG_DATA_HOME'], 'minim');
  return join(env['HOME'] || homedir(), '.local', 'share', 'minim');
}

/** The default store URL: an embedded PGlite directory in the user's data directory. */
export function defaultHistoryUrl(env: NodeJS.ProcessEnv): string {
  return `pglite:${join(dataDir(env), 'history')}`;
}

export type Run = Selectable<RunsTable>;

export interface RunColumn {
  schema: string;
  table: string;
  column: string;
  department: string;
  dataType: string;
  rowEstimate: number | null;
}

export interface RunFinding {
  schema: string;
  table: string;
  column: string;
  category: string;
  confidence: number;
  rules: string[];
  validated: number | null;
  rowsExposed: number;
  rowsExact: boolean;
}

/** One principal that could read one sensitive column when the run's grants were read. */
export interface RunReader {
  schema: string;
  table: string;
  column: string;
  principal: string;
  kind: 'role' | 'user' | 'public';
  login: boolean;
  verdict: string | null;
  viaPublic: boolean;
  setRole: boolean;
}

export interface RunSnapshot {
  readonly run: Run;
  readonly columns: RunColumn[];
  readonly findings: RunFinding[];
  /** Present when the run recorded who could read its sensitive columns (`minim access --history`). */
  readonly access?: { readonly readAt: string; readonly policy: string | null; readonly readers: RunReader[] };
}

const CHUNK = 500;
const n = (v: string | number | null): number | null => (v === null ? null : Number(v));

export class HistoryStore {
  private constructor(
    private readonly db: Kysely<HistoryDb>,
    /** Location, password redacted. */
    readonly where: string,
  ) {}

  /** Opens (and creates when missing) the store at `url`: `postgres://…` or `pglite:DIR`. */
  static async open(url: string): Promise<HistoryStore> {
    const { dialect, where } = await openHistoryDialect(url);
    const db = new Kysely<HistoryDb>({ dialect });
    try {
      await migrateHistory(db, `history ${where}`);
    } catch (e) {
      await db.destroy().catch(() => undefined);
      throw e;
    }
    return new HistoryStore(db, where);
  }

  /** Stores one run per source of the scan (or only `only`); returns their ids. Everything in one transaction. */
  async record(scan: ScanResult, now = new Date(), only?: string): Promise<number[]> {
    return this.db.transaction().execute((tx) => this.#record(tx, scan, now, only));
  }

  /**
   * Stores who can read each sensitive column of `source` (names and verdicts only) with its run:
   * the stored run of this very scan when it has no readers yet, else a new run of the scan.
   * Returns the run id, or undefined when the scan could not read the source (nothing stored).
   */
  async recordAccess(scan: ScanResult, source: string, review: AccessReview, now = new Date(), policy?: string): Promise<number | undefined> {
    const readAt = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
    return this.db.transaction().execute(async (tx) => {
      const same = await tx
        .selectFrom('minim_history.runs')
        .select('id')
        .where('source', '=', source)
        .where('scanned_at', '=', scan.scannedAt)
        .where('access_read_at', 'is', null)
        .orderBy('id', 'desc')
        .executeTakeFirst();
      const id = same?.id ?? (await this.#record(tx, scan, now, source))[0];
      if (id === undefined) return undefined;
      await tx.updateTable('minim_history.runs').set({ access_read_at: readAt, access_policy: policy ?? review.policy ?? null }).where('id', '=', id).execute();
      const rows = review.columns
        .filter((c) => c.source === source)
        .flatMap((c) =>
          c.readers.map((r) => ({
            run_id: id,
            schema_name: c.schema,
            table_name: c.table,
            column_name: c.column,
            principal: r.principal,
            kind: r.kind,
            login: r.login === true,
            verdict: r.verdict ?? null,
            via_public: r.viaPublic === true,
            set_role: r.setRole === true,
          })),
        );
      for (let i = 0; i < rows.length; i += CHUNK) await tx.insertInto('minim_history.readers').values(rows.slice(i, i + CHUNK)).execute();
      return id;
    });
  }

  async #record(tx: Kysely<HistoryDb>, scan: ScanResult, now: Date, only?: string): Promise<number[]> {
    const scanId = randomUUID();
    const storedAt = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const ids: number[] = [];
    for (const source of scan.sources) {
      if (only !== undefined && source.name !== only) continue;
      // A source that could not be read says nothing about its columns: storing it empty would read as all gone.
      if (scan.errors.some((e) => e.source === source.name && e.table === undefined)) continue;
      const cols = scan.columns.filter((c) => c.source === source.name);
      const { id } = await tx
        .insertInto('minim_history.runs')
        .values({
          scan_id: scanId,
          scanned_at: scan.scannedAt,
          stored_at: storedAt,
          source: source.name,
          department: source.department ?? null,
          dialect: source.dialect,
          url: source.url ?? null,
          fingerprint: source.fingerprint ?? null,
          server_version: source.serverVersion ?? null,
          columns: cols.length,
          sensitive: cols.filter((c) => c.findings.length > 0).length,
          error_count: scan.errors.filter((e) => e.source === source.name).length,
          sample_seed: scan.sampleSeed ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(id);
      const columnRows = cols.map((c) => ({
        run_id: id,
        schema_name: c.schema,
        table_name: c.table,
        column_name: c.column,
        department: departmentOf(scan, c.source, c.schema),
        data_type: c.dataType,
        row_estimate: c.rowEstimate,
        sampled: c.sampled,
        non_null: c.nonNull,
        skipped: c.skipped ?? null,
      }));
      // Never an example, never a value: rules, counts and ratios only.
      const findingRows = cols.flatMap((c) =>
        c.findings.map((f) => {
          const exposure = columnExposure(c, f);
          const valueEv = f.evidence.filter((e) => e.source === 'value' || e.source === 'text');
          return {
            run_id: id,
            schema_name: c.schema,
            table_name: c.table,
            column_name: c.column,
            category: f.category,
            confidence: f.confidence,
            rules: [...new Set(f.evidence.map((e) => e.rule))].sort().join(','),
            evidence: [...new Set(f.evidence.map((e) => e.source))].sort().join(','),
            match_rate: valueEv.find((e) => e.matchRate !== undefined)?.matchRate ?? null,
            validated: valueEv.length ? Math.max(...valueEv.map((e) => e.validated ?? 0)) : null,
            exact_count: f.exactCount ?? null,
            rows_exposed: exposure.rows,
            rows_exact: exposure.exact,
          };
        }),
      );
      for (let i = 0; i < columnRows.length; i += CHUNK) await tx.insertInto('minim_history.columns').values(columnRows.slice(i, i + CHUNK)).execute();
      for (let i = 0; i < findingRows.length; i += CHUNK) await tx.insertInto('minim_history.findings').values(findingRows.slice(i, i + CHUNK)).execute();
      const errors = scan.errors.filter((e) => e.source === source.name).map((e) => ({ run_id: id, table_name: e.table ?? null, code: e.code, message: e.message }));
      if (errors.length) await tx.insertInto('minim_history.errors').values(errors).execute();
      const risks = (scan.risks ?? [])
        .filter((r) => r.source === source.name)
        .map((r) => ({ run_id: id, schema_name: r.schema, table_name: r.table, kind: r.kind, columns: JSON.stringify(r.columns) }));
      if (risks.length) await tx.insertInto('minim_history.risks').values(risks).execute();
    }
    return ids;
  }

  /** Runs, newest first; optionally of one source. */
  async runs(source?: string): Promise<Run[]> {
    let q = this.db.selectFrom('minim_history.runs').selectAll();
    if (source) q = q.where('source', '=', source);
    return (await q.orderBy('scanned_at', 'desc').orderBy('id', 'desc').execute()) as Run[];
  }

  async run(id: number): Promise<Run | undefined> {
    return (await this.db.selectFrom('minim_history.runs').selectAll().where('id', '=', id).executeTakeFirst()) as Run | undefined;
  }

  /** A run's columns and findings. */
  async snapshot(id: number): Promise<RunSnapshot | undefined> {
    const run = await this.run(id);
    if (!run) return undefined;
    const columns = (await this.db.selectFrom('minim_history.columns').selectAll().where('run_id', '=', id).execute()).map((c) => ({
      schema: c.schema_name,
      table: c.table_name,
      column: c.column_name,
      department: c.department,
      dataType: c.data_type,
      rowEstimate: n(c.row_estimate),
    }));
    const findings = (await this.db.selectFrom('minim_history.findings').selectAll().where('run_id', '=', id).execute()).map((f) => ({
      schema: f.schema_name,
      table: f.table_name,
      column: f.column_name,
      category: f.category,
      confidence: Number(f.confidence),
      rules: f.rules ? f.rules.split(',') : [],
      validated: f.validated,
      rowsExposed: Number(f.rows_exposed),
      rowsExact: Boolean(f.rows_exact),
    }));
    if (run.access_read_at === null || run.access_read_at === undefined) return { run, columns, findings };
    const readers = (await this.db.selectFrom('minim_history.readers').selectAll().where('run_id', '=', id).execute()).map((r): RunReader => ({
      schema: r.schema_name,
      table: r.table_name,
      column: r.column_name,
      principal: r.principal,
      kind: r.kind as RunReader['kind'],
      login: Boolean(r.login),
      verdict: r.verdict,
      viaPublic: Boolean(r.via_public),
      setRole: Boolean(r.set_role),
    }));
    return { run, columns, findings, access: { readAt: run.access_read_at, policy: run.access_policy, readers } };
  }

  /** The newest run of `source` that recorded its readers, with them; undefined when none did. */
  async latestAccess(source: string): Promise<RunSnapshot | undefined> {
    const r = await this.db
      .selectFrom('minim_history.runs')
      .select('id')
      .where('source', '=', source)
      .where('access_read_at', 'is not', null)
      .orderBy('access_read_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    return r ? this.snapshot(r.id) : undefined;
  }

  /**
   * When each finding (source, schema, table, column, category) was first seen in the history kept:
   * key `JSON.stringify([source, schema, table, column, category])` → scanned-at.
   */
  async firstSeen(sources?: readonly string[]): Promise<Map<string, string>> {
    let q = this.db
      .selectFrom('minim_history.findings as f')
      .innerJoin('minim_history.runs as r', 'r.id', 'f.run_id')
      .select(['r.source', 'f.schema_name', 'f.table_name', 'f.column_name', 'f.category'])
      .select((eb) => eb.fn.min('r.scanned_at').as('first'))
      .groupBy(['r.source', 'f.schema_name', 'f.table_name', 'f.column_name', 'f.category']);
    if (sources && sources.length > 0) q = q.where('r.source', 'in', [...sources]);
    const rows = await q.execute();
    return new Map(rows.map((r) => [JSON.stringify([r.source, r.schema_name, r.table_name, r.column_name, r.category]), String(r.first)]));
  }

  /** Sensitive columns per department per run (for the report's trend), oldest first. */
  async trend(limit = 12): Promise<Array<{ scannedAt: string; source: string; department: string; sensitive: number }>> {
    const rows = await this.db
      .selectFrom('minim_history.findings as f')
      .innerJoin('minim_history.runs as r', 'r.id', 'f.run_id')
      .innerJoin('minim_history.columns as c', (j) =>
        j.onRef('c.run_id', '=', 'f.run_id').onRef('c.schema_name', '=', 'f.schema_name').onRef('c.table_name', '=', 'f.table_name').onRef('c.column_name', '=', 'f.column_name'),
      )
      .select(['r.id', 'r.scanned_at', 'r.source', 'c.department'])
      .select(sql<string>`count(DISTINCT (f.schema_name, f.table_name, f.column_name))`.as('sensitive'))
      .groupBy(['r.id', 'r.scanned_at', 'r.source', 'c.department'])
      .orderBy('r.scanned_at', 'asc')
      .execute();
    // The newest `limit` scan dates.
    const dates = new Set([...new Set(rows.map((r) => r.scanned_at))].sort().slice(-limit));
    return rows.filter((r) => dates.has(r.scanned_at)).map((r) => ({ scannedAt: r.scanned_at, source: r.source, department: r.department, sensitive: Number(r.sensitive) }));
  }

  /** Keeps the newest `keep` runs of each source; deletes the rest (their rows cascade). Returns how many went. */
  async prune(keep: number): Promise<number> {
    const runs = await this.runs();
    const seen = new Map<string, number>();
    const drop: number[] = [];
    for (const r of runs) {
      const k = (seen.get(r.source) ?? 0) + 1;
      seen.set(r.source, k);
      if (k > keep) drop.push(r.id);
    }
    if (drop.length === 0) return 0;
    await this.db.deleteFrom('minim_history.runs').where('id', 'in', drop).execute();
    return drop.length;
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
