/**
 * Signed approvals without a database: keys (new, passphrase-protected, OpenSSH), stewards.yaml,
 * and every forgery of a signed plan refused with its own named reason by verifyPlan.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build-plan.js';
import { loadPolicy, DEFAULT_POLICY_PATH } from '../../src/plan/policy.js';
import { decide, selectItems } from '../../src/plan/decide.js';
import { itemDigest } from '../../src/plan/digest.js';
import type { Plan } from '../../src/plan/plan-schema.js';
import { parsePlan, formatPlan } from '../../src/plan/plan-file.js';
import { initSteward, keyIdOf, loadSigningKey, parsePublicKey } from '../../src/approvals/keys.js';
import { parseStewards, type Stewards } from '../../src/approvals/stewards.js';
import { signEntry, verifyEntry } from '../../src/approvals/sign.js';
import { verifyPlan, type ApprovalReason } from '../../src/approvals/verify.js';
import { sealPlan } from '../../src/approvals/seal.js';
import { runCli } from '../../src/cli/program.js';
import type { CliContext } from '../../src/cli/context.js';
import { createLogger } from '../../src/util/log.js';
import { makeSteward, stewardsYaml, type TestSteward } from '../helpers/stewards.js';
import { sampleScan } from './plan-fixture.js';

const NOW = new Date('2026-12-01T10:00:00.000Z');
const CARD = 'city.parks.registrations.card_number:mask';
const SSN = 'court.court.citations.dl_number:mask';
const PURGE = 'city.human_services.cases.diagnosis:purge';

let ana: TestSteward;
let bo: TestSteward;
let mallory: TestSteward;
let stewards: Stewards;
let fresh: Plan;

const registry = (list: TestSteward[], twoPerson?: string[]) => parseStewards(stewardsYaml(list, twoPerson), 'stewards.yaml');
const approve = (plan: Plan, ids: string[], who: TestSteward, reg = stewards, reason = 'reviewed with legal') =>
  decide(plan, selectItems(plan, { ids }, 'plan.yaml').items, { verdict: 'approved', reason, key: who.key, stewards: reg, now: NOW }).plan;
const clone = (p: Plan): Plan => JSON.parse(JSON.stringify(p)) as Plan;
const reasons = (plan: Plan, reg = stewards) => verifyPlan(plan, reg).problems.map((p) => p.reason);
const item = (p: Plan, id: string) => p.items.find((i) => i.id === id)!;

beforeAll(async () => {
  [ana, bo, mallory] = await Promise.all([makeSteward('Ana Ruiz'), makeSteward('Bo Chen'), makeSteward('Mallory')]);
  stewards = registry([ana, bo]);
  fresh = buildPlan(sampleScan(), await loadPolicy(DEFAULT_POLICY_PATH), { now: NOW });
});

describe('steward keys', () => {
  it('steward init writes a 0600 key, show prints the stewards.yaml entry with the key id', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'minim-cfg-'));
    const run = cliIn(dir, { MINIM_CONFIG_DIR: dir });
    const init = await run('steward', 'init', '--name', 'Ana Ruiz', '--email', 'ana@city.gov');
    expect(init.code).toBe(0);
    expect(init.out).toMatch(/publicKey: ssh-ed25519 AAAA/);
    expect((await stat(join(dir, 'steward.key'))).mode & 0o777).toBe(0o600);
    const show = await run('steward', 'show');
    const key = await loadSigningKey({ MINIM_CONFIG_DIR: dir });
    expect(show.out).toContain(`# key id ${key.keyId}`);
    expect(show.out).toContain(key.publicKey);
    expect((await run('steward', 'init', '--name', 'X', '--email', 'x@y.z')).err).toMatch(/USAGE: a steward key already exists/);
  });

  it('a passphrase-protected key signs only with its passphrase', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'minim-cfg-'));
    const env = { MINIM_CONFIG_DIR: dir, SECRET_PASS: 'correct horse battery' };
    const init = await cliIn(dir, env)('steward', 'init', '--name', 'Ana Ruiz', '--email', 'ana@city.gov', '--passphrase-env', 'SECRET_PASS');
    expect(init.code).toBe(0);
    expect(await readFile(join(dir, 'steward.key'), 'utf8')).toContain('BEGIN ENCRYPTED PRIVATE KEY');
    await expect(loadSigningKey(env)).rejects.toThrow(/passphrase-protected/);
    await expect(loadSigningKey(env, { passphrase: 'wrong' })).rejects.toThrow(/cannot unlock/);
    const key = await loadSigningKey(env, { passphrase: 'correct horse battery' });
    const reg = parseStewards(stewardsYaml([{ ...ana, publicKey: key.publicKey, name: 'Ana Ruiz' }]), 's.yaml');
    const payload = { type: 'test/1', keyId: key.keyId, x: 1 };
    expect(verifyEntry(payload, signEntry(payload, key), reg)).toMatchObject({ ok: true });
    // Through the CLI: approve asks for the passphrase in MINIM_STEWARD_PASSPHRASE (or --passphrase-env).
    await writeFile(join(dir, 'scan.json'), JSON.stringify(sampleScan()));
    await writeFile(join(dir, 'stewards.yaml'), stewardsYaml([{ ...ana, publicKey: key.publicKey }]));
    const run = cliIn(dir, { MINIM_CONFIG_DIR: dir });
    expect((await run('plan', '--scan', join(dir, 'scan.json'), '--out', join(dir, 'plan.yaml'))).code).toBe(0);
    const locked = await run('approve', join(dir, 'plan.yaml'), CARD, '--reason', 'r');
    expect(locked).toMatchObject({ code: 2, err: expect.stringMatching(/^minim: USAGE: the steward key of Ana Ruiz is passphrase-protected; set MINIM_STEWARD_PASSPHRASE/) });
    const unlocked = await cliIn(dir, env)('approve', join(dir, 'plan.yaml'), CARD, '--reason', 'r', '--passphrase-env', 'SECRET_PASS');
    expect(unlocked.code, unlocked.err).toBe(0);
    expect(unlocked.err + unlocked.out).not.toContain('correct horse');
    const wrong = await cliIn(dir, { MINIM_CONFIG_DIR: dir, MINIM_STEWARD_PASSPHRASE: 'nope' })('approve', join(dir, 'plan.yaml'), CARD, '--reason', 'r');
    expect(wrong).toMatchObject({ code: 2, err: expect.stringContaining('AUTH_FAILED') });
  });

  it('reuses an existing OpenSSH ed25519 key: same key id as ssh-keygen prints, and its signatures verify', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'minim-ssh-'));
    const file = join(dir, 'id_ed25519');
    try {
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'ana@laptop', '-f', file]);
    } catch {
      console.warn('skipped: ssh-keygen is not installed here');
      return;
    }
    const env = { MINIM_CONFIG_DIR: join(dir, 'cfg') };
    const { identity } = await initSteward({ name: 'Ana Ruiz', email: 'ana@city.gov', sshKeyPath: file }, env);
    const fingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${file}.pub`]).toString().split(' ')[1];
    expect(identity.keyId).toBe(fingerprint);
    const pubLine = (await readFile(`${file}.pub`, 'utf8')).trim();
    expect(parsePublicKey(pubLine, 'pub').keyId).toBe(fingerprint);
    const key = await loadSigningKey(env);
    const reg = parseStewards(stewardsYaml([{ ...ana, publicKey: pubLine }]), 's.yaml');
    const plan = approve(fresh, [CARD], { ...ana, key }, reg);
    expect(verifyPlan(plan, reg).problems).toEqual([]);
  });

  it('refuses a passphrase-protected OpenSSH key with one line saying what to do', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'minim-ssh-'));
    const file = join(dir, 'id_ed25519');
    try {
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'pass phrase', '-f', file]);
    } catch {
      console.warn('skipped: ssh-keygen is not installed here');
      return;
    }
    await expect(initSteward({ name: 'A', email: 'a@b.c', sshKeyPath: file }, { MINIM_CONFIG_DIR: join(dir, 'cfg') })).rejects.toThrow(/passphrase-protected .*--passphrase-env/);
  });
});

describe('stewards.yaml', () => {
  it('names the first problem in one line', () => {
    expect(() => parseStewards('stewards: []\n', 's.yaml')).toThrow(/^s\.yaml: stewards needs at least 1 entry/);
    expect(() => parseStewards(`stewards:\n  - {name: A, email: a@b, publicKey: "ssh-rsa AAAA", scope: {sources: ['*'], categories: ['*'], actions: ['*']}}\n`, 's.yaml')).toThrow(/stewards\.0\.publicKey: not an ssh-ed25519 public key line/);
    expect(() => parseStewards(`stewards:\n  - {name: A, email: a@b, publicKey: "${ana.publicKey}", scope: {categories: ['*'], actions: ['*']}}\n`, 's.yaml')).toThrow(/scope needs sources or departments/);
    expect(() => parseStewards(stewardsYaml([ana, { ...bo, publicKey: ana.publicKey }]), 's.yaml')).toThrow(/listed twice/);
  });
  it('key ids are OpenSSH SHA256 fingerprints', () => {
    expect(ana.key.keyId).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(keyIdOf(parsePublicKey(ana.publicKey, 'x').raw)).toBe(ana.key.keyId);
  });
});

describe('signed decisions and the seal', () => {
  it('a signed, sealed plan verifies, survives a YAML round trip, and shows who decided', () => {
    const plan = approve(fresh, [CARD, SSN], ana);
    const again = parsePlan(formatPlan(plan), 'plan.yaml');
    const v = verifyPlan(again, stewards);
    expect(v.problems).toEqual([]);
    expect(v.seal).toMatchObject({ ok: true, by: 'Ana Ruiz' });
    expect(v.items.find((i) => i.id === CARD)).toMatchObject({ deciders: ['Ana Ruiz'], needed: 1 });
    expect(item(again, CARD).decisions[0]).toMatchObject({ by: 'Ana Ruiz', keyId: ana.key.keyId, digest: itemDigest(item(again, CARD)) });
  });

  const signed = () => approve(fresh, [CARD, SSN], ana);
  const forgeries: Array<[string, (p: Plan) => void, ApprovalReason]> = [
    ['by edited (Ana → Mallory)', (p) => void (item(p, CARD).decisions[0]!.by = 'Mallory'), 'signer-mismatch'],
    ['reason edited', (p) => void (item(p, CARD).decisions[0]!.reason = 'approved by the Chief Privacy Officer'), 'bad-signature'],
    ['at edited', (p) => void (item(p, CARD).decisions[0]!.at = '2025-01-01T00:00:00.000Z'), 'bad-signature'],
    [
      'rejected turned into approved',
      (p) => {
        const d = item(p, CARD).decisions[0]!;
        d.decision = 'approved';
        item(p, CARD).status = 'approved';
      },
      'bad-signature',
    ],
    ['status edited to approved over a rejection', (p) => void (item(p, CARD).status = 'approved'), 'status-mismatch'],
    ['strategy last4 → null, digest not recomputed', (p) => void (item(p, SSN).strategy = 'null'), 'item-edited'],
    [
      'strategy last4 → null, digest recomputed',
      (p) => {
        const it = item(p, SSN);
        it.strategy = 'null';
        it.decisions[0]!.digest = itemDigest(it);
      },
      'bad-signature',
    ],
    ['item deleted', (p) => void p.items.splice(p.items.findIndex((i) => i.id === 'city.payroll.employees.brth_dte:mask'), 1), 'seal-items-removed'],
    ['items reordered', (p) => void p.items.reverse(), 'seal-items-reordered'],
    ['sources edited to another database', (p) => void (p.sources.find((s) => s.name === 'city')!.url = 'postgres://minim:***@other-host/city_copy'), 'binding-changed'],
  ];
  for (const [what, edit, reason] of forgeries) {
    it(`refuses a forgery: ${what} → ${reason}`, () => {
      let plan = signed();
      if (what.startsWith('rejected') || what.startsWith('status edited')) {
        plan = decide(fresh, selectItems(fresh, { ids: [CARD] }, 'p').items, { verdict: 'rejected', reason: 'not ours', key: ana.key, stewards, now: NOW }).plan;
      }
      const forged = clone(plan);
      edit(forged);
      const got = reasons(parsePlan(formatPlan(forged), 'plan.yaml'));
      expect(got[0]).toBe(reason);
    });
  }

  it('refuses an item added with a self-made approval (key not in stewards.yaml) and names the added item', () => {
    const plan = signed();
    const forged = clone(plan);
    const self = approve(fresh, ['court.court.citations.acct:mask'], mallory, registry([mallory]));
    forged.items.push(item(self, 'court.court.citations.acct:mask'));
    forged.items.splice(forged.items.findIndex((i) => i.id === 'court.court.citations.acct:mask'), 1);
    forged.items.push(item(self, 'court.court.citations.acct:mask'));
    const v = verifyPlan(forged, stewards);
    expect(v.problems.map((p) => p.reason)).toContain('unknown-key');
    const added = clone(plan);
    added.items.push({ ...item(self, 'court.court.citations.acct:mask'), id: 'court.court.citations.acct_copy:mask', column: 'acct_copy' });
    expect(reasons(added)).toEqual(expect.arrayContaining(['seal-items-added']));
  });

  it('refuses a later decision removed from a trail (a rejection deleted to revive an approval): seal-bad-signature', () => {
    const approved = approve(fresh, [CARD], ana);
    const rejected = decide(approved, [item(approved, CARD)], { verdict: 'rejected', reason: 'no: refunds need it', key: bo.key, stewards, now: NOW }).plan;
    expect(reasons(rejected)).toEqual([]);
    const forged = clone(rejected);
    item(forged, CARD).decisions.pop();
    item(forged, CARD).status = 'approved';
    expect(reasons(forged)).toEqual(['seal-bad-signature']);
  });

  it('a steward deciding on a hand-edited plan does not re-seal it: APPROVAL_INVALID until it is sealed deliberately', () => {
    const forged = clone(signed());
    forged.items.splice(forged.items.findIndex((i) => i.id === 'city.payroll.employees.brth_dte:mask'), 1);
    expect(() => approve(forged, [SSN], bo)).toThrow(/\[seal-items-removed\] .*nothing was signed .*minim steward seal/);
    const resealed = sealPlan(forged, bo.key, 'Bo Chen', NOW.toISOString());
    expect(reasons(resealed)).toEqual([]);
  });

  it('re-planning voids a decision whose table changed columns (binding), and keeps the others', async () => {
    const plan = approve(fresh, [CARD, SSN], ana);
    const scan2 = sampleScan();
    scan2.columns.push({ ...scan2.columns.find((c) => c.column === 'card_number')!, column: 'card_holder', findings: [] });
    const { mergePlans } = await import('../../src/plan/merge-plan.js');
    const merged = mergePlans(plan, buildPlan(scan2, await loadPolicy(DEFAULT_POLICY_PATH), { now: NOW }), scan2, NOW);
    expect(item(merged, CARD).status).toBe('proposed');
    expect(item(merged, CARD).decisions.at(-1)).toMatchObject({ by: 'minim', decision: 'voided', reason: expect.stringContaining('columns of registrations') });
    expect(item(merged, SSN).status).toBe('approved');
    const resealed = sealPlan(merged, ana.key, 'Ana Ruiz', NOW.toISOString());
    expect(reasons(resealed)).toEqual([]);
  });

  it('refuses a signature by a key not in stewards.yaml', () => {
    const plan = approve(fresh, [CARD], mallory, registry([ana, bo, mallory]));
    expect(reasons(plan)).toEqual(['unknown-key', 'seal-unknown-key']);
  });

  it('refuses a steward outside their department or category scope', () => {
    const narrow = { ...bo, scope: { departments: ['Courts'], categories: ['drivers_license'] } };
    const wide = registry([ana, { ...bo }]);
    const plan = approve(fresh, [CARD], bo, wide);
    const v1 = verifyPlan(plan, registry([ana, narrow]));
    expect(v1.problems[0]).toMatchObject({ reason: 'out-of-scope', item: CARD, steward: 'Bo Chen', detail: expect.stringContaining('source city (department Various) is outside') });
    const catOnly = { ...bo, scope: { sources: ['*'], categories: ['ssn'] } };
    expect(verifyPlan(plan, registry([ana, catOnly])).problems[0]).toMatchObject({ reason: 'out-of-scope', detail: expect.stringContaining('category credit_card') });
    // And approve refuses it up front.
    expect(() => approve(fresh, [CARD], bo, registry([ana, narrow]))).toThrow(/Bo Chen may not decide it/);
  });

  it('a purge needs two distinct stewards; two approvals hold', () => {
    const one = approve(fresh, [PURGE], ana);
    expect(verifyPlan(one, stewards).problems[0]).toMatchObject({ reason: 'two-person', item: PURGE, steward: 'Ana Ruiz' });
    const twiceByAna = approve(one, [PURGE], ana);
    expect(reasons(twiceByAna)).toEqual(['two-person']);
    const two = approve(one, [PURGE], bo);
    expect(verifyPlan(two, stewards).problems).toEqual([]);
    expect(verifyPlan(two, stewards).items.find((i) => i.id === PURGE)).toMatchObject({ deciders: ['Ana Ruiz', 'Bo Chen'], needed: 2 });
    // The policy is configurable: with twoPerson [] one approval is enough.
    expect(reasons(one, registry([ana, bo], []))).toEqual([]);
  });

  it('an item edited after signing is refused even when re-sealed by a steward', () => {
    const plan = clone(signed());
    item(plan, SSN).strategy = 'hash';
    const resealed = sealPlan(plan, bo.key, 'Bo Chen', NOW.toISOString());
    expect(verifyPlan(resealed, stewards).problems[0]).toMatchObject({ reason: 'item-edited', item: SSN, steward: 'Ana Ruiz' });
  });

  it('a steward revoked after signing: their signatures are refused from then on', () => {
    const plan = signed();
    expect(reasons(plan)).toEqual([]);
    const revoked = registry([{ ...ana, revoked: '2026-12-02 left the department' }, bo]);
    const v = verifyPlan(plan, revoked);
    expect(v.problems[0]).toMatchObject({ reason: 'revoked', steward: 'Ana Ruiz', detail: expect.stringContaining('left the department') });
    // Another steward's decision carries the item again; the seal must be renewed too.
    const redo = approve(plan, [CARD, SSN], bo, revoked);
    expect(reasons(redo, revoked)).toEqual([]);
  });

  it('a rejected item becomes retained by a new signed decision with a legal basis', () => {
    const rejected = decide(fresh, selectItems(fresh, { ids: [CARD] }, 'p').items, { verdict: 'rejected', reason: 'needed for refunds', key: ana.key, stewards, now: NOW }).plan;
    expect(() => decide(rejected, [item(rejected, CARD)], { verdict: 'retained', reason: 'refunds', key: ana.key, stewards })).toThrow(/--legal-basis/);
    const retained = decide(rejected, [item(rejected, CARD)], { verdict: 'retained', reason: 'refunds need the card for 90 days', legalBasis: 'PCI DSS 3.1', key: ana.key, stewards, now: NOW }).plan;
    expect(item(retained, CARD).status).toBe('retained');
    expect(reasons(retained)).toEqual([]);
    const forged = clone(retained);
    item(forged, CARD).decisions[1]!.legalBasis = 'none';
    expect(reasons(forged)[0]).toBe('bad-signature');
  });

  it('a version 1 plan (unsigned decisions) is read and reported unsigned', () => {
    const v1 = { ...clone(fresh), version: 1 as const, seal: undefined };
    const it0 = v1.items.find((i) => i.id === CARD)!;
    it0.status = 'approved';
    it0.decisions = [{ by: 'ana', at: NOW.toISOString(), decision: 'approved', reason: 'ok', digest: itemDigest(it0) }];
    const parsed = parsePlan(formatPlan(v1), 'old.yaml');
    expect(reasons(parsed)).toEqual(['unsigned', 'seal-missing']);
  });
});

describe('approve --all takes confident findings whose names do not contradict them', () => {
  it('leaves out a low-confidence finding and a parcel_no column scored ssn from its values only', () => {
    const scan = sampleScan();
    scan.columns.push({
      source: 'city', schema: 'assessor', table: 'parcels', column: 'parcel_no', dataType: 'text', rowEstimate: 2000, sampled: 1000, nonNull: 1000,
      findings: [{ category: 'ssn', confidence: 0.95, evidence: [{ rule: 'us-ssn', source: 'value', matchRate: 0.99, validated: 990 }], examples: ['***-**-1234'] }],
    });
    return loadPolicy(DEFAULT_POLICY_PATH).then((policy) => {
      const plan = buildPlan(scan, policy, { now: NOW });
      const sel = selectItems(plan, { all: true, category: 'ssn', minConfidence: 0.8, guardNames: true }, 'p');
      expect(sel.items.map((i) => i.id)).not.toContain('city.assessor.parcels.parcel_no:mask');
      expect(sel.left).toEqual([{ id: 'city.assessor.parcels.parcel_no:mask', why: expect.stringContaining('says "parcel"') }]);
      const low = selectItems(plan, { all: true, minConfidence: 0.95, guardNames: true }, 'p');
      expect(low.left.some((l) => /confidence 0\.9 is below --min-confidence 0\.95/.test(l.why))).toBe(true);
    });
  });
  it('typos in categories, sources and item ids are exit 2 with the list of what exists', () => {
    expect(() => selectItems(fresh, { all: true, category: 'snn' }, 'p.yaml')).toThrow(/no item of category "snn"; categories in the plan: .*credit_card.*ssn/);
    expect(() => selectItems(fresh, { all: true, source: 'cty' }, 'p.yaml')).toThrow(/no source "cty"; sources in the plan: city, court/);
    expect(() => selectItems(fresh, { ids: ['city.payroll.employees.sns:mask'] }, 'p.yaml')).toThrow(/no item city\.payroll\.employees\.sns:mask; .*ids/);
  });
});

function cliIn(cwd: string, env: NodeJS.ProcessEnv) {
  return async (...argv: string[]) => {
    let out = '';
    let err = '';
    const ctx: CliContext = {
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: (s: string) => (err += s) },
      env,
      cwd,
      logger: (level = 'info') => createLogger(level, (l) => (err += l)),
      exitCode: 0,
    };
    const code = await runCli(argv, ctx);
    return { code, out, err };
  };
}
