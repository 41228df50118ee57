/**
 * The evaluation corpus: labelled columns of a fictional city's databases, generated
 * deterministically from a seed. Each column's label is the set of category ids it holds.
 */
import { Rng } from './random.js';
import { KINDS, RowContext, type SqlType, type Value } from './kinds.js';
import { DEPARTMENTS, type ColumnSpec } from './corpus-tables.js';
import { note, PLANTS, type Plant } from './values-text.js';

/** The category ids of DESIGN.md, the ones the corpus labels. */
export const CATEGORIES = [
  'ssn', 'dob', 'medical', 'bank_account', 'bank_routing', 'credit_card', 'tax_id',
  'drivers_license', 'passport', 'email', 'phone', 'address', 'person_name', 'ip_address',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** The five audit categories (KCMO's five). */
export const AUDIT_CATEGORIES: readonly Category[] = ['ssn', 'dob', 'medical', 'bank_account', 'credit_card'];

export const DEFAULT_SEED = 20261123;

export interface CorpusColumn {
  name: string;
  type: SqlType;
  /** The generator (kind name, or `text:<style>`), so tests can check the values it planted. */
  kind: string;
  /** Categories the column holds; empty = clean. */
  labels: Category[];
  values: Value[];
}

export interface CorpusTable {
  department: string;
  name: string;
  rows: number;
  columns: CorpusColumn[];
}

export interface Corpus {
  seed: number;
  tables: CorpusTable[];
}

/** Builds the corpus for `seed`; the same seed always gives the same corpus. */
export function generateCorpus(seed: number = DEFAULT_SEED): Corpus {
  const root = new Rng(seed);
  const tables: CorpusTable[] = [];
  for (const dept of DEPARTMENTS) {
    for (const spec of dept.tables) {
      const r = root.fork(`${dept.name}.${spec.name}`);
      const columns: CorpusColumn[] = [
        { name: 'id', type: 'int', kind: 'pk', labels: [], values: [] },
        ...spec.columns.map(initColumn),
      ];
      const marks = spec.columns.map(() => new Set<Plant>());
      for (let row = 0; row < spec.rows; row++) {
        const ctx = new RowContext(r);
        columns[0]!.values.push(row + 1);
        spec.columns.forEach(([, kind, options], i) => {
          const col = columns[i + 1]!;
          if (options?.nulls && r.chance(options.nulls)) {
            col.values.push(null);
          } else if (typeof kind === 'string') {
            col.values.push(KINDS[kind].gen(r, ctx));
          } else {
            col.values.push(note(r, kind.text, kind.rates, (p) => marks[i]!.add(p)));
          }
        });
      }
      spec.columns.forEach(([, kind], i) => {
        if (typeof kind !== 'string') columns[i + 1]!.labels = sortCategories([...marks[i]!].map((p) => PLANTS[p]));
      });
      tables.push({ department: dept.name, name: spec.name, rows: spec.rows, columns });
    }
  }
  return { seed, tables };
}

function initColumn([name, kind]: ColumnSpec): CorpusColumn {
  if (typeof kind === 'string') {
    const k = KINDS[kind];
    return { name, type: k.type, kind, labels: sortCategories(k.labels as Category[]), values: [] };
  }
  return { name, type: 'text', kind: `text:${kind.text}`, labels: [], values: [] };
}

function sortCategories(cats: readonly string[]): Category[] {
  return CATEGORIES.filter((c) => cats.includes(c));
}

/** Every column with its table's coordinates, in corpus order. */
export function corpusColumns(corpus: Corpus): Array<{ table: CorpusTable; column: CorpusColumn }> {
  return corpus.tables.flatMap((table) => table.columns.map((column) => ({ table, column })));
}
