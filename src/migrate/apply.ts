/**
 * Executes one row operation in batches, each batch its own short transaction, recording progress
 * in the journal after every batch:
 * - SQL-side masks and purges: key ranges (the key ending each batch read as text, bound back as a
 *   parameter), the pending rows in the range changed by one statement;
 * - free-text redaction: the rows of a key range read and locked, the scan's validated detectors
 *   find what changes, and only those rows are written, each only if it still holds the value read;
 * - masks of validated values only (`values: validated`): the same reads and locks, the detectors
 *   pick the rows whose value validates, and the SQL-side mask changes exactly those rows.
 * Around every UPDATE batch a checksum of the columns the item must not touch is taken before and
 * after; a difference is a verification failure.
 */
import { sql } from 'kysely';
import { writeSql } from '../../connectors/index.js';
import type { Connector, SqlSession, WriteSql } from '../../connectors/types.js';
import { guardedUpdate, inRange, keyChunks, keyedChange, keyOf, keyTypes, lockRows, rangeBound, rangeChange, readBatch, rowHashes, type BatchKey } from './batch-sql.js';
import type { RowOperation } from './operations.js';
import { tableRef } from './operations.js';
import type { Preflight } from './preflight.js';
import { textOf } from './read.js';
import { compile, type Compiled, type SqlFamily } from './sql-compiler.js';

export interface BatchEvent {
  readonly item: string;
  readonly changed: number;
  readonly totalChanged: number;
  readonly ms: number;
  /** The last key of the batch (null: the end of the table). */
  readonly lastKey: readonly string[] | null;
}

export interface RowResult {
  readonly changed: number;
  /** Rows not written because they changed under the run (the value guard); the next run takes them. */
  readonly skipped: number;
  readonly batches: number;
  /** Longest single batch transaction, ms: the longest any batch held its locks. */
  readonly longestBatchMs: number;
  readonly method: 'keyset' | 'locator' | 'client';
  /** Batches whose untouched columns' checksum differed before and after. */
  readonly checksumMismatches: number;
}

export interface ApplyContext {
  readonly connector: Connector;
  readonly family: SqlFamily;
  readonly batchSize: number;
  /** The hash salt, passed as a parameter inside each batch's transaction; never in SQL text. */
  readonly salt?: string;
  readonly onBatch?: (e: BatchEvent) => void;
}

export interface Resume {
  readonly lastKey: readonly string[] | null;
  readonly changed: number;
  readonly skipped: number;
}

const one = async (s: SqlSession, q: Compiled) => (await s.query(q.sql, q.parameters)).rows[0];

/** The checksum of `columns` over the rows of a range; `lock`: the rows are locked (FOR UPDATE) as they are read. */
function rangeSum(family: SqlFamily, w: WriteSql, op: RowOperation, key: BatchKey, last: readonly string[] | null, upper: readonly string[] | null, columns: readonly string[], lock: boolean): Compiled {
  if (!lock) return compile(family, sql`SELECT ${w.checksum(columns)} AS ${sql.id('minim_h')} FROM ${tableRef(op.table)} WHERE ${inRange(key, last, upper)}`);
  const cols = columns.length > 0 ? sql.join([...new Set([...key.columns, ...columns])].map((c) => sql.id(c))) : sql.raw('1 AS minim_one');
  const inner = sql`SELECT ${cols} FROM ${tableRef(op.table)}${sql.raw(w.lock.hint)} WHERE ${inRange(key, last, upper)}${sql.raw(w.lock.suffix)}`;
  return compile(family, sql`SELECT ${w.checksum(columns)} AS ${sql.id('minim_h')} FROM (${inner}) AS ${sql.id('minim_s')}`);
}


/** Runs `op` to completion from `resume` (or the start). */
export async function applyRows(ctx: ApplyContext, op: RowOperation, pf: Preflight, resume: Resume | null): Promise<RowResult> {
  const { family, connector } = ctx;
  const w = connector.write!;
  const key = pf.key!;
  let changed = resume?.changed ?? 0;
  let skipped = resume?.skipped ?? 0;
  let batches = 0;
  let longest = 0;
  let mismatches = 0;
  let last: readonly string[] | null = resume?.lastKey ?? null;
  // NOTE: a row locator moves a row when it is updated, so ranges cannot be checksummed before/after.
  const check = op.verb === 'update' && !key.locator;

  const batch = async (fn: (s: SqlSession) => Promise<{ n: number; skipped?: number; upper: readonly string[] | null }>) => {
    const t0 = performance.now();
    const r = await connector.transaction(async (s) => {
      await setSalt(s, family, ctx.salt);
      return fn(s);
    });
    const ms = performance.now() - t0;
    longest = Math.max(longest, ms);
    batches++;
    changed += r.n;
    skipped += r.skipped ?? 0;
    ctx.onBatch?.({ item: op.item.id, changed: r.n, totalChanged: changed, ms, lastKey: r.upper });
    return r;
  };

  if (op.redact || op.only) {
    const types = keyTypes(op.table, key);
    // What the client looks for in a value: a validated match to redact, or (values: validated) a
    // value that validates as the item's categories, which the SQL-side mask then changes.
    const picks = op.redact ? (v: string) => op.redact!.redact(v) !== v : (v: string) => op.only!.holds(v);
    const where = op.only ? op.pending! : sql`${sql.id(op.item.column)} IS NOT NULL`;
    for (;;) {
      const r = await batch(async (s) => {
        // 1. Read a key range; the detectors pick the rows that would change. Redaction reads without
        //    locks (few rows change); a validated mask changes most of what it reads, so it locks the
        //    range as it reads it, with the checksum of the other columns.
        const read = compile(family, readBatch(w, op.table, key, [op.item.column], last, ctx.batchSize, op.only ? { where, lock: true, hash: pf.untouched } : { where }));
        const rows = (await s.query(read.sql, read.parameters)).rows;
        const upper = rows.length < ctx.batchSize ? null : keyOf(key, rows[rows.length - 1]!);
        let current = rows;
        if (op.redact) {
          const candidates = rows.filter((row) => {
            const v = textOf(row['minim_v0']);
            return v !== null && picks(v);
          });
          if (candidates.length === 0) return { n: 0, upper };
          // 2. Lock only those rows, and judge what they hold now (a concurrent edit since 1 wins).
          current = (await byKeys(s, candidates.map((row) => keyOf(key, row)), (keys) => lockRows(w, op.table, key, keys, op.item.column, pf.untouched))).rows;
        }
        const before = new Map(current.map((row) => [JSON.stringify(keyOf(key, row)), String(row['minim_h'])]));
        const still = current.filter((row) => {
          const v = textOf(row['minim_v0']);
          return v !== null && picks(v);
        });
        // 3. Write them: the redacted text, each row only if it still holds the value read; or the
        //    SQL-side mask of exactly these (locked, still pending) rows.
        const { n, keys } = op.redact ? await writeRedactions(s, still) : await writeMasks(s, still);
        // 4. In every row written, the columns the item does not name hash as they did.
        if (check && n > 0) {
          const { rows: after } = await byKeys(s, keys, (chunk) => rowHashes(w, op.table, key, chunk, pf.untouched));
          if (after.some((row) => before.get(JSON.stringify(keyOf(key, row))) !== String(row['minim_h']))) mismatches++;
        }
        return { n, skipped: keys.length - n, upper };
      });
      if (!r.upper) break;
      last = r.upper;
    }
    return { changed, skipped, batches, longestBatchMs: longest, method: 'client', checksumMismatches: mismatches };

    async function writeRedactions(s: SqlSession, rows: ReadonlyArray<Record<string, unknown>>): Promise<{ n: number; keys: string[][] }> {
      const changes = rows.map((row) => {
        const old = textOf(row['minim_v0'])!;
        return { key: keyOf(key, row), raw: row['minim_v0'], old, value: op.redact!.redact(old) };
      });
      let n = 0;
      if (changes.length > 0 && w.guardedUpdateMany) {
        const u = compile(family, w.guardedUpdateMany(op.table, types, op.item.column, pf.keep, changes));
        n = (await s.query(u.sql, u.parameters)).rowCount;
      } else {
        for (const c of changes) {
          const u = compile(family, guardedUpdate(w, op.table, key, c.key, op.item.column, c.raw, c.value, pf.keep));
          n += (await s.query(u.sql, u.parameters)).rowCount > 0 ? 1 : 0;
        }
      }
      return { n, keys: changes.map((c) => c.key) };
    }

    async function writeMasks(s: SqlSession, rows: ReadonlyArray<Record<string, unknown>>): Promise<{ n: number; keys: string[][] }> {
      const keys = rows.map((row) => keyOf(key, row));
      const { rowCount } = await byKeys(s, keys, (chunk) => keyedChange(w, op, key, chunk, pf.keep));
      return { n: rowCount, keys };
    }

    /**
     * One statement per list of keys one statement can carry (keyChunks): every row they return and
     * the rows they changed, summed.
     */
    async function byKeys(s: SqlSession, keys: ReadonlyArray<readonly string[]>, statement: (chunk: ReadonlyArray<readonly string[]>) => Parameters<typeof compile>[1]) {
      const rows: Array<Record<string, unknown>> = [];
      let rowCount = 0;
      for (const chunk of keyChunks(w, key, keys)) {
        const q = compile(family, statement(chunk));
        const r = await s.query(q.sql, q.parameters);
        rows.push(...r.rows);
        rowCount += r.rowCount;
      }
      return { rows, rowCount };
    }
  }

  for (;;) {
    const b = compile(family, rangeBound(w, op.table, key, last, ctx.batchSize));
    const row = (await connector.query(b.sql, b.parameters)).rows[0];
    const upper = row ? keyOf(key, row) : null;
    const from = last;
    await batch(async (s) => {
      const before = check ? await one(s, rangeSum(family, w, op, key, from, upper, pf.untouched, true)) : undefined;
      const q = compile(family, rangeChange(op, key, from, upper, pf.keep));
      const n = (await s.query(q.sql, q.parameters)).rowCount;
      if (check && n > 0) {
        const after = await one(s, rangeSum(family, w, op, key, from, upper, pf.untouched, false));
        if (String(after?.['minim_h']) !== String(before?.['minim_h'])) mismatches++;
      }
      return { n, upper };
    });
    if (!upper) break;
    last = upper;
  }
  return { changed, skipped, batches, longestBatchMs: longest, method: key.locator ? 'locator' : 'keyset', checksumMismatches: mismatches };
}

/** Sets the hash salt for the current transaction only (a parameter, never SQL text). */
async function setSalt(s: SqlSession, family: SqlFamily, salt: string | undefined): Promise<void> {
  if (salt === undefined) return;
  const q = writeSql(family).saltStatement(salt);
  await s.query(q.sql, q.parameters);
}

/**
 * Runs DDL statements (restrict, drop), each in its own transaction. A REVOKE the engine refuses
 * because the grant is already gone (`WriteSql.revokedAlready`) has reached its goal state.
 */
export async function applyDdl(connector: Connector, family: SqlFamily, statements: readonly Compiled[]): Promise<void> {
  const w = writeSql(family);
  for (const q of statements) {
    try {
      await connector.transaction((s) => s.query(q.sql, q.parameters));
    } catch (e) {
      if (w.revokedAlready(q.sql, e)) continue;
      throw e;
    }
  }
}
