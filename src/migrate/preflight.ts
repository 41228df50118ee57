/**
 * Preflight before any write, per item: the object is a base table and the column is no generated
 * one; a strategy that would collide with a unique constraint or index is refused (hash would not);
 * row triggers and rules are refused unless the item says `triggers: accept`; `ON UPDATE` columns
 * are kept as they were; foreign keys that reference (or are) the column are refused; the batching
 * key is a primary key or a unique NOT NULL key (a row locator with a value guard where the engine
 * has one). Each refusal names the item, the object and what to do.
 */
import type { TableFacts } from '../../connectors/types.js';
import type { BatchKey } from './batch-sql.js';
import type { RowOperation } from './operations.js';

export interface Preflight {
  readonly item: string;
  /** Why the item may not run; empty when it may. */
  readonly refusals: string[];
  /** What the DBA should know (kept ON UPDATE columns, accepted triggers, generated columns that follow). */
  readonly notes: string[];
  readonly key: BatchKey | null;
  /** Columns set to themselves in every UPDATE (so the engine does not rewrite them). */
  readonly keep: string[];
  /** Columns of the table the item must leave byte-identical (checksummed per batch). */
  readonly untouched: string[];
  /** Triggers or rules that will fire (only with `triggers: accept`). */
  readonly firing: string[];
}

/** Strategies that can turn two distinct values into one (a unique column refuses them). */
const COLLIDING = new Set(['last4', 'year', 'redact']);

/** The preflight of one row operation on its table's facts. */
export function preflight(op: RowOperation, facts: TableFacts): Preflight {
  const { item } = op;
  const obj = `${item.schema}.${item.table}`;
  const col = `${obj}.${item.column}`;
  const refusals: string[] = [];
  const notes: string[] = [];
  const say = (what: string) => refusals.push(`item ${item.id}: ${what}`);
  const strategy = item.action === 'purge' ? (item.strategy === 'delete' ? 'delete' : 'null') : (item.strategy ?? '');

  if (facts.kind !== 'table' && facts.kind !== 'partitioned') {
    const base = facts.viewBase?.get(item.column);
    say(`${obj} is a ${facts.kind.replace('_', ' ')}, not a base table; ${base ? `plan the base column ${base.schema}.${base.table}.${base.column} instead` : 'plan the base table it reads instead'}`);
  }
  if (facts.generated.includes(item.column)) say(`${col} is a generated column; mask the columns it is computed from instead`);
  const followers = facts.generated.filter((g) => g !== item.column);
  if (op.verb === 'update' && followers.length > 0) notes.push(`generated column(s) ${followers.join(', ')} are recomputed by the engine if they use ${item.column}`);

  if (op.verb === 'update' && COLLIDING.has(strategy)) {
    for (const u of facts.uniques.filter((x) => x.columns.includes(item.column))) {
      say(`${col} is in unique ${u.columns.length > 1 ? 'key' : 'constraint/index'} ${u.name}; ${strategy} would make values collide — approve strategy hash instead (distinct values stay distinct)`);
    }
  }

  const event = op.verb === 'delete' ? 'delete' : 'update';
  const firing = [
    ...facts.triggers.filter((t) => t.events.includes(event)).map((t) => `trigger ${t.name}`),
    ...facts.rules.map((r) => `rule ${r}`),
  ];
  if (firing.length > 0) {
    if (item.triggers === 'accept') notes.push(`${firing.join(', ')} will fire (accepted by the item's triggers: accept)`);
    else say(`${obj} has ${firing.join(', ')} that would fire on ${event.toUpperCase()} and may change or copy what no item names; disable them for the run, or set triggers: accept on the item and have it re-approved`);
  }
  const keep = op.verb === 'update' ? facts.onUpdate.filter((c) => c !== item.column) : [];
  if (keep.length > 0) notes.push(`ON UPDATE column(s) ${keep.join(', ')} kept as they were`);

  if (op.verb === 'delete') {
    for (const f of facts.referencedBy) say(`rows of ${obj} are referenced by foreign key ${f.name} of ${f.table}; deleting them would fail or cascade — purge ${f.table} first or use strategy blank`);
  } else {
    for (const f of facts.referencedBy.filter((x) => x.columns.includes(item.column))) {
      say(`${col} is referenced by foreign key ${f.name} of ${f.table}; changing it would fail or cascade — mask the referencing column together (hash on both) or drop the constraint first`);
    }
    if (strategy !== 'null') {
      for (const f of facts.references.filter((x) => x.columns.includes(item.column))) {
        say(`${col} is in foreign key ${f.name} referencing ${f.table}; a masked value would not exist there — use strategy null or mask ${f.table} the same way`);
      }
    }
  }

  const usable = facts.keys.find((k) => k.length > 0 && (op.verb === 'delete' || !k.includes(item.column)));
  let key: BatchKey | null = usable ? { columns: usable, locator: false } : null;
  if (!key && facts.rowLocator) {
    key = { columns: [facts.rowLocator], locator: true };
    notes.push(`no primary or unique NOT NULL key: batches by ${facts.rowLocator} ranges, each row written only if it still holds the value read`);
  }
  if (!key && refusals.length === 0) {
    say(`${obj} has no primary key or unique NOT NULL key to batch by${facts.keys.length > 0 ? ` other than ${item.column} itself` : ''}; add one (ALTER TABLE ${obj} ADD PRIMARY KEY …) and run again`);
  }
  // Generated columns follow their inputs; every other column must stay byte-identical.
  const untouched = op.table.columns.map((c) => c.name).filter((c) => c !== item.column && !facts.generated.includes(c));
  return { item: item.id, refusals, notes, key, keep, untouched, firing: item.triggers === 'accept' ? firing : [] };
}
