/**
 * The baseline's own sample: up to N random rows per table (seeded, so reruns agree), every
 * column cast to text in the database, one query per table. Raw values stay in memory.
 */
import type { Corpus } from './corpus.js';
import type { LoadedCorpus } from './load.js';

/** Sampled non-null text values per column key (`department.table.column`, lower case). */
export type Samples = Map<string, string[]>;

/** The key that joins corpus labels, scan output and baseline predictions. */
export function columnKey(department: string, table: string, column: string): string {
  return `${department}.${table}.${column}`.toLowerCase();
}

/** Samples `rows` rows of every corpus table from the loaded engine. */
export async function sampleCorpus(loaded: LoadedCorpus, corpus: Corpus, rows: number): Promise<Samples> {
  const out: Samples = new Map();
  for (const table of corpus.tables) {
    const q = loaded.quote;
    const fq = `${q(loaded.schemaOf(table.department))}.${q(table.name)}`;
    const cols = table.columns.map((c) =>
      loaded.dialect === 'postgres' ? `${q(c.name)}::text` : `CAST(${q(c.name)} AS CHAR)`,
    );
    // Seeded order: the development corpus's `id`; held-out tables (their own keys) by their first column and the row.
    const order = table.columns.some((c) => c.name === 'id') ? `${q('id')}::text` : 't::text';
    const sql =
      loaded.dialect === 'postgres'
        ? `SELECT ${cols.join(', ')} FROM ${fq} AS t ORDER BY md5(${order}) LIMIT ${rows}`
        : `SELECT ${cols.join(', ')} FROM ${fq} ORDER BY RAND(42) LIMIT ${rows}`;
    const result = await loaded.query(table.department, sql);
    table.columns.forEach((c, i) => {
      const values: string[] = [];
      for (const row of result) {
        const v = row[i];
        if (v !== null && v !== undefined) values.push(String(v));
      }
      out.set(columnKey(table.department, table.name, c.name), values);
    });
  }
  return out;
}
