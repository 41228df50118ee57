/** Readers between two stored runs, as data: who is new, who is gone, who is judged differently, the sentences and the alert. */
import { describe, expect, it } from 'vitest';
import { alarmingReaders, diffReaders, diffRuns, readerSentences, type RunDiff } from '../../src/history/diff.js';
import { renderDiffs } from '../../src/history/render.js';
import type { RunReader, RunSnapshot } from '../../src/history/store.js';

const col = { schema: 'public', table: 'payroll', column: 'ssn' };
const notes = { schema: 'public', table: 'payroll', column: 'notes' };
const reader = (principal: string, verdict: string | null, extra: Partial<RunReader> = {}): RunReader =>
  ({ ...col, principal, kind: 'user', login: true, verdict, viaPublic: false, setRole: false, ...extra });

function snap(id: number, readAt: string | undefined, readers: RunReader[], categories: Record<string, string> = { ssn: 'ssn', notes: 'email' }): RunSnapshot {
  return {
    run: { id, scan_id: 's', scanned_at: readAt ?? '2026-10-01T00:00:00Z', stored_at: '', source: 'hr', department: 'Human Resources', dialect: 'postgres', url: null, fingerprint: null, server_version: null, columns: 2, sensitive: 2, error_count: 0, sample_seed: null, access_read_at: readAt ?? null, access_policy: null },
    columns: [col, notes].map((c) => ({ ...c, department: 'Human Resources', dataType: 'text', rowEstimate: 10 })),
    findings: [col, notes].map((c) => ({ ...c, category: categories[c.column]!, confidence: 0.9, rules: [], validated: null, rowsExposed: 10, rowsExact: false })),
    ...(readAt ? { access: { readAt, policy: null, readers } } : {}),
  };
}

const before = snap(1, '2026-11-01T09:00:00Z', [
  reader('pa1', 'allowed'),
  reader('clerk1', 'UNAUTHORIZED'),
  reader('admins', 'allowed', { kind: 'role', login: false }),
  reader('app', 'allowed'),
  { ...reader('mailer', 'UNAUTHORIZED'), ...notes },
]);
const after = snap(2, '2026-12-01T09:00:00Z', [
  reader('pa1', 'allowed'),
  reader('admins', 'allowed', { kind: 'role', login: false }),
  reader('app', 'UNAUTHORIZED'),
  reader('new1', 'UNAUTHORIZED'),
  reader('new2', 'UNAUTHORIZED'),
  reader('new3', 'allowed'),
  reader('ops', 'UNAUTHORIZED', { kind: 'role', login: false }),
  { ...reader('mailer', 'UNAUTHORIZED'), ...notes },
]);

describe('diffReaders', () => {
  const d = diffReaders(before, after)!;

  it('names the readers new, gone and judged differently per column; unchanged columns are not listed', () => {
    expect(d.from).toEqual({ id: 1, readAt: '2026-11-01T09:00:00Z' });
    expect(d.to).toEqual({ id: 2, readAt: '2026-12-01T09:00:00Z' });
    expect(d.changes).toHaveLength(1);
    const c = d.changes[0]!;
    expect(c).toMatchObject({ department: 'Human Resources', source: 'hr', ...col, categories: ['ssn'], since: '2026-11-01T09:00:00Z' });
    expect(c.added.map((r) => [r.principal, r.verdict])).toEqual([['new1', 'UNAUTHORIZED'], ['new2', 'UNAUTHORIZED'], ['new3', 'allowed'], ['ops', 'UNAUTHORIZED']]);
    expect(c.removed.map((r) => r.principal)).toEqual(['clerk1']);
    expect(c.rejudged).toEqual([{ principal: 'app', kind: 'user', login: true, verdict: 'UNAUTHORIZED', viaPublic: false, was: 'allowed' }]);
  });

  it('says it in words: logins and roles apart, the date of the older reading', () => {
    expect(d.changes[0]!.sentences).toEqual([
      '3 new logins can read ssn in hr.public.payroll.ssn since 2026-11-01 (2 unauthorized): new1, new2, new3',
      '1 new role can read ssn in hr.public.payroll.ssn since 2026-11-01 (1 unauthorized): ops',
      '1 login can no longer read ssn in hr.public.payroll.ssn since 2026-11-01: clerk1',
      'app reads ssn in hr.public.payroll.ssn since 2026-11-01: judged UNAUTHORIZED now, allowed then',
    ]);
  });

  it('PUBLIC, readers through PUBLIC, and long lists counted', () => {
    const many = Array.from({ length: 15 }, (_, i) => ({ principal: `u${String(i).padStart(2, '0')}`, kind: 'user' as const, login: true, verdict: 'UNAUTHORIZED', viaPublic: true }));
    const s = readerSentences({
      department: 'd', source: 's', ...col, categories: ['ssn'], since: '2026-11-01T00:00:00Z', removed: [], rejudged: [],
      added: [{ principal: 'PUBLIC', kind: 'public', login: false, verdict: 'UNAUTHORIZED', viaPublic: false }, ...many],
    });
    expect(s[0]).toBe('PUBLIC (everyone) can read ssn in s.public.payroll.ssn since 2026-11-01 (UNAUTHORIZED)');
    expect(s[1]).toBe('15 new logins can read ssn in s.public.payroll.ssn since 2026-11-01 (15 unauthorized), 15 through PUBLIC: u00, u01, u02, u03, u04, u05, u06, u07, u08, u09, u10, u11 and 3 more');
  });

  it('nothing to compare unless both runs recorded readers', () => {
    expect(diffReaders(snap(1, undefined, []), after)).toBeUndefined();
    expect(diffReaders(before, snap(2, undefined, []))).toBeUndefined();
  });

  it('alerts on new unauthorized readers of a core category only, rejudged included', () => {
    const diff: RunDiff = { ...diffRuns(before, after), readers: d };
    expect(alarmingReaders([diff])).toEqual([{ source: 'hr', ...col, categories: ['ssn'], principals: ['app', 'new1', 'new2', 'ops'] }]);
    // The same change on a column holding e-mail addresses only (no core category) is listed, not an alert.
    const emailBefore = snap(1, '2026-11-01T09:00:00Z', before.access!.readers, { ssn: 'email', notes: 'email' });
    const emailAfter = snap(2, '2026-12-01T09:00:00Z', after.access!.readers, { ssn: 'email', notes: 'email' });
    const e = diffReaders(emailBefore, emailAfter)!;
    expect(e.changes).toHaveLength(1);
    expect(alarmingReaders([{ ...diffRuns(emailBefore, emailAfter), readers: e }])).toEqual([]);
  });

  it('renders the sentences per department in the table and markdown, and the structure in JSON', () => {
    const diff: RunDiff = { ...diffRuns(before, after), readers: d };
    const table = renderDiffs([diff], 'table');
    expect(table).toContain('Human Resources\n');
    expect(table).toContain('  3 new logins can read ssn in hr.public.payroll.ssn since 2026-11-01 (2 unauthorized): new1, new2, new3\n');
    expect(table).toContain('hr: readers, run 1 (2026-11-01T09:00:00Z) → run 2 (2026-12-01T09:00:00Z): 1 column(s) with new readers, 1 with readers gone');
    const md = renderDiffs([diff], 'markdown');
    expect(md).toContain('### Human Resources');
    expect(md).toContain('- 1 login can no longer read ssn in hr.public.payroll.ssn since 2026-11-01: clerk1');
    const json = JSON.parse(renderDiffs([diff], 'json')) as { diffs: RunDiff[] };
    expect(json.diffs[0]!.readers!.changes[0]!.added.map((r) => r.principal)).toEqual(['new1', 'new2', 'new3', 'ops']);
  });

  it('a principal name with control characters is shown escaped on a terminal', () => {
    const evil = snap(2, '2026-12-01T09:00:00Z', [...before.access!.readers, reader('x\u001b[31my', 'UNAUTHORIZED')]);
    const table = renderDiffs([{ ...diffRuns(before, evil), readers: diffReaders(before, evil)! }], 'table');
    expect(table).not.toContain('\u001b');
    expect(table).toContain('x\\x1b[31my');
  });
});
