/**
 * `minim diff [A] [B]`: what changed between two stored runs (default: the last two of each source):
 * findings new, gone and changed per department, each with the date it was first seen, and who can
 * newly read (or no longer read) each sensitive column where runs recorded their readers. Exit 1
 * when a core category (ssn, dob, medical, bank_account, credit_card) appears somewhere new or
 * gains an unauthorized reader.
 */
import { alarming, alarmingReaders, diffReaders, diffRuns, type RunDiff } from '../../history/diff.js';
import { historySettings, openHistory } from '../../history/open.js';
import { renderDiffs, type HistoryFormat } from '../../history/render.js';
import type { HistoryStore } from '../../history/store.js';
import { MinimError } from '../../errors.js';
import type { CliContext, CommandResult } from '../context.js';

interface DiffOptions {
  history?: string;
  config?: string;
  source?: string;
  format?: HistoryFormat;
  out?: string;
  quiet?: boolean;
}

const runId = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new MinimError('USAGE', `diff takes run ids (see minim history), not "${v}"`);
  return n;
};

async function pair(store: HistoryStore, a: number, b: number, seen: Map<string, string>, notes: string[]): Promise<RunDiff> {
  const [sa, sb] = [await store.snapshot(a), await store.snapshot(b)];
  const missing = !sa ? a : !sb ? b : undefined;
  if (missing !== undefined) throw new MinimError('USAGE', `diff: no run ${missing} in the history (it may have been pruned); list runs with minim history`);
  const readers = diffReaders(sa!, sb!);
  if (!readers && (sa!.access || sb!.access)) notes.push(`${sb!.run.source}: run ${sa!.access ? b : a} recorded no readers (minim access --history); readers not compared`);
  return { ...diffRuns(sa!, sb!, seen), ...(readers ? { readers } : {}) };
}

/** The last two readings of a source's readers, when the last two runs are not both readings. */
async function lastReaders(store: HistoryStore, source: string, runs: readonly { id: number; access_read_at?: string | null }[]): Promise<RunDiff['readers']> {
  const read = runs.filter((r) => r.access_read_at);
  if (read.length < 2) return undefined;
  const [sa, sb] = [await store.snapshot(read[1]!.id), await store.snapshot(read[0]!.id)];
  return sa && sb && sa.run.source === source ? diffReaders(sa, sb) : undefined;
}

export async function runDiff(ids: string[], opts: DiffOptions, ctx: CliContext): Promise<CommandResult> {
  if (ids.length > 2) throw new MinimError('USAGE', 'diff compares two runs: minim diff [A] [B]');
  const store = await openHistory(historySettings(opts.history ?? true, undefined, opts.config, ctx.cwd, ctx.env));
  const diffs: RunDiff[] = [];
  const notes: string[] = [];
  try {
    const seen = await store.firstSeen();
    if (ids.length === 2) diffs.push(await pair(store, runId(ids[0]!), runId(ids[1]!), seen, notes));
    else if (ids.length === 1) {
      // One run: compared with the run of its source just before it.
      const b = await store.run(runId(ids[0]!));
      if (!b) throw new MinimError('USAGE', `diff: no run ${ids[0]} in the history; list runs with minim history`);
      const before = (await store.runs(b.source)).find((r) => r.scanned_at < b.scanned_at || (r.scanned_at === b.scanned_at && r.id < b.id));
      if (!before) notes.push(`${b.source}: run ${b.id} is the first stored; nothing to compare with`);
      else diffs.push(await pair(store, before.id, b.id, seen, notes));
    } else {
      const runs = await store.runs(opts.source);
      const sources = [...new Set(runs.map((r) => r.source))].sort();
      if (sources.length === 0) notes.push(`no runs stored in ${store.where}: run minim scan --history first`);
      for (const s of sources) {
        const mine = runs.filter((r) => r.source === s);
        if (mine.length < 2) {
          notes.push(`${s}: one run stored; nothing to compare with yet`);
          continue;
        }
        const d = await pair(store, mine[1]!.id, mine[0]!.id, seen, []);
        // Readers are compared between the last two runs that recorded them, wherever they are.
        const readers = d.readers ?? (await lastReaders(store, s, mine));
        diffs.push({ ...d, ...(readers ? { readers } : {}) });
      }
    }
  } finally {
    await store.close();
  }
  const text = renderDiffs(diffs, opts.format ?? 'table', notes);
  const alarm = alarming(diffs);
  const readerAlarm = alarmingReaders(diffs);
  let summary = '';
  if (alarm.length > 0 && !opts.quiet) summary += `minim: ${alarm.length} new core-category finding(s): ${[...new Set(alarm.map((c) => c.category))].sort().join(', ')}\n`;
  if (readerAlarm.length > 0 && !opts.quiet) {
    const n = readerAlarm.reduce((k, a) => k + a.principals.length, 0);
    summary += `minim: ${n} new unauthorized reader(s) of core-category column(s): ${[...new Set(readerAlarm.flatMap((a) => a.categories))].sort().join(', ')}\n`;
  }
  return {
    code: alarm.length > 0 || readerAlarm.length > 0 ? 1 : 0,
    output: { text, ...(opts.out ? { file: opts.out } : {}) },
    ...(summary ? { summary } : {}),
  };
}
