/**
 * The gate that never cries wolf: hysteresis around the report threshold, validated core values,
 * approved-but-unapplied and rejected plan items, signed and expiring ignore entries.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkScan } from '../../src/check/compare.js';
import { validatedRuleIds } from '../../src/check/gate.js';
import { applyIgnores, evaluateIgnores, ignorePayload, readIgnoreFile, type IgnoreEntry } from '../../src/check/ignore.js';
import { signIgnore, stewardsVerifier } from '../../src/check/ignore-signature.js';
import { buildPlan, decide, loadPolicy, selectItems } from '../../src/plan/index.js';
import { loadRules } from '../../src/rules/load.js';
import type { Finding, ScanResult } from '../../src/types.js';
import { fixtureScan } from './report-fixture.js';
import { signedBytes } from '../../src/approvals/sign.js';
import { parseStewards } from '../../src/approvals/stewards.js';
import { makeSteward, stewardsYaml, writeStewards } from '../helpers/stewards.js';

const ana = await makeSteward('Ana');
const eve = await makeSteward('Eve');
const registry = parseStewards(stewardsYaml([ana]), 'stewards.yaml');

const validatorRules = validatedRuleIds(loadRules());
const edit = (s: ScanResult, fn: (s: ScanResult) => void) => {
  const c = structuredClone(s);
  fn(c);
  return c;
};
const col = (s: ScanResult, name: string) => s.columns.find((c) => c.column === name)!;
const dobByDistribution = (confidence: number): Finding => ({ category: 'dob', confidence, evidence: [{ rule: 'dob-distribution', source: 'value', matchRate: 1, validated: 1000 }], examples: [] });

describe('check hysteresis', () => {
  const base = edit(fixtureScan(), (s) => {
    s.candidatesListed = true;
    col(s, 'hired_on').candidates = [dobByDistribution(0.55)];
  });

  it('a near-threshold candidate in the baseline that crosses the threshold is held, not new', () => {
    const now = edit(base, (s) => (col(s, 'hired_on').findings = [dobByDistribution(0.62)]));
    const r = checkScan(now, { kind: 'scan', path: 'b.json', scan: base }, { validatorRules });
    expect(r.ok).toBe(true);
    expect(r.held.map((p) => [p.column, p.detail])).toEqual([['hired_on', 'dob held: confidence 0.62 within 0.1 of the threshold 0.6']]);
  });

  it('the same candidate clearing the threshold by the margin is new', () => {
    const now = edit(base, (s) => (col(s, 'hired_on').findings = [dobByDistribution(0.75)]));
    const r = checkScan(now, { kind: 'scan', path: 'b.json', scan: base }, { validatorRules });
    expect(r.problems.map((p) => [p.kind, p.column])).toEqual([['new', 'hired_on']]);
  });

  it('one validated value of a core category is new at any confidence', () => {
    const now = edit(base, (s) => {
      col(s, 'hired_on').findings = [{ category: 'ssn', confidence: 0.61, evidence: [{ rule: 'ssn-in-text', source: 'text', rows: 1, validated: 1 }], examples: [] }];
      col(s, 'hired_on').candidates = [];
    });
    // Not a candidate before: crossing from far below counts at the plain threshold anyway.
    expect(checkScan(now, { kind: 'scan', path: 'b.json', scan: base }, { validatorRules }).problems.map((p) => p.column)).toEqual(['hired_on']);
    const near = edit(base, (s) => (col(s, 'hired_on').candidates = [{ category: 'ssn', confidence: 0.5, evidence: [], examples: [] }]));
    expect(checkScan(now, { kind: 'scan', path: 'b.json', scan: near }, { validatorRules }).problems.map((p) => p.detail)).toEqual(['newly sensitive: ssn']);
  });

  it('a baseline without candidates applies the margin to every category newly seen in a known column', () => {
    const plain = fixtureScan();
    const now = edit(plain, (s) => (col(s, 'hired_on').findings = [dobByDistribution(0.64)]));
    const r = checkScan(now, { kind: 'scan', path: 'b.json', scan: plain }, { validatorRules });
    expect(r.ok).toBe(true);
    expect(r.held).toHaveLength(1);
  });
});

describe('check against a plan: approved, applied, rejected', () => {
  const scan = edit(fixtureScan(), (s) => (s.columns = s.columns.filter((c) => c.source === 'payroll')));
  const ssnOnly = (validated: number, extra: Finding[] = []) =>
    edit(scan, (s) => {
      col(s, 'ssn').findings = [
        { category: 'ssn', confidence: 0.99, evidence: [{ rule: 'us-ssn', source: 'value', matchRate: 0.98, validated }, { rule: 'name-ssn', source: 'name', pattern: 'ssn' }], examples: [] },
        ...extra,
      ];
    });

  it('fails on an approved mask that was never applied and passes once applied', async () => {
    const built = buildPlan(scan, await loadPolicy());
    // Payroll's policy retains SSNs; this plan masks them (the steward's edit before approving).
    const plan = { ...built, items: built.items.map((i) => (i.column === 'ssn' && i.category === 'ssn' ? { ...i, action: 'mask' as const, strategy: 'last4' as const } : i)) };
    const approved = decide(plan, selectItems(plan, { all: true }, 'plan.yaml').items, { verdict: 'approved', reason: 'test', key: ana.key, stewards: registry }).plan;
    const before = checkScan(ssnOnly(977), { kind: 'plan', path: 'plan.yaml', plan: approved }, { validatorRules });
    expect(before.problems.map((p) => [p.kind, p.column])).toEqual([['unapplied', 'ssn']]);
    expect(before.problems[0]!.detail).toContain('mask approved but not applied (977 validated value(s) still sampled)');
    // Masked to ***-**-6789: the name still says ssn, no value validates.
    expect(checkScan(ssnOnly(0), { kind: 'plan', path: 'plan.yaml', plan: approved }, { validatorRules }).ok).toBe(true);
  });

  it('a rejected item passes until the data changes category', async () => {
    const plan = buildPlan(scan, await loadPolicy());
    const rejected = decide(plan, selectItems(plan, { all: true }, 'plan.yaml').items, { verdict: 'rejected', reason: 'payroll keeps SSNs for W-2s', key: ana.key, stewards: registry }).plan;
    expect(checkScan(ssnOnly(977), { kind: 'plan', path: 'plan.yaml', plan: rejected }, { validatorRules }).ok).toBe(true);
    const email: Finding = { category: 'email', confidence: 0.95, evidence: [{ rule: 'email', source: 'value', matchRate: 0.9, validated: 900 }], examples: [] };
    const r = checkScan(ssnOnly(977, [email]), { kind: 'plan', path: 'plan.yaml', plan: rejected }, { validatorRules });
    expect(r.problems.map((p) => [p.column, p.detail])).toEqual([['ssn', 'email: no plan item']]);
  });
});

describe('ignore entries stewards sign', () => {
  const dir = mkdtempSync(join(tmpdir(), 'minim-ignore-'));
  const stewards = join(dir, 'stewards.yaml');
  writeFileSync(stewards, stewardsYaml([ana]));
  const verifier = stewardsVerifier(stewards);
  const entry: IgnoreEntry = { column: 'payroll.public.employees.hired_*', category: 'dob', reason: 'hire dates, not birth dates', steward: 'Ana', expires: '2027-06-30' };
  const signed = signIgnore(entry, ana.key);
  const base = fixtureScan();
  const now = edit(base, (s) => (col(s, 'hired_on').findings = [dobByDistribution(0.9)]));
  const at = new Date('2026-12-03T12:00:00Z');

  it('a valid signed entry suppresses the finding in check and in reports', () => {
    const ev = evaluateIgnores([{ entry: signed, from: 'minim.ignore.yaml' }], verifier, at);
    expect(ev[0]!.state).toBe('active');
    const r = checkScan(now, { kind: 'scan', path: 'b.json', scan: base }, { validatorRules, ignores: ev });
    expect(r.ok).toBe(true);
    expect(r.ignored.map((p) => p.detail)).toEqual(['dob ignored by Ana until 2027-06-30: hire dates, not birth dates']);
    const { scan, suppressed } = applyIgnores(now, ev);
    expect(col(scan, 'hired_on').findings).toEqual([]);
    expect(suppressed).toHaveLength(1);
  });

  it('an expired entry no longer suppresses and is reported as expired', () => {
    const ev = evaluateIgnores([{ entry: signed, from: 'minim.ignore.yaml' }], verifier, new Date('2027-07-01T00:00:00Z'));
    const r = checkScan(now, { kind: 'scan', path: 'b.json', scan: base }, { validatorRules, ignores: ev });
    expect(r.ok).toBe(false);
    expect(r.staleIgnores).toEqual([expect.objectContaining({ state: 'expired', detail: 'expired 2027-06-30; review it and sign a new entry' })]);
  });

  it('unsigned, edited, or foreign-signed entries are refused', () => {
    const forged = signIgnore(entry, eve.key);
    const ev = evaluateIgnores(
      [
        { entry, from: 'f' },
        { entry: { ...signed, expires: '2099-12-31' }, from: 'f' },
        { entry: forged, from: 'f' },
        { entry: { ...signed, steward: 'Bob' }, from: 'f' },
        { entry: { ...signed, category: 'ssn' }, from: 'f' },
      ],
      verifier,
      at,
    );
    expect(ev.map((e) => [e.state, e.detail])).toEqual([
      ['invalid', 'unsigned (sign it with minim ignore)'],
      ['invalid', "bad-signature: Ana's signature does not match what the entry says (edited after signing)"],
      ['invalid', `unknown-key: key ${eve.key.keyId} is not in ${stewards}`],
      ['invalid', `signer-mismatch: it says by Bob but key ${ana.key.keyId} is Ana's`],
      ['invalid', "bad-signature: Ana's signature does not match what the entry says (edited after signing)"],
    ]);
    expect(checkScan(now, { kind: 'scan', path: 'b.json', scan: base }, { validatorRules, ignores: ev }).ok).toBe(false);
  });

  it('the payload is canonical: key order and the signature field do not change it', () => {
    const shuffled = { keyId: ana.key.keyId, steward: 'Ana', expires: '2027-06-30', reason: entry.reason, category: 'dob', column: entry.column } as IgnoreEntry;
    expect(signedBytes(ignorePayload(shuffled)).equals(signedBytes(ignorePayload(signed)))).toBe(true);
  });

  it('reads an ignore file and refuses a malformed one in one line', async () => {
    const f = join(dir, 'minim.ignore.yaml');
    writeFileSync(f, `ignore:\n  - column: "${signed.column}"\n    category: dob\n    reason: "${signed.reason}"\n    steward: Ana\n    keyId: "${signed.keyId}"\n    expires: "2027-06-30"\n    signature: ${signed.signature}\n`);
    expect(await readIgnoreFile(f)).toEqual([signed]);
    writeFileSync(f, `ignore:\n  - column: x\n    category: dob\n    reason: r\n    steward: ana\n    expires: next year\n`);
    await expect(readIgnoreFile(f)).rejects.toThrow(/ignore file .*expires/);
  });
});
