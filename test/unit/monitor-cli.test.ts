/** The monitoring CLI without a database: --fail-on checked, ignores in check and report, history settings from config and environment. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { signIgnore } from '../../src/check/ignore-signature.js';
import { historySettings } from '../../src/history/open.js';
import { dataDir } from '../../src/history/store.js';
import { buildPlan, loadPolicy, writePlan } from '../../src/plan/index.js';
import { readPlan } from '../../src/plan/plan-file.js';
import { runCaptured } from '../helpers/cli.js';
import { fixtureScan } from './report-fixture.js';
import { makeSteward, stewardsYaml } from '../helpers/stewards.js';

const dir = mkdtempSync(join(tmpdir(), 'minim-monitor-cli-'));
const base = join(dir, 'base.json');
writeFileSync(base, JSON.stringify(fixtureScan()));
const now = fixtureScan();
now.columns.find((c) => c.column === 'hired_on')!.findings = [{ category: 'dob', confidence: 0.9, evidence: [{ rule: 'dob-distribution', source: 'value', matchRate: 1 }], examples: [] }];
const current = join(dir, 'now.json');
writeFileSync(current, JSON.stringify(now));

const ana = await makeSteward('ana');
writeFileSync(join(dir, 'stewards.yaml'), stewardsYaml([ana]));
const sign = (expires: string) => signIgnore({ column: 'payroll.public.employees.hired_on', category: 'dob', reason: 'hire dates, not birth dates', expires }, ana.key);

describe('--fail-on', () => {
  it('an unknown category is exit 2 with one line naming it, in check and in scan', async () => {
    const c = await runCaptured(['check', '--scan', current, '--baseline', base, '--fail-on', 'ssn,sssn']);
    expect(c.code).toBe(2);
    expect(c.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^minim: USAGE: --fail-on: unknown category "sssn"; use any, or one of: address, /)]);
    expect((await runCaptured(['scan', 'postgres://127.0.0.1:1/x', '--fail-on', 'nope'])).code).toBe(2);
  });
  it('narrows what fails the gate', async () => {
    expect((await runCaptured(['check', '--scan', current, '--baseline', base])).code).toBe(1);
    const r = await runCaptured(['check', '--scan', current, '--baseline', base, '--fail-on', 'ssn', '-f', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).held[0].detail).toContain('(not in --fail-on)');
  });
});

describe('ignore entries through the CLI', () => {
  it('a valid entry passes check and leaves the report; an expired one fails and is named', async () => {
    const ignore = join(dir, 'minim.ignore.yaml');
    writeFileSync(ignore, stringify({ ignore: [sign('2099-12-31')] }));
    const ok = await runCaptured(['check', '--scan', current, '--baseline', base, '--ignore', ignore, '--stewards', join(dir, 'stewards.yaml')]);
    expect(ok.code, ok.stdout).toBe(0);
    expect(ok.stdout).toContain('ignored: payroll: public.employees.hired_on: dob ignored by ana until 2099-12-31');
    const html = await runCaptured(['report', current, '-f', 'html', '--ignore', ignore, '--stewards', join(dir, 'stewards.yaml')]);
    expect(html.stdout).toContain('id="exceptions"');
    expect(html.stdout).not.toMatch(/data-cats="dob"[^>]*>.*hired/);
    writeFileSync(ignore, stringify({ ignore: [sign('2020-01-31')] }));
    const expired = await runCaptured(['check', '--scan', current, '--baseline', base, '--ignore', ignore, '--stewards', join(dir, 'stewards.yaml')]);
    expect(expired.code).toBe(1);
    expect(expired.stderr).toContain('is expired: expired 2020-01-31; review it and sign a new entry');
  });

  it('entries kept in the plan are read and verified too', async () => {
    const plan = buildPlan(fixtureScan(), await loadPolicy());
    const file = join(dir, 'plan.yaml');
    await writePlan(file, { ...plan, ignore: [sign('2099-12-31')] });
    expect((await readPlan(file)).ignore).toHaveLength(1);
    const r = await runCaptured(['check', '--scan', current, '--baseline', file, '--stewards', join(dir, 'stewards.yaml'), '-f', 'json']);
    expect(JSON.parse(r.stdout).ignored.map((p: { column: string }) => p.column)).toEqual(['hired_on']);
  });
});

describe('history settings', () => {
  it('data directory: MINIM_DATA_DIR, else XDG_DATA_HOME/minim, else ~/.local/share/minim', () => {
    expect(dataDir({ MINIM_DATA_DIR: '/d', XDG_DATA_HOME: '/x', HOME: '/h' })).toBe('/d');
    expect(dataDir({ XDG_DATA_HOME: '/x', HOME: '/h' })).toBe('/x/minim');
    expect(dataDir({ HOME: '/h' })).toBe('/h/.local/share/minim');
  });
  it('--history URL, else the config’s history.url (with ${ENV}), else the embedded store; keep from --keep, config, 24', () => {
    const cfg = join(dir, 'minim.config.yaml');
    writeFileSync(cfg, 'sources: []\nhistory:\n  url: postgres://minim:${HIST_PW}@db/history\n  keep: 6\n');
    expect(historySettings(true, undefined, cfg, dir, { HIST_PW: 'pw' })).toEqual({ url: 'postgres://minim:pw@db/history', keep: 6 });
    expect(historySettings('pglite:rel/store', 3, cfg, dir, { HIST_PW: 'pw' })).toEqual({ url: `pglite:${join(dir, 'rel/store')}`, keep: 3 });
    expect(historySettings(true, undefined, undefined, '/nowhere', { MINIM_DATA_DIR: '/d' })).toEqual({ url: 'pglite:/d/history', keep: 24 });
  });
});
