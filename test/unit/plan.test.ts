import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/plan/policy.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { approvalState, itemDigest } from '../../src/plan/digest.js';
import { decide, selectItems } from '../../src/plan/decide.js';
import { mergePlans } from '../../src/plan/merge-plan.js';
import { parsePlan, readPlan, writePlan, formatPlan } from '../../src/plan/plan-file.js';
import type { Plan } from '../../src/plan/plan-schema.js';
import { sampleScan } from './plan-fixture.js';
import { makeSteward, stewardsYaml } from '../helpers/stewards.js';
import { parseStewards } from '../../src/approvals/stewards.js';

const NOW = new Date('2026-11-24T09:00:00.000Z');
const policy = await loadPolicy();
const build = () => buildPlan(sampleScan(), policy, { now: NOW, scanPath: 'scan.json' });
const byId = (plan: Plan, id: string) => plan.items.find((i) => i.id === id)!;
const ana = await makeSteward('ana');
const stewards = parseStewards(stewardsYaml([ana]), 'stewards.yaml');
const approveAll = (plan: Plan) =>
  decide(plan, selectItems(plan, { all: true }, 'plan.yaml').items, { verdict: 'approved', reason: 'reviewed with legal', key: ana.key, stewards, now: NOW }).plan;

describe('buildPlan', () => {
  it('makes one proposed item per finding and action with stable ids, in sorted order', () => {
    const plan = build();
    expect(plan.items.map((i) => `${i.id} ${i.strategy ?? ''}`)).toEqual([
      'city.human_services.cases.diagnosis:purge blank',
      'city.human_services.cases.diagnosis:restrict ',
      'city.human_services.clients.dob:retain ',
      'city.parks.registrations.card_number:mask last4',
      'city.payroll.employees.brth_dte:mask year',
      'city.payroll.employees.ssn:retain ',
      'city.service311.requests.notes:mask redact',
      'court.court.citations.acct:mask null',
      'court.court.citations.dl_number:mask last4',
    ]);
    expect(plan.items.every((i) => i.status === 'proposed' && i.decisions.length === 0)).toBe(true);
  });

  it('carries reason, legal basis, retention rule, restrict roles and a masked evidence summary', () => {
    const plan = build();
    const ssn = byId(plan, 'city.payroll.employees.ssn:retain');
    expect(ssn).toMatchObject({ legalBasis: '26 CFR 31.6011(b)-2', retention: { period: '7y' }, keepFor: ['payroll_admin'], policyRule: 'ssn.departments.payroll' });
    expect(ssn.evidence).toMatchObject({ confidence: 0.97, matchRate: 0.98, validated: 960, examples: ['***-**-6789'] });
    const purge = byId(plan, 'city.human_services.cases.diagnosis:purge');
    expect(purge.retention).toEqual({ period: '7y', dateColumn: 'closed_at', dateColumnType: 'timestamp without time zone' });
    expect(byId(plan, 'city.human_services.cases.diagnosis:restrict').restrict).toEqual({ revokeFrom: ['PUBLIC'] });
    const notes = byId(plan, 'city.service311.requests.notes:mask');
    expect(notes.redact).toEqual(['email', 'ssn']);
    const acct = byId(plan, 'court.court.citations.acct:mask');
    expect(acct.note).toMatch(/last4 needs a text column; bigint/);
  });

  it('records a fingerprint per source over the columns the plan names', () => {
    const plan = build();
    expect(Object.keys(plan.schemaFingerprint)).toEqual(['city', 'court']);
    expect(plan.schemaFingerprint['city']).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

describe('digest and tamper detection', () => {
  it('ignores status and decisions but covers everything else, the evidence and fields added later included', () => {
    const item = build().items[0]!;
    expect(itemDigest({ ...item, status: 'approved', decisions: [] })).toBe(itemDigest(item));
    expect(itemDigest({ ...item, evidence: { ...item.evidence, confidence: 0.5 } })).not.toBe(itemDigest(item));
    expect(itemDigest({ ...item, triggers: 'accept' } as typeof item)).not.toBe(itemDigest(item));
    expect(itemDigest({ ...item, strategy: 'delete' })).not.toBe(itemDigest(item));
    expect(itemDigest({ ...item, reason: 'other' })).not.toBe(itemDigest(item));
  });

  it('an approval holds until the item is edited; then it is tampered', () => {
    const plan = approveAll(build());
    const card = byId(plan, 'city.parks.registrations.card_number:mask');
    expect(card.decisions).toEqual([
      { by: 'ana', at: NOW.toISOString(), decision: 'approved', reason: 'reviewed with legal', digest: itemDigest(card), binding: expect.stringMatching(/^sha256:/), keyId: ana.key.keyId, signature: expect.any(String) },
    ]);
    expect(approvalState(card).kind).toBe('approved');
    const edited = { ...card, strategy: 'null' as const };
    expect(approvalState(edited)).toMatchObject({ kind: 'tampered', why: expect.stringContaining('edited after approval') });
    expect(approvalState({ ...byId(build(), card.id), status: 'approved' })).toMatchObject({ kind: 'tampered', why: expect.stringContaining('no approval') });
    expect(approvalState(byId(build(), card.id)).kind).toBe('not-approved');
  });

  it('requires --reason, and refuses unknown ids', () => {
    const plan = build();
    expect(() => selectItems(plan, { ids: ['nope:mask'] }, 'plan.yaml')).toThrow(/no item nope:mask/);
    expect(() => decide(plan, plan.items, { verdict: 'approved', reason: ' ', key: ana.key, stewards })).toThrow(/--reason/);
  });
});

describe('re-plan merge', () => {
  it('keeps unchanged decisions, voids changed ones (kept in the trail), marks missing columns obsolete, adds new items', () => {
    const approved = approveAll(build());
    const scan2 = sampleScan();
    // The card column now holds a varchar(4): last4 stays, but its type changes → the item changes.
    scan2.columns = scan2.columns.map((c) => (c.column === 'card_number' ? { ...c, dataType: 'character varying(19)' } : c));
    // The driver's license column disappears; a new email column appears (in a new table: a new
    // column in a planned table changes that table's binding and voids its decisions).
    scan2.columns = scan2.columns.filter((c) => c.column !== 'dl_number');
    scan2.columns.push({ ...scan2.columns[0]!, table: 'contacts', column: 'email', dataType: 'text', findings: [{ category: 'email', confidence: 0.9, evidence: [{ rule: 'email', source: 'value', matchRate: 1 }], examples: ['j***@e***.org'] }] });
    const fresh = buildPlan(scan2, policy, { now: NOW });
    const later = new Date('2026-12-01T00:00:00.000Z');
    const merged = mergePlans(approved, fresh, scan2, later);

    const ssn = byId(merged, 'city.payroll.employees.ssn:retain');
    expect(ssn.status).toBe('approved');
    expect(approvalState(ssn).kind).toBe('approved');

    const card = byId(merged, 'city.parks.registrations.card_number:mask');
    expect(card.status).toBe('proposed');
    expect(card.decisions.map((d) => d.decision)).toEqual(['approved', 'voided']);
    expect(card.decisions[1]).toMatchObject({ by: 'minim', reason: 're-plan changed dataType; decide again' });

    const dl = byId(merged, 'court.court.citations.dl_number:mask');
    expect(dl.status).toBe('obsolete');
    expect(dl.decisions).toHaveLength(1);
    expect(byId(merged, 'city.payroll.contacts.email:retain').status).toBe('proposed');
    expect(merged.createdAt).toBe(NOW.toISOString());
    expect(merged.items).toHaveLength(approved.items.length + 1);
  });

  it('a mask item says which rows it changes (values), and a steward\'s choice survives a re-plan with its decision', () => {
    const id = 'city.parks.registrations.card_number:mask';
    const planned = build();
    // Card numbers: a validator (Luhn, issuer ranges) decides every value, so the default is validated.
    expect(byId(planned, id)).toMatchObject({ action: 'mask', values: 'validated' });
    const chosen = { ...planned, items: planned.items.map((i) => (i.id === id ? { ...i, values: 'all' as const } : i)) };
    const approved = approveAll(chosen);
    const merged = mergePlans(approved, build(), sampleScan(), new Date('2026-12-01T00:00:00.000Z'));
    expect(byId(merged, id)).toMatchObject({ values: 'all', status: 'approved' });
    expect(approvalState(byId(merged, id)).kind).toBe('approved');
    // A plan from before the field: the fresh default applies, and the steward decides again.
    const old = approveAll({ ...planned, items: planned.items.map((i) => (i.id === id ? (({ values: _v, ...rest }) => rest)(i) : i)) });
    const remerged = mergePlans(old, build(), sampleScan(), new Date('2026-12-01T00:00:00.000Z'));
    expect(byId(remerged, id)).toMatchObject({ values: 'validated', status: 'proposed' });
    expect(byId(remerged, id).decisions.at(-1)).toMatchObject({ decision: 'voided', reason: 're-plan changed values; decide again' });
  });
});

describe('plan file', () => {
  it('round-trips YAML and JSON, writes atomically, rejects a malformed plan with one line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'minim-plan-'));
    const plan = approveAll(build());
    await writePlan(join(dir, 'plan.yaml'), plan);
    await writePlan(join(dir, 'plan.json'), plan);
    expect(await readPlan(join(dir, 'plan.yaml'))).toEqual(plan);
    expect(await readPlan(join(dir, 'plan.json'))).toEqual(plan);
    expect((await readdir(dir)).sort()).toEqual(['plan.json', 'plan.yaml']);
    const text = (await readFile(join(dir, 'plan.yaml'), 'utf8')).replace('action: mask', 'action: shred');
    await writeFile(join(dir, 'bad.yaml'), text);
    await expect(readPlan(join(dir, 'bad.yaml'))).rejects.toMatchObject({ code: 'PLAN_INVALID', message: expect.stringMatching(/^plan .*bad\.yaml: item \d+ action /) });
    expect(() => parsePlan('{ "version": 1', 'x.json')).toThrow(/not valid YAML or JSON/);
    expect(formatPlan(plan)).not.toMatch(/\d{3}-\d{2}-\d{4}/);
  });
});
