/**
 * The live schema must still be the one the plan was made from: every column the plan names
 * exists with the type it had (a column an approved drop removed counts as done). PLAN_STALE
 * otherwise, naming what changed.
 */
import type { CatalogTable } from '../../connectors/types.js';
import { MinimError } from '../errors.js';
import { schemaFingerprint, type FingerprintColumn } from '../scan/fingerprint.js';
import { approvalState } from '../plan/digest.js';
import type { PlanItem } from '../plan/plan-schema.js';

export interface LiveSchema {
  /** Live tables by `[schema, table]` JSON key. */
  readonly tables: Map<string, CatalogTable>;
  /** Fingerprint of the named columns as they are now (same set and formula as the plan's). */
  readonly fingerprint: string;
}

export const tableKey = (schema: string, table: string) => JSON.stringify([schema, table]);

/** Checks `items` (one source) against its live catalog; throws PLAN_STALE listing the differences. */
export function checkSchema(source: string, items: readonly PlanItem[], catalog: readonly CatalogTable[], planFile: string): LiveSchema {
  const tables = new Map(catalog.map((t) => [tableKey(t.schema, t.name), t]));
  const problems: string[] = [];
  const live = new Map<string, FingerprintColumn>();
  const check = (item: PlanItem, column: string, dataType: string, droppable: boolean) => {
    const where = `${source}.${item.schema}.${item.table}.${column}`;
    const table = tables.get(tableKey(item.schema, item.table));
    if (!table) return void problems.push(`${where}: table ${item.schema}.${item.table} no longer exists`);
    const col = table.columns.find((c) => c.name === column);
    if (!col) {
      if (!droppable) problems.push(`${where}: column no longer exists`);
      return;
    }
    if (col.dataType !== dataType) problems.push(`${where}: column type changed from ${dataType} to ${col.dataType}`);
    live.set(JSON.stringify([item.schema, item.table, column]), { schema: item.schema, table: item.table, column, dataType: col.dataType });
  };
  for (const item of items) {
    const dropped = item.action === 'drop' && approvalState(item).kind === 'approved';
    check(item, item.column, item.dataType, dropped);
    if (item.retention?.dateColumn && item.retention.dateColumnType) check(item, item.retention.dateColumn, item.retention.dateColumnType, false);
  }
  if (problems.length > 0) {
    const unique = [...new Set(problems)];
    const more = unique.length > 3 ? `; and ${unique.length - 3} more` : '';
    throw new MinimError('PLAN_STALE', `plan ${planFile} no longer matches source ${source}: ${unique.slice(0, 3).join('; ')}${more}; re-scan and re-plan`, { subject: source });
  }
  return { tables, fingerprint: schemaFingerprint(live.values()) };
}
