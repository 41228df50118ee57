/** Approved plan items → operations on the live tables: row changes, DDL, or nothing (and why). */
import { sql, type RawBuilder } from 'kysely';
import { writeSql } from '../../connectors/index.js';
import type { CatalogColumn, CatalogTable } from '../../connectors/types.js';
import type { PlanItem } from '../plan/plan-schema.js';
import { DURATION } from '../plan/policy-schema.js';
import { ClientChange, maskChange, UnsupportedChange } from './mask-sql.js';
import { detectorFor, validatorsOf, type Detector } from './detect.js';
import type { SqlFamily } from './sql-compiler.js';

/** Rows changed in batches: an UPDATE of one column, or a DELETE of rows. */
export interface RowOperation {
  readonly kind: 'rows';
  readonly item: PlanItem;
  readonly table: CatalogTable;
  readonly verb: 'update' | 'delete';
  /** SQL-side update: the new value of the item's column. */
  readonly set?: RawBuilder<unknown>;
  /** SQL-side: rows the operation would still change; false for every row once it has run. */
  readonly pending?: RawBuilder<unknown>;
  /** Client-side (free-text redaction): the scan's validated detectors find what changes. */
  readonly redact?: Detector;
  /**
   * `values: validated`: the SQL-side change (`set`) only in rows whose value this detector
   * validates as the item's categories; the client picks the rows, the database writes them.
   */
  readonly only?: Detector;
}

export interface DdlOperation {
  readonly kind: 'ddl';
  readonly item: PlanItem;
  readonly table: CatalogTable;
  readonly statements: ReadonlyArray<RawBuilder<unknown>>;
  /** Notes for the reviewer (e.g. a table-level grant a column REVOKE cannot remove). */
  readonly notes: string[];
}

/** Nothing to run: `none` (retain, already dropped) or `unsupported` (skipped, with why). */
export interface NoOperation {
  readonly kind: 'none';
  readonly item: PlanItem;
  readonly why: string;
}
export interface UnsupportedOperation {
  readonly kind: 'unsupported';
  readonly item: PlanItem;
  readonly why: string;
}

export type Operation = RowOperation | DdlOperation | NoOperation | UnsupportedOperation;

/** Order of execution: row changes (updates, then deletes), then grants, drops last. */
export function operationRank(op: Operation): number {
  if (op.kind === 'rows') return op.verb === 'update' ? 0 : 1;
  if (op.kind === 'ddl') return op.item.action === 'drop' ? 3 : 2;
  return 4;
}

export const tableRef = (t: { schema: string; name: string }) => sql.id(t.schema, t.name);

/** The operation for one approved item on its live table (`undefined` table: column already dropped). */
export function operationFor(family: SqlFamily, item: PlanItem, table: CatalogTable | undefined): Operation {
  const column = table?.columns.find((c) => c.name === item.column);
  if (item.action === 'retain') return { kind: 'none', item, why: `retain${item.retention ? ` ${item.retention.period}` : ''}: nothing to change` };
  if (item.action === 'drop' && (!table || !column)) return { kind: 'none', item, why: 'column already dropped' };
  if (!table || !column) return { kind: 'unsupported', item, why: 'column not found' };
  // A revocation from an access review: its one REVOKE, written (quoted) when it was proposed; migrate re-judges it live first.
  if (item.revoke) return { kind: 'ddl', item, table, statements: [sql.raw(item.revoke.statement)], notes: [] };
  const c = sql.id(item.column);
  // `values` says which rows a column mask changes; on anything else it would promise what nothing does.
  if (item.values && (item.action !== 'mask' || item.strategy === 'redact')) {
    return { kind: 'unsupported', item, why: `values: ${item.values} applies to column masks (last4, hash, null, year) only; ${item.strategy === 'redact' ? 'redaction always changes validated matches only' : `a ${item.action} item has no rows to choose`}: remove it and approve again` };
  }
  try {
    switch (item.action) {
      case 'mask':
        if (table.primaryKey.includes(item.column)) {
          return { kind: 'unsupported', item, why: 'column is part of the primary key; masking it would break keys (plan drop or restrict instead)' };
        }
        return maskOperation(family, item, table, column, c);
      case 'purge':
        return purge(family, item, table, c);
      case 'drop':
        return { kind: 'ddl', item, table, statements: [sql`ALTER TABLE ${tableRef(table)} DROP COLUMN ${c}`], notes: [] };
      case 'restrict':
        return restrict(family, item, table, c);
    }
  } catch (e) {
    if (e instanceof UnsupportedChange) return { kind: 'unsupported', item, why: e.message };
    throw e;
  }
}

function maskOperation(family: SqlFamily, item: PlanItem, table: CatalogTable, column: CatalogColumn, c: RawBuilder<unknown>): Operation {
  const categories = item.redact ?? [item.category];
  try {
    const change = maskChange(family, item.strategy ?? '', c, column, categories);
    if (item.values !== 'validated') return { kind: 'rows', item, table, verb: 'update', ...change };
    const { detector, missing } = validatorsOf(categories);
    if (missing.length > 0) throw new UnsupportedChange(`values: validated needs a validator of ${missing.join(', ')}, and there is none; set values: all and approve again`);
    return { kind: 'rows', item, table, verb: 'update', ...change, only: detector };
  } catch (e) {
    if (!(e instanceof ClientChange)) throw e;
    const detector = detectorFor(categories);
    const missing = categories.filter((k) => !detector.textCategories.includes(k));
    if (missing.length > 0) throw new UnsupportedChange(`no validated detector for ${missing.join(', ')} inside text; redact cannot find it (restrict or drop the column instead)`);
    return { kind: 'rows', item, table, verb: 'update', redact: detector };
  }
}

function purge(family: SqlFamily, item: PlanItem, table: CatalogTable, c: RawBuilder<unknown>): Operation {
  const dateName = item.retention?.dateColumn;
  const m = item.retention ? DURATION.exec(item.retention.period) : null;
  if (!dateName || !m) return { kind: 'unsupported', item, why: 'purge has no date column: set retention.dateColumn (and dateColumnType), then re-approve' };
  const dateCol: CatalogColumn | undefined = table.columns.find((x) => x.name === dateName);
  if (!dateCol) return { kind: 'unsupported', item, why: `date column ${dateName} not found` };
  const n = Number(m[1]);
  const old = writeSql(family).olderThan(sql.id(dateName), n, m[2] as 'd' | 'm' | 'y');
  if (item.strategy === 'delete') return { kind: 'rows', item, table, verb: 'delete', pending: old };
  return { kind: 'rows', item, table, verb: 'update', set: sql`NULL`, pending: sql`${c} IS NOT NULL AND ${old}` };
}

function restrict(family: SqlFamily, item: PlanItem, table: CatalogTable, c: RawBuilder<unknown>): Operation {
  const notes: string[] = [];
  const statements: Array<RawBuilder<unknown>> = [];
  const w = writeSql(family);
  for (const role of item.restrict?.revokeFrom ?? []) {
    const r = w.revokeColumn(tableRef(table), c, role);
    if ('note' in r) notes.push(r.note);
    else statements.push(r.statement);
  }
  // NOTE: a column REVOKE does not remove a table-wide SELECT grant (PostgreSQL, MySQL; in SQL
  // Server a table GRANT even beats a column DENY); migrate checks and reports such grants.
  if (statements.length === 0) return { kind: 'none', item, why: notes.join('; ') || 'no roles to revoke from' };
  return { kind: 'ddl', item, table, statements, notes };
}
