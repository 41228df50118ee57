/** The access review for a terminal (one row per column, one line per reader) and as JSON. */
import Table from 'cli-table3';
import { esc } from '../report/html-escape.js';
import { mdTable, mdText } from '../report/markdown-text.js';
import { departmentCounts } from './judge.js';
import type { AccessColumn, AccessReader, AccessReview, RowSecurity } from './types.js';
import { safeText as s } from '../util/text.js';

/** A one-line summary: `14 sensitive columns; 3 flagged (PUBLIC 1, BROAD 2).` */
export function accessSummary(review: AccessReview): string {
  const flagged = review.columns.filter((c) => c.flags.length > 0);
  const per = (f: string) => review.columns.filter((c) => c.flags.includes(f as never)).length;
  const parts = ['PUBLIC', 'BROAD'].map((f) => [f, per(f)] as const).filter(([, n]) => n > 0).map(([f, n]) => `${f} ${n}`);
  const n = review.columns.length;
  return `${n} sensitive column${n === 1 ? '' : 's'}; ${flagged.length} flagged${parts.length ? ` (${parts.join(', ')})` : ''}.`;
}

export function renderAccessTable(review: AccessReview): string {
  const table = new Table({ head: ['column', 'categories', 'readers', 'flags'], style: { head: [], border: [] }, wordWrap: true });
  for (const c of review.columns) {
    const readers = c.readers.filter((r) => !r.viaPublic).map((r) => s(`${r.verdict ? `${r.verdict} ` : ''}${r.principal}${r.superuser ? ' *' : ''} — ${r.via}${r.allowedAs ? ` [as ${r.allowedAs}]` : ''}`));
    const rls = c.rowSecurity ? `\n${s(rowSecurityText(c.rowSecurity))}` : '';
    table.push([s(`${c.source}: ${c.schema}.${c.table}.${c.column}`), s(c.categories.join(', ')), (readers.join('\n') || '(none)') + rls, s(c.flags.join(' '))]);
  }
  const note = review.columns.some((c) => c.readers.some((r) => r.superuser)) ? '* bypasses privilege checks (listed, not flagged)\n' : '';
  return (review.columns.length ? table.toString() + '\n' : '') + note + auditLines(review) + accessSummary(review) + '\n';
}

/** The audit's sentence per judged column, columns with unauthorized readers first. */
export function auditLines(review: AccessReview): string {
  return byUnauthorized(review.columns).filter((c) => c.sentence).map((c) => `${s(c.sentence!)}\n`).join('');
}

/** Judged columns, most unauthorized logins first, then by name. */
function byUnauthorized(columns: readonly AccessColumn[]): AccessColumn[] {
  return [...columns].sort((a, b) => (b.logins?.unauthorized ?? -1) - (a.logins?.unauthorized ?? -1));
}

/** Row-level security in words: `row security on (forced): p1 SELECT to clerk USING (…)`. */
export function rowSecurityText(r: RowSecurity): string {
  const head = `row security ${r.enabled ? 'on' : 'off'}${r.forced ? ' (forced)' : ''}`;
  if (r.policies.length === 0) return r.enabled ? `${head}: no policy, so no rows for non-owners` : head;
  return `${head}: ${r.policies.map((p) => `${p.name} ${p.command}${p.permissive ? '' : ' restrictive'} to ${p.roles.join(', ')}${p.using ? ` USING ${p.using}` : ''}`).join('; ')}`;
}

function readerLine(r: AccessReader): string {
  if (r.verdict === 'allowed') return `${r.principal}: ${r.via}; allowed by ${r.rule} as ${r.allowedAs}`;
  const more = (r.paths ?? []).slice(1).map((p) => `${p.chain.join(' → ')} (${p.what})`);
  return `${r.principal}: ${r.via}${more.length ? `; also ${more.join('; ')}` : ''}`;
}

const VERDICT_ORDER = ['UNAUTHORIZED', 'allowed', 'owner', 'superuser'] as const;

/**
 * The access verdicts as Markdown, per department: columns with unauthorized readers first, the
 * count of logins, and the path of each reader's grant. Empty when nothing was judged.
 */
export function renderAccessVerdictsMarkdown(review: AccessReview): string {
  const judged = review.columns.filter((c) => c.logins);
  if (judged.length === 0) return '';
  let out = `## Who can read what${review.policy ? ` (access policy ${mdText(review.policy)})` : ''}\n\n`;
  for (const d of departmentCounts(review)) {
    const n = d.logins;
    out += `### ${mdText(d.department)}: ${n.total} login(s) can read its sensitive columns, ${n.allowed} allowed, ${n.unauthorized} unauthorized\n\n`;
    const cols = byUnauthorized(judged.filter((c) => (c.department ?? c.source) === d.department));
    out += mdTable(
      ['column', 'categories', 'logins', 'allowed', 'unauthorized', 'superusers', 'owners'],
      cols.map((c) => [
        mdText(`${c.schema}.${c.table}.${c.column}`), mdText(c.categories.join(', ')),
        String(c.logins!.total), String(c.logins!.allowed), String(c.logins!.unauthorized), String(c.logins!.superusers), String(c.logins!.owners),
      ]),
    ) + '\n';
    for (const c of cols) {
      out += `#### ${mdText(c.sentence ?? `${c.schema}.${c.table}.${c.column}`)}\n\n`;
      if (c.rowSecurity) out += `- ${mdText(rowSecurityText(c.rowSecurity))}\n`;
      for (const v of VERDICT_ORDER) {
        for (const r of c.readers.filter((x) => x.verdict === v)) out += `- ${v} ${mdText(readerLine(r))}\n`;
      }
      const pub = c.readers.find((r) => r.kind === 'public' && !r.verdict);
      if (pub) out += `- ${mdText(readerLine(pub))}\n`;
      out += '\n';
    }
  }
  return out;
}

/** The same as an HTML section (escaped), for the HTML report. */
export function renderAccessVerdictsHtml(review: AccessReview): string {
  const judged = review.columns.filter((c) => c.logins);
  if (judged.length === 0) return '';
  let out = `<section class="access-verdicts"><h2>Who can read what${review.policy ? ` <small>(access policy ${esc(review.policy)})</small>` : ''}</h2>`;
  for (const d of departmentCounts(review)) {
    const n = d.logins;
    out += `<h3>${esc(d.department)}: ${n.total} login(s) can read its sensitive columns, ${n.allowed} allowed, <strong>${n.unauthorized} unauthorized</strong></h3>`;
    const cols = byUnauthorized(judged.filter((c) => (c.department ?? c.source) === d.department));
    for (const c of cols) {
      out += `<details${c.logins!.unauthorized > 0 ? ' open' : ''}><summary>${esc(c.sentence ?? `${c.schema}.${c.table}.${c.column}`)}</summary><ul>`;
      if (c.rowSecurity) out += `<li>${esc(rowSecurityText(c.rowSecurity))}</li>`;
      for (const v of VERDICT_ORDER) {
        for (const r of c.readers.filter((x) => x.verdict === v)) {
          out += `<li class="verdict-${v.toLowerCase()}"><b>${esc(v)}</b> ${esc(readerLine(r))}</li>`;
        }
      }
      out += '</ul></details>';
    }
  }
  return out + '</section>';
}

export function renderAccessJson(review: AccessReview): string {
  return JSON.stringify(review, null, 2) + '\n';
}
