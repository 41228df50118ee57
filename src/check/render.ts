/** `minim check` output: a terminal table, JSON, or a Markdown summary fit for a pull-request comment. */
import Table from 'cli-table3';
import { mdTable, mdText } from '../report/markdown.js';
import type { CheckProblem, CheckResult } from './compare.js';
import { safeText as s } from '../util/text.js';

const LABEL: Record<CheckProblem['kind'], string> = { new: 'new', changed: 'changed', unapproved: 'unapproved', unapplied: 'approved but not applied' };

/** `Check failed: 2 sensitive columns need review (1 new, 1 unapproved) of 14 checked against plan.yaml.` */
export function checkSummary(r: CheckResult): string {
  const against = `against ${r.baseline.kind} ${s(r.baseline.path)}`;
  if (r.ok) return `Check passed: ${r.checked} sensitive column${r.checked === 1 ? '' : 's'} checked ${against}; nothing new or unapproved.`;
  const per = (['new', 'changed', 'unapproved', 'unapplied'] as const)
    .map((k) => [k, r.problems.filter((p) => p.kind === k).length] as const)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${LABEL[k]}`);
  const n = r.problems.length;
  return `Check failed: ${n} sensitive column${n === 1 ? '' : 's'} need${n === 1 ? 's' : ''} review (${per.join(', ')}) of ${r.checked} checked ${against}.`;
}

export function renderCheckTable(r: CheckResult): string {
  let out = '';
  if (r.problems.length > 0) {
    const t = new Table({ head: ['', 'column', 'categories', 'why'], style: { head: [], border: [] }, wordWrap: true });
    for (const p of r.problems) t.push([p.kind, s(`${p.source}: ${p.schema}.${p.table}.${p.column}`), s(p.categories.join(', ')), s(p.detail)]);
    out += t.toString() + '\n';
  }
  for (const p of r.resolved) out += `  resolved: ${s(`${p.source}: ${p.schema}.${p.table}.${p.column}`)}: ${s(p.detail)}\n`;
  for (const p of r.held) out += `  held: ${s(`${p.source}: ${p.schema}.${p.table}.${p.column}`)}: ${s(p.detail)}\n`;
  for (const p of r.ignored) out += `  ignored: ${s(`${p.source}: ${p.schema}.${p.table}.${p.column}`)}: ${s(p.detail)}\n`;
  for (const x of r.staleIgnores) out += `  ignore ${x.state}: ${s(x.column)} (${s(x.category)}, ${s(x.steward)}): ${s(x.detail)}\n`;
  return out + checkSummary(r) + '\n';
}

export function renderCheckJson(r: CheckResult): string {
  return JSON.stringify({ version: 1, ...r }, null, 2) + '\n';
}

/** A PR comment: verdict, a table of what needs review, and how to resolve it. */
export function renderCheckMarkdown(r: CheckResult): string {
  let out = `### ${r.ok ? '✅' : '❌'} minim check\n\n${mdText(checkSummary(r))}\n`;
  if (r.problems.length > 0) {
    out += '\n' + mdTable(
      ['', 'Column', 'Categories', 'Why'],
      r.problems.map((p) => [`**${p.kind}**`, mdText(`${p.source}: ${p.schema}.${p.table}.${p.column}`), mdText(p.categories.join(', ')), mdText(p.detail)]),
    );
    out += r.baseline.kind === 'plan'
      ? '\nTo resolve: re-run `minim plan`, then have a steward `minim approve` the new items (or remove the columns).\n'
      : '\nTo resolve: review these columns, then refresh the baseline scan (or gate on an approved plan with `--baseline plan.yaml`).\n';
  }
  const notes = [
    ...r.held.map((p) => `- held: ${mdText(`${p.source}: ${p.schema}.${p.table}.${p.column}`)}: ${mdText(p.detail)}`),
    ...r.ignored.map((p) => `- ignored: ${mdText(`${p.source}: ${p.schema}.${p.table}.${p.column}`)}: ${mdText(p.detail)}`),
    ...r.staleIgnores.map((s) => `- **ignore ${s.state}**: ${mdText(`${s.column} (${s.category}, ${s.steward})`)}: ${mdText(s.detail)}`),
  ];
  if (notes.length > 0) out += `\n<details><summary>${notes.length} held, ignored or stale exception(s)</summary>\n\n${notes.join('\n')}\n\n</details>\n`;
  if (r.resolved.length > 0) {
    out += `\n<details><summary>${r.resolved.length} resolved since the baseline</summary>\n\n`;
    out += r.resolved.map((p) => `- ${mdText(`${p.source}: ${p.schema}.${p.table}.${p.column}`)}: ${mdText(p.detail)}`).join('\n') + '\n\n</details>\n';
  }
  return out;
}
