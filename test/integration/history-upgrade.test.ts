/**
 * The history store upgrades in place (embedded PGlite store): a version 1 store — no readers
 * table, no access columns on runs — keeps its runs when opened by this minim, which then records
 * readers into the scan's own run; a store newer than this minim is refused with one clear line.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import type { AccessReview } from '../../src/access/types.js';
import { HISTORY_VERSION } from '../../src/history/schema.js';
import { HistoryStore } from '../../src/history/store.js';
import { fixtureScan } from '../unit/report-fixture.js';

async function raw(dir: string, sql: string): Promise<Array<Record<string, unknown>>> {
  const db = await PGlite.create(dir);
  try {
    const r = await db.exec(sql);
    return (r.at(-1)?.rows ?? []) as Array<Record<string, unknown>>;
  } finally {
    await db.close();
  }
}

describe('history store versions', () => {
  it('upgrades a version 1 store in place, keeping its runs, and records readers into the scan’s run', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'minim-history-upgrade-')), 'store');
    const scan = fixtureScan();
    let h = await HistoryStore.open(`pglite:${dir}`);
    const ids = await h.record(scan);
    await h.close();
    expect(ids).toHaveLength(2);
    // Back to what a version 1 store is.
    await raw(dir, `DROP TABLE minim_history.readers;
      ALTER TABLE minim_history.runs DROP COLUMN access_read_at, DROP COLUMN access_policy;
      UPDATE minim_history.meta SET value = '1' WHERE key = 'version';`);

    h = await HistoryStore.open(`pglite:${dir}`);
    try {
      expect((await h.runs()).map((r) => r.id).sort()).toEqual([...ids].sort());
      const old = await h.snapshot(ids[0]!);
      expect(old?.findings.length).toBeGreaterThan(0);
      expect(old?.access).toBeUndefined();
      expect(await h.latestAccess('payroll')).toBeUndefined();

      const review: AccessReview = {
        version: 1, dialect: 'postgres', policy: 'p.yaml',
        columns: [{
          source: 'payroll', schema: 'public', table: 'employees', column: 'ssn', categories: ['ssn'], flags: [],
          readers: [
            { principal: 'pa1', kind: 'user', login: true, via: 'x', verdict: 'allowed' },
            { principal: 'PUBLIC', kind: 'public', via: 'PUBLIC (SELECT on table)', verdict: 'UNAUTHORIZED' },
            { principal: 'clerk', kind: 'user', login: true, via: 'PUBLIC', viaPublic: true, verdict: 'UNAUTHORIZED' },
          ],
        }],
      };
      const id = await h.recordAccess(scan, 'payroll', review, new Date('2026-12-01T10:00:00Z'));
      const payrollRun = (await h.runs('payroll'))[0]!;
      expect(id, 'the scan’s own run').toBe(payrollRun.id);
      expect((await h.runs()).length).toBe(2);
      const snap = await h.latestAccess('payroll');
      expect(snap?.access).toEqual({
        readAt: '2026-12-01T10:00:00Z', policy: 'p.yaml',
        readers: expect.arrayContaining([
          { schema: 'public', table: 'employees', column: 'ssn', principal: 'pa1', kind: 'user', login: true, verdict: 'allowed', viaPublic: false, setRole: false },
          { schema: 'public', table: 'employees', column: 'ssn', principal: 'PUBLIC', kind: 'public', login: false, verdict: 'UNAUTHORIZED', viaPublic: false, setRole: false },
          { schema: 'public', table: 'employees', column: 'ssn', principal: 'clerk', kind: 'user', login: true, verdict: 'UNAUTHORIZED', viaPublic: true, setRole: false },
        ]),
      });
      // The same scan's readers again: its run already has readers, so a new run holds them.
      const again = await h.recordAccess(scan, 'payroll', review, new Date('2026-12-02T10:00:00Z'));
      expect(again).not.toBe(id);
      expect((await h.runs('payroll')).length).toBe(2);
      expect((await h.latestAccess('payroll'))?.run.id).toBe(again);
    } finally {
      await h.close();
    }
    expect(await raw(dir, `SELECT value FROM minim_history.meta WHERE key = 'version'`)).toEqual([{ value: String(HISTORY_VERSION) }]);
  }, 120_000);

  it('refuses a store newer than this minim, naming it and what to do', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'minim-history-newer-')), 'store');
    await (await HistoryStore.open(`pglite:${dir}`)).close();
    await raw(dir, `UPDATE minim_history.meta SET value = '${HISTORY_VERSION + 1}' WHERE key = 'version'`);
    await expect(HistoryStore.open(`pglite:${dir}`)).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringMatching(new RegExp(`the history store is version ${HISTORY_VERSION + 1}, newer than this minim reads \\(${HISTORY_VERSION}\\); upgrade minim`)),
    });
  }, 120_000);
});
