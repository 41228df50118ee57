/**
 * The access gate's baseline from the history: the readers recorded by the newest
 * `minim access --history` run of each source, as an access review `newUnauthorizedReaders` compares.
 */
import type { AccessColumn, AccessReader, AccessReview, ReaderVerdict } from '../access/types.js';
import { MinimError } from '../errors.js';
import type { HistoryStore } from './store.js';

/** Per source, the newest recorded readers; a source with none recorded is a USAGE error naming the command to run. */
export async function accessBaselineFromHistory(store: HistoryStore, sources: readonly string[]): Promise<{ review: AccessReview; readAt: Map<string, string> }> {
  const columns: AccessColumn[] = [];
  const readAt = new Map<string, string>();
  for (const source of sources) {
    const snap = await store.latestAccess(source);
    if (!snap?.access) {
      throw new MinimError('USAGE', `history ${store.where} has no readers recorded for source ${source}; run minim access ${source}=URL --history first (or use --access-baseline FILE)`, { subject: source });
    }
    readAt.set(source, snap.access.readAt);
    const byCol = new Map<string, AccessReader[]>();
    for (const r of snap.access.readers) {
      const k = JSON.stringify([r.schema, r.table, r.column]);
      byCol.set(k, [
        ...(byCol.get(k) ?? []),
        {
          principal: r.principal, kind: r.kind, login: r.login, via: 'recorded in the history',
          ...(r.verdict ? { verdict: r.verdict as ReaderVerdict } : {}),
          ...(r.viaPublic ? { viaPublic: true } : {}),
          ...(r.setRole ? { setRole: true } : {}),
        },
      ]);
    }
    const cats = new Map<string, string[]>();
    for (const f of snap.findings) {
      const k = JSON.stringify([f.schema, f.table, f.column]);
      cats.set(k, [...(cats.get(k) ?? []), f.category]);
    }
    for (const k of new Set([...byCol.keys()])) {
      const [schema, table, column] = JSON.parse(k) as [string, string, string];
      columns.push({ source, schema, table, column, categories: [...new Set(cats.get(k) ?? [])].sort(), readers: byCol.get(k)!, flags: [] });
    }
  }
  return { review: { version: 1, columns }, readAt };
}
