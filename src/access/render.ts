/** The access review for a terminal (one row per column, one line per reader) and as JSON. */
import Table from 'cli-table3';
import type { AccessReview } from './types.js';
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
    const readers = c.readers.map((r) => s(`${r.principal}${r.superuser ? ' *' : ''} — ${r.via}`));
    table.push([s(`${c.source}: ${c.schema}.${c.table}.${c.column}`), s(c.categories.join(', ')), readers.join('\n') || '(none)', s(c.flags.join(' '))]);
  }
  const note = review.columns.some((c) => c.readers.some((r) => r.superuser)) ? '* bypasses privilege checks (listed, not flagged)\n' : '';
  return (review.columns.length ? table.toString() + '\n' : '') + note + accessSummary(review) + '\n';
}

export function renderAccessJson(review: AccessReview): string {
  return JSON.stringify(review, null, 2) + '\n';
}
