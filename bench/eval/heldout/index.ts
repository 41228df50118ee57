/**
 * The held-out corpus: real applications' tables and columns (apps/*.ts), rows generated here with
 * the project's seeded PRNG, every column labelled by hand by its purpose (docs/eval-labelling.md).
 * Same `Corpus` shape as the development corpus, so loading, scanning and scoring are shared.
 */
import { Rng } from '../random.js';
import type { Corpus, CorpusTable } from '../corpus.js';
import { CATEGORIES } from '../corpus.js';
import { Row, type HeldoutApp } from './gen.js';
import { openemr } from './apps/openemr.js';
import { synthea } from './apps/synthea.js';
import { omop } from './apps/omop.js';
import { employees, orangehrm } from './apps/hr.js';
import { fixmystreet, suitecrm } from './apps/crm-civic.js';
import { chinook, northwind, sakila } from './apps/commerce.js';

export const HELDOUT_SEED = 20261203;

/** Every source application, in load order. */
export const APPS: readonly HeldoutApp[] = [openemr, synthea, omop, orangehrm, employees, suitecrm, fixmystreet, sakila, northwind, chinook];

/** Builds the held-out corpus for `seed` (the same seed always gives the same rows). */
export function generateHeldout(seed: number = HELDOUT_SEED): Corpus {
  const root = new Rng(seed);
  const tables: CorpusTable[] = [];
  for (const app of APPS) {
    for (const spec of app.tables) {
      const r = root.fork(`${app.name}.${spec.name}`);
      const columns = spec.columns.map((c) => ({
        name: c.name,
        type: c.type,
        kind: 'heldout',
        labels: CATEGORIES.filter((cat) => c.labels.includes(cat)),
        values: [] as Corpus['tables'][number]['columns'][number]['values'],
      }));
      for (let i = 0; i < spec.rows; i++) {
        const row = new Row(r, i);
        spec.columns.forEach((c, j) => columns[j]!.values.push(c.gen(r, row)));
      }
      tables.push({ department: app.name, name: spec.name, rows: spec.rows, columns });
    }
  }
  return { seed, tables };
}
