/** Prints the evaluation: one table per engine, micro lines, and minim's misclassified columns (names only). */
import Table from 'cli-table3';
import { CATEGORIES } from './corpus.js';
import type { Counts, Scores } from './metrics.js';

export interface EngineReport {
  engine: string;
  columns: number;
  labelled: number;
  clean: number;
  sampleRows: number;
  /** Predictor name → scores; minim absent when it was not run. */
  scores: Record<string, Scores>;
  misclassified: Array<{ key: string; expected: string[]; got: string[] }>;
  notes: string[];
}

const pct = (x: number | null) => (x === null ? '—' : x.toFixed(2));

/** Renders one engine's report as text. */
export function renderEngine(r: EngineReport): string {
  const predictors = Object.keys(r.scores);
  const head = ['category', 'n', ...predictors.flatMap((p) => [`${p} P`, `${p} R`])];
  const t = new Table({
    head,
    style: { head: [], border: [], compact: true },
  });
  for (const c of CATEGORIES) {
    const n = r.scores[predictors[0]!]!.perCategory[c].support;
    t.push([c, n, ...predictors.flatMap((p) => pcell(r.scores[p]!.perCategory[c]))]);
  }
  const lines = [
    `\n${r.engine}: ${r.columns} columns (${r.labelled} labelled, ${r.clean} clean), baseline sample ${r.sampleRows} rows per table`,
    t.toString(),
  ];
  for (const p of predictors) {
    const s = r.scores[p]!;
    lines.push(
      `${p.padEnd(14)} micro P ${pct(s.micro.precision)}  R ${pct(s.micro.recall)}  F1 ${pct(s.micro.f1)}` +
        `   audit-five recall ${pct(s.audit.recall)}   false alarms ${s.falseAlarmsPer100Clean.toFixed(1)} per 100 clean (${s.falseAlarmColumns}/${s.cleanColumns})`,
    );
  }
  for (const n of r.notes) lines.push(`note: ${n}`);
  if (r.misclassified.length > 0) {
    lines.push(`minim misclassified columns (${r.misclassified.length}): column — expected → got`);
    for (const m of r.misclassified) lines.push(`  ${m.key} — [${m.expected.join(', ')}] → [${m.got.join(', ')}]`);
  }
  return lines.join('\n');
}

function pcell(c: Counts): string[] {
  return [pct(c.precision), pct(c.recall)];
}
