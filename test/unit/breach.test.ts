/** Breach-notification profiles as data: loaded, validated (statute and review: counsel on every entry), applied to exposure. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBreachProfiles, readBreachProfiles } from '../../src/report/breach.js';
import { exposureDetails, renderExposure } from '../../src/report/exposure-render.js';
import type { ScanResult } from '../../src/types.js';
import { fixtureScan } from './report-fixture.js';

const withName = (): ScanResult => {
  const s = fixtureScan();
  s.columns.push({
    source: 'payroll', schema: 'public', table: 'employees', column: 'full_name', dataType: 'text', rowEstimate: 18234, sampled: 1000, nonNull: 1000,
    findings: [{ category: 'person_name', confidence: 0.9, evidence: [{ rule: 'person-name-dictionary', source: 'value', matchRate: 0.95 }], examples: [] }],
  });
  return s;
};

describe('breach profiles', () => {
  it('ships Missouri and Colorado, every entry citing its statute and marked review: counsel', () => {
    const all = readBreachProfiles();
    expect([...all.keys()]).toEqual(['colorado', 'missouri']);
    for (const p of all.values()) {
      const entries = [p, ...p.elements, ...p.notTriggers, p.safeHarbor, p.deadline, ...p.thresholds];
      for (const e of entries) {
        expect(e.statute).toMatch(p.id === 'missouri' ? /^RSMo 407\.1500/ : /^C\.R\.S\. 6-1-716/);
        expect(e.review).toBe('counsel');
      }
    }
  });

  it('refuses a profile entry without review: counsel, naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'minim-breach-'));
    writeFileSync(join(dir, 'x.yaml'), `id: x\njurisdiction: X\nstatute: X 1\nreview: counsel\nrequiresName: true\nnameCategories: [person_name]\nelements:\n  - { id: ssn, categories: [ssn], statute: X 1(a) }\nnotTriggers: []\nsafeHarbor: { statute: X 2, review: counsel, note: n }\ndeadline: { text: soon, statute: X 3, review: counsel }\nthresholds: []\n`);
    expect(() => readBreachProfiles(dir)).toThrow(/breach profile .*x\.yaml: .*review/);
  });

  it('an unknown --breach id is a usage error listing the known ones', async () => {
    await expect(loadBreachProfiles(['texas'])).rejects.toThrow('--breach: no profile "texas"; use all, or one of: colorado, missouri');
  });

  it('SSN with a name in the same table obliges notice; without a name it does not; contact data never does', async () => {
    const profiles = await loadBreachProfiles(['all']);
    const rows = exposureDetails(withName(), { breach: profiles });
    const verdict = (source: string, category: string, profile: string) => rows.find((r) => r.source === source && r.category === category)!.breach!.find((b) => b.profile === profile)!;
    const mo = verdict('payroll', 'ssn', 'missouri');
    expect(mo).toMatchObject({ verdict: 'notify', statute: 'RSMo 407.1500.1(9)(a)', review: 'counsel' });
    // ~17,869 rows pass the 1,000-resident threshold: the Attorney General and the reporting agencies too.
    expect(mo.alsoNotify.join(' ')).toContain('Attorney General');
    expect(verdict('payroll', 'ssn', 'colorado')).toMatchObject({ verdict: 'notify', statute: 'C.R.S. 6-1-716(1)(g)(I)(A)' });
    // The 311 notes hold SSNs but no name column: the statute needs a name with the element.
    expect(verdict('calls', 'ssn', 'missouri')).toMatchObject({ verdict: 'no', why: expect.stringContaining('no name in the same table') });
    expect(verdict('calls', 'phone', 'missouri')).toMatchObject({ verdict: 'no', statute: 'RSMo 407.1500.1(9)' });
  });

  it('exposure says since when each category has been there (from history) in every format', () => {
    const firstSeen = new Map([[JSON.stringify(['payroll', 'public', 'employees', 'ssn', 'ssn']), '2026-06-01T03:00:00Z']]);
    const rows = exposureDetails(fixtureScan(), { firstSeen });
    expect(rows.find((r) => r.source === 'payroll' && r.category === 'ssn')?.since).toBe('2026-06-01T03:00:00Z');
    expect(renderExposure(fixtureScan(), 'markdown', { firstSeen })).toContain('| 2026-06-01 |');
    expect(renderExposure(fixtureScan(), 'csv', { firstSeen })).toContain(',2026-06-01T03:00:00Z');
    const json = JSON.parse(renderExposure(fixtureScan(), 'json', { firstSeen })) as { exposure: Array<{ source: string; category: string; since?: string }> };
    expect(json.exposure.find((r) => r.source === 'payroll' && r.category === 'ssn')?.since).toBe('2026-06-01T03:00:00Z');
  });
});
