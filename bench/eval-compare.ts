/**
 * First vs latest evaluation figures side by side, computed from docs/figures.json alone (no
 * measurement): the permanent first sections (`eval.heldout.first`, `eval.development.first`,
 * `eval.flip.first`) beside the latest ones (`eval.heldout`, `eval.development`, `eval.flip`).
 * Writes section `eval.compare`, quoted in docs/eval.md.
 *
 *   node dist/bench/eval-compare.js                          # (re)write eval.compare
 *   node dist/bench/eval-compare.js --record-first-flip <commit>
 *       # once: keep the flip block committed at <commit> (the first flip measurement) as the
 *       # permanent section eval.flip.first, its measuredAt and command as they were recorded
 *   node dist/bench/eval-compare.js --record-before <name> <commit>
 *       # once per round of detection changes: keep the latest sections as committed at <commit>
 *       # (eval.heldout, eval.development, eval.flip) as section eval.before-<name>, the "before"
 *       # of that round, quoted in docs/eval.md
 */
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { CATEGORIES } from './eval/corpus.js';
import { flipMarkdown, type FlipFigures } from './eval/figures-eval.js';
import { readFigures, repoRoot, writeFigures, type FiguresFile } from './figures.js';

const f2 = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toFixed(2));

interface Minimish {
  micro: { precision: number | null; recall: number | null; f1: number | null };
  audit: { recall: number | null; tp?: number; support?: number };
  falseAlarmsPer100Clean: number;
  falseAlarmColumns: number;
  cleanColumns: number;
  perCategory?: Record<string, { support: number; tp: number; precision: number | null; recall: number | null }>;
}
interface Corpusish {
  commit: string;
  columns: number;
  labelled: number;
  auditFive?: string;
  engines: Record<string, Record<string, Minimish>>;
}

function flipCell(flip: FlipFigures | undefined, corpus: string, engine: string): string {
  const row = flip?.rows.find((r) => r.corpus === corpus && r.engine === engine);
  if (!row) return '— (scanned once)';
  return `${row.flipped}/${row.columns} (${((100 * row.flipped) / Math.max(1, row.columns)).toFixed(2)}%, ${row.runs} scans)`;
}

export function compareMarkdown(file: FiguresFile): string {
  const s = file.sections;
  const flipFirst = s['eval.flip.first']?.data as FlipFigures | undefined;
  const flipLast = s['eval.flip']?.data as FlipFigures | undefined;
  const flipFirstCommit = (s['eval.heldout.first']?.data as Corpusish | undefined)?.commit;
  const corpora = [
    { label: 'held-out', key: 'heldout', first: s['eval.heldout.first']?.data as Corpusish | undefined, last: s['eval.heldout']?.data as Corpusish | undefined },
    { label: 'development', key: 'development', first: s['eval.development.first']?.data as Corpusish | undefined, last: s['eval.development']?.data as Corpusish | undefined },
  ];
  const lines = [
    'minim only; first = the permanent untuned record, latest = `eval.heldout` / `eval.development` / `eval.flip`.',
    '',
    '| corpus | engine | measurement | commit | labelled / clean columns | micro P | micro R | micro F1 | audit-five recall | false alarms / 100 clean | flipped columns over N scans |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const c of corpora) {
    for (const engine of ['PostgreSQL', 'MariaDB']) {
      for (const [which, fig, flip] of [['first', c.first, flipFirst], ['latest', c.last, flipLast]] as const) {
        const m = fig?.engines[engine]?.['minim'];
        if (!fig || !m) continue;
        const audit = m.audit.support ? `${f2(m.audit.recall)} (${m.audit.tp}/${m.audit.support})` : `${f2(m.audit.recall)}${fig.auditFive ? ` (${fig.auditFive})` : ''}`;
        // The first flip measurement was taken with the held-out corpus's first run; the
        // development corpus's first run (an earlier commit) had none.
        const hasFlip = flip?.rows.some((r) => r.corpus === c.key && r.engine === engine) ?? false;
        const devFirst = which === 'first' && c.key === 'development';
        const flipText = devFirst ? (hasFlip ? `— (first measured at \`${flipFirstCommit ?? '?'}\`: ${flipCell(flip, c.key, engine)})` : '—') : flipCell(flip, c.key, engine);
        lines.push(`| ${c.label} | ${engine} | ${which} | \`${fig.commit}\` | ${fig.labelled} / ${fig.columns - fig.labelled} | ${f2(m.micro.precision)} | ${f2(m.micro.recall)} | **${f2(m.micro.f1)}** | ${audit} | ${m.falseAlarmsPer100Clean.toFixed(1)} (${m.falseAlarmColumns}/${m.cleanColumns}) | ${flipText} |`);
      }
    }
  }
  const hf = corpora[0]!.first;
  const hl = corpora[0]!.last;
  if (hf && hl) {
    lines.push('', 'Held-out corpus, minim per category (first → latest; n = labelled columns):', '');
    lines.push('| category | n | PostgreSQL R | MariaDB R | PostgreSQL P | MariaDB P | recalled columns, PostgreSQL |');
    lines.push('|---|---|---|---|---|---|---|');
    for (const cat of CATEGORIES) {
      const a = (fig: Corpusish, e: string) => fig.engines[e]?.['minim']?.perCategory?.[cat];
      const pf = a(hf, 'PostgreSQL');
      const pl = a(hl, 'PostgreSQL');
      const mf = a(hf, 'MariaDB');
      const ml = a(hl, 'MariaDB');
      if (!pl || pl.support === 0) continue;
      lines.push(`| ${cat} | ${pl.support} | ${f2(pf?.recall)} → ${f2(pl.recall)} | ${f2(mf?.recall)} → ${f2(ml?.recall)} | ${f2(pf?.precision)} → ${f2(pl.precision)} | ${f2(mf?.precision)} → ${f2(ml?.precision)} | ${pf?.tp ?? '—'} → ${pl.tp} of ${pl.support} |`);
    }
  }
  return lines.join('\n');
}

/** The latest sections of `file` as one table: the "before" of a later round of changes. */
export function snapshotMarkdown(file: FiguresFile, commit: string): string {
  const s = file.sections;
  const flip = s['eval.flip']?.data as FlipFigures | undefined;
  const lines = [
    `minim only, as committed at \`${commit}\` (its \`eval.heldout\`, \`eval.development\` and \`eval.flip\` sections, unchanged).`,
    '',
    '| corpus | engine | measured at commit | labelled / clean columns | micro P | micro R | micro F1 | audit-five recall | false alarms / 100 clean | flipped columns over N scans |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const [label, key] of [['held-out', 'heldout'], ['development', 'development']] as const) {
    const fig = s[`eval.${key}`]?.data as Corpusish | undefined;
    for (const engine of ['PostgreSQL', 'MariaDB']) {
      const m = fig?.engines[engine]?.['minim'];
      if (!fig || !m) continue;
      const audit = m.audit.support ? `${f2(m.audit.recall)} (${m.audit.tp}/${m.audit.support})` : f2(m.audit.recall);
      lines.push(`| ${label} | ${engine} | \`${fig.commit}\` | ${fig.labelled} / ${fig.columns - fig.labelled} | ${f2(m.micro.precision)} | ${f2(m.micro.recall)} | **${f2(m.micro.f1)}** | ${audit} | ${m.falseAlarmsPer100Clean.toFixed(1)} (${m.falseAlarmColumns}/${m.cleanColumns}) | ${flipCell(flip, key, engine)} |`);
    }
  }
  return lines.join('\n');
}

/** Rewrites section eval.compare from the figures file as it is now (called by `npm run eval -- --write` too). */
export function writeCompare(): void {
  writeFigures({ 'eval.compare': { command: 'node dist/bench/eval-compare.js (from docs/figures.json; measures nothing)', data: { from: ['eval.heldout.first', 'eval.heldout', 'eval.development.first', 'eval.development', 'eval.flip.first', 'eval.flip'] }, markdown: compareMarkdown(readFigures()) } });
}

function main(): void {
  const argv = process.argv.slice(2);
  const at = argv.indexOf('--record-first-flip');
  if (at >= 0) {
    const commit = argv[at + 1];
    if (!commit || !/^[0-9a-f]{7,40}$/.test(commit)) throw new Error('eval-compare: --record-first-flip needs the commit whose docs/figures.json holds the first eval.flip block');
    const then = JSON.parse(execFileSync('git', ['show', `${commit}:docs/figures.json`], { cwd: repoRoot(), encoding: 'utf8' })) as FiguresFile;
    const flip = then.sections['eval.flip'];
    if (!flip) throw new Error(`eval-compare: docs/figures.json at ${commit} has no eval.flip section`);
    writeFigures({
      'eval.flip.first': {
        command: `${flip.command} (eval.flip as committed at ${commit}, kept as eval.flip.first)`,
        measuredAt: flip.measuredAt,
        data: flip.data,
        markdown: `**First flip-rate measurement** (taken with the first held-out measurement; recorded once, never overwritten).\n\n${flipMarkdown(flip.data as FlipFigures)}`,
      },
    });
  }
  const bt = argv.indexOf('--record-before');
  if (bt >= 0) {
    const name = argv[bt + 1];
    const commit = argv[bt + 2];
    if (!name || !/^[a-z0-9-]+$/.test(name) || !commit || !/^[0-9a-f]{7,40}$/.test(commit)) {
      throw new Error('eval-compare: --record-before needs a name (a-z, 0-9, -) and the commit whose docs/figures.json holds the "before" sections');
    }
    const then = JSON.parse(execFileSync('git', ['show', `${commit}:docs/figures.json`], { cwd: repoRoot(), encoding: 'utf8' })) as FiguresFile;
    const held = then.sections['eval.heldout'];
    if (!held) throw new Error(`eval-compare: docs/figures.json at ${commit} has no eval.heldout section`);
    writeFigures({
      [`eval.before-${name}`]: {
        command: `${held.command} (eval.heldout, eval.development and eval.flip as committed at ${commit}, kept as the before of a later round)`,
        measuredAt: held.measuredAt,
        data: { commit, heldout: held.data, development: then.sections['eval.development']?.data ?? null, flip: then.sections['eval.flip']?.data ?? null },
        markdown: snapshotMarkdown(then, commit),
      },
    });
  }
  writeCompare();
  process.stdout.write('eval-compare: wrote eval.compare to docs/figures.json and re-rendered the docs\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    main();
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exitCode = 2;
  }
}
