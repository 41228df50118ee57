/** `minim ignore`: a steward signs an exception with their own key; check honours it, a forger's edit does not count. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runCaptured } from '../helpers/cli.js';
import { makeSteward, stewardsYaml } from '../helpers/stewards.js';
import { fixtureScan } from './report-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'minim-ignore-cli-'));
const base = join(dir, 'base.json');
writeFileSync(base, JSON.stringify(fixtureScan()));
const now = fixtureScan();
now.columns.find((c) => c.column === 'hired_on')!.findings = [{ category: 'dob', confidence: 0.9, evidence: [{ rule: 'dob-distribution', source: 'value', matchRate: 1 }], examples: [] }];
const current = join(dir, 'now.json');
writeFileSync(current, JSON.stringify(now));
const ana = await makeSteward('Ana Ruiz', { sources: ['payroll'], categories: ['dob'] });
const bo = await makeSteward('Bo Chen', { sources: ['courts'] });
writeFileSync(join(dir, 'stewards.yaml'), stewardsYaml([ana, bo]));
const expires = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
const ignoreFile = join(dir, 'minim.ignore.yaml');
const stewardsFile = join(dir, 'stewards.yaml');
const files = ['--stewards', stewardsFile];
const args = (column: string, category = 'dob') => ['ignore', column, '--category', category, '--reason', 'hire dates, not birth dates', '--expires', expires, '--file', ignoreFile, ...files];
const checkArgs = ['check', '--scan', current, '--baseline', base, '--ignore', ignoreFile, ...files];

describe('minim ignore', () => {
  it('signs an entry with the steward key; check then passes, and says who ignored it', async () => {
    const gateBefore = await runCaptured(['check', '--scan', current, '--baseline', base], { ...ana.env });
    expect(gateBefore.code).toBe(1);
    const r = await runCaptured(args('payroll.public.employees.hired_on'), { ...ana.env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('ignored until');
    const file = parseYaml(readFileSync(ignoreFile, 'utf8')) as { ignore: Array<Record<string, string>> };
    expect(file.ignore).toEqual([expect.objectContaining({ steward: 'Ana Ruiz', keyId: ana.key.keyId, signature: expect.any(String) })]);
    const gate = await runCaptured(checkArgs, { ...ana.env });
    expect(gate.code, gate.stdout + gate.stderr).toBe(0);
    expect(gate.stdout).toContain('dob ignored by Ana Ruiz');
  });

  it('an entry edited after signing (another column) suppresses nothing', async () => {
    const path = ignoreFile;
    const file = parseYaml(readFileSync(path, 'utf8')) as { ignore: Array<Record<string, string>> };
    writeFileSync(path, stringify({ ignore: [{ ...file.ignore[0], column: 'payroll.public.employees.*' }] }));
    const gate = await runCaptured(checkArgs, { ...ana.env });
    expect(gate.code).toBe(1);
    expect(gate.stderr).toMatch(/is invalid: bad-signature/);
  });

  it('refuses what the steward may not sign, a typo in the category, and an expiry beyond a year', async () => {
    const out = await runCaptured(args('payroll.public.employees.hired_on'), { ...bo.env });
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/out-of-scope: Bo Chen may not decide this: source payroll/);
    const typo = await runCaptured(args('payroll.public.employees.hired_on', 'dobb'), { ...ana.env });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/unknown category "dobb"; use \* or one of: /);
    const far = await runCaptured(['ignore', 'payroll.public.employees.hired_on', '--category', 'dob', '--reason', 'x', '--expires', '2099-01-01', '--file', ignoreFile, ...files], { ...ana.env });
    expect(far.code).toBe(2);
    expect(far.stderr).toContain('more than 366 days away');
  });
});
