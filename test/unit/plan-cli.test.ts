import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import type { CliContext } from '../../src/cli/context.js';
import { createLogger } from '../../src/util/log.js';
import { sampleScan } from './plan-fixture.js';
import { makeSteward, writeStewards } from '../helpers/stewards.js';

async function setup() {
  const dir = await mkdtemp(join(tmpdir(), 'minim-plan-cli-'));
  await writeFile(join(dir, 'scan.json'), JSON.stringify(sampleScan()));
  const ana = await makeSteward('Ana Ruiz');
  await writeStewards(dir, [ana]);
  const run = async (...argv: string[]) => {
    let out = '';
    let err = '';
    const ctx: CliContext = {
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: (s: string) => (err += s) },
      env: { ...ana.env },
      cwd: dir,
      logger: (level = 'info') => createLogger(level, (l) => (err += l)),
      exitCode: 0,
    };
    const code = await runCli(argv, ctx);
    return { code, out, err };
  };
  return { dir, run };
}

describe('plan / approve / reject / review commands', () => {
  it('plans from a scan file, approves and rejects with who and why', async () => {
    const { dir, run } = await setup();
    const plan = join(dir, 'plan.yaml');
    expect(await run('plan', '--scan', join(dir, 'scan.json'), '--out', plan)).toMatchObject({ code: 0, err: expect.stringContaining('9 item(s): 9 proposed') });
    expect(await run('approve', plan, '--all', '--category', 'credit_card', '--reason', 'PCI')).toMatchObject({ code: 0, out: 'approved city.parks.registrations.card_number:mask\n' });
    expect(await run('reject', plan, 'court.court.citations.acct:mask', '--by', 'bo', '--reason', 'x')).toMatchObject({ code: 2, err: expect.stringContaining('--by is gone') });
    expect(await run('reject', plan, 'court.court.citations.acct:mask', '--reason', 'needed for refunds')).toMatchObject({ code: 0 });
    const text = await readFile(plan, 'utf8');
    expect(text).toContain('by: Ana Ruiz');
    expect(text).toMatch(/seal:\n  by: Ana Ruiz/);
    expect(await run('verify', plan)).toMatchObject({ code: 0, out: expect.stringContaining('All signatures and the seal hold.') });
    const json = JSON.parse((await run('verify', plan, '--format', 'json')).out) as { ok: boolean; seal: { ok: boolean; by: string }; items: Array<{ id: string; deciders: string[]; trail: Array<{ verdict: string }> }> };
    expect(json).toMatchObject({ ok: true, seal: { ok: true, by: 'Ana Ruiz' } });
    expect(json.items.find((i) => i.id === 'city.parks.registrations.card_number:mask')).toMatchObject({ deciders: ['Ana Ruiz'], trail: [{ verdict: 'valid' }] });
    expect(text).toContain('reason: needed for refunds');
    // Re-plan over the same file keeps both decisions.
    expect(await run('plan', '--scan', join(dir, 'scan.json'), '--out', plan)).toMatchObject({ code: 0, err: expect.stringContaining('1 approved, 1 rejected') });
  });

  it('fails with one line and exit 2 on bad input', async () => {
    const { dir, run } = await setup();
    const plan = join(dir, 'plan.yaml');
    await run('plan', '--scan', join(dir, 'scan.json'), '--out', plan);
    expect(await run('approve', plan, '--all')).toMatchObject({ code: 2, err: 'minim: USAGE: a decision needs --reason TEXT: say why\n' });
    expect(await run('approve', plan, '--all', '--category', 'snn', '--reason', 'r')).toMatchObject({ code: 2, err: expect.stringMatching(/^minim: USAGE: plan .*: no item of category "snn"; categories in the plan: /) });
    expect(await run('plan')).toMatchObject({ code: 2, err: expect.stringMatching(/^minim: USAGE: minim plan needs what to plan: --scan FILE/) });
    await writeFile(join(dir, 'bad-policy.yaml'), 'version: 1\ncategories:\n  ssn:\n    default: {action: mask, strategy: shred, reason: r}\n');
    const bad = await run('plan', '--scan', join(dir, 'scan.json'), '--policy', join(dir, 'bad-policy.yaml'));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^minim: RULE_INVALID: policy .*bad-policy\.yaml: categories\.ssn\.default\.strategy must be one of last4, /);
    expect(await run('plan', '--scan', join(dir, 'missing.json'))).toMatchObject({ code: 2, err: expect.stringMatching(/^minim: FILE_NOT_FOUND: scan .*missing\.json/) });
  });

  it('review refuses a non-interactive terminal and points to approve/reject', async () => {
    const { dir, run } = await setup();
    const plan = join(dir, 'plan.yaml');
    await run('plan', '--scan', join(dir, 'scan.json'), '--out', plan);
    const r = await run('review', plan);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^minim: USAGE: minim review needs an interactive terminal; use minim approve/);
  });
});
