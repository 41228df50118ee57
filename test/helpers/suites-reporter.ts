/**
 * Which capability suite ran on which engine, recorded from a real run, never typed: with
 * MINIM_RECORD_SUITES=1 this vitest reporter collects every suite declared by `forEachEngine`
 * (test/helpers/suite.ts), per capability × engine ran (tests passed / failed) or skipped (with the
 * reason), and writes `docs/figures.json` section `tests.engines` through bench/figures.ts, which
 * re-renders the README's `<!-- figures:tests.engines -->` block.
 *
 *   MINIM_RECORD_SUITES=1 npx vitest run test/integration
 *   MINIM_RECORD_SUITES=merge npx vitest run test/integration/leak.test.ts   (re-run some, keep the rest)
 */
import { relative } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';
import { readFigures, writeFigures, repoRoot } from '../../bench/figures.js';
import { ENGINE_LABEL, type EngineSuiteMeta, type SuiteDialect } from './suite.js';

export interface EngineCell {
  /** ran: its tests executed; skipped: the engine was not reachable (reason). */
  status: 'ran' | 'skipped';
  passed: number;
  failed: number;
  skip?: string;
  files: string[];
}

export interface SuitesRecord {
  /** capability → engine → what happened. */
  suites: Record<string, Partial<Record<SuiteDialect, EngineCell>>>;
}

const ORDER: readonly SuiteDialect[] = ['postgres', 'mysql', 'pglite', 'mssql'];

/** Folds the engine suites of a finished run into one record. Pure. */
export function recordSuites(modules: ReadonlyArray<TestModule>, root: string): SuitesRecord {
  const suites: SuitesRecord['suites'] = {};
  for (const m of modules) {
    const file = relative(root, m.moduleId);
    for (const s of m.children.allSuites()) {
      const meta = s.meta().engineSuite as EngineSuiteMeta | undefined;
      if (!meta) continue;
      const row = (suites[meta.capability] ??= {});
      const cell = (row[meta.dialect] ??= { status: 'skipped', passed: 0, failed: 0, files: [] });
      if (!cell.files.includes(file)) cell.files.push(file);
      if (meta.skip) {
        cell.skip ??= meta.skip;
        continue;
      }
      for (const t of s.children.allTests()) {
        const state = t.result().state;
        if (state === 'passed') cell.passed++;
        else if (state === 'failed') cell.failed++;
      }
      if (cell.passed + cell.failed > 0) {
        cell.status = 'ran';
        delete cell.skip;
      }
    }
  }
  for (const row of Object.values(suites)) for (const cell of Object.values(row)) cell!.files.sort();
  return { suites: Object.fromEntries(Object.entries(suites).sort(([a], [b]) => a.localeCompare(b))) };
}

/** The README table: one row per capability, one column per engine. */
export function suitesMarkdown(record: SuitesRecord): string {
  const engines = ORDER.filter((d) => Object.values(record.suites).some((row) => row[d]));
  const reasons = new Map<string, number>();
  const cellText = (c: EngineCell | undefined): string => {
    if (!c) return 'not declared';
    if (c.status === 'ran') return c.failed > 0 ? `ran: ${c.passed} passed, **${c.failed} failed**` : `ran: ${c.passed} passed`;
    const reason = c.skip ?? 'no test ran';
    if (!reasons.has(reason)) reasons.set(reason, reasons.size + 1);
    return `skipped [${reasons.get(reason)}]`;
  };
  const lines = [
    `| suite | ${engines.map((d) => ENGINE_LABEL[d]).join(' | ')} |`,
    `|---|${engines.map(() => '---').join('|')}|`,
    ...Object.entries(record.suites).map(([cap, row]) => `| ${cap} | ${engines.map((d) => cellText(row[d])).join(' | ')} |`),
  ];
  if (reasons.size > 0) {
    lines.push('');
    for (const [reason, n] of reasons) lines.push(`[${n}] ${reason.replace(/\|/g, '\\|')}`);
  }
  return lines.join('\n');
}

/**
 * `merge`: the cells of this run replace the same capability × engine cells of the record already
 * in docs/figures.json (a re-run of some suites); every other cell is kept as it was recorded.
 */
export function mergeSuites(earlier: SuitesRecord | undefined, now: SuitesRecord): SuitesRecord {
  const suites: SuitesRecord['suites'] = structuredClone(earlier?.suites ?? {});
  for (const [cap, row] of Object.entries(now.suites)) suites[cap] = { ...(suites[cap] ?? {}), ...row };
  return { suites: Object.fromEntries(Object.entries(suites).sort(([a], [b]) => a.localeCompare(b))) };
}

export default class SuitesReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const mode = process.env['MINIM_RECORD_SUITES'];
    if (mode !== '1' && mode !== 'merge') return;
    const root = repoRoot();
    const now = recordSuites(modules, root);
    if (Object.keys(now.suites).length === 0) return;
    const earlier = readFigures(root).sections['tests.engines'];
    const record = mode === 'merge' ? mergeSuites(earlier?.data as SuitesRecord | undefined, now) : now;
    const files = new Set(Object.values(now.suites).flatMap((row) => Object.values(row).flatMap((c) => c!.files))).size;
    const command =
      mode === 'merge' && earlier
        ? `${earlier.command}; then MINIM_RECORD_SUITES=merge npx vitest run … (${files} engine suite file(s) re-run, their cells replaced)`
        : `MINIM_RECORD_SUITES=1 npx vitest run … (${files} engine suite files of ${modules.length} run)`;
    writeFigures({ 'tests.engines': { command, data: record, markdown: suitesMarkdown(record) } });
    process.stderr.write('suites: recorded tests.engines in docs/figures.json\n');
  }
}
