/**
 * `minim review` driven through its input stream as a terminal would send keys: the default
 * answer is skip, items come most severe first, one reason can cover similar items, every decision
 * is signed, and Ctrl-C keeps what was decided with a one-line note.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import type { CliContext } from '../../src/cli/context.js';
import { createLogger } from '../../src/util/log.js';
import { readPlan } from '../../src/plan/plan-file.js';
import { verifyPlan } from '../../src/approvals/verify.js';
import { parseStewards } from '../../src/approvals/stewards.js';
import { makeSteward, stewardsYaml } from '../helpers/stewards.js';
import { sampleScan } from './plan-fixture.js';
import { reviewOrder } from '../../src/cli/commands/review.js';

const ENTER = '\r';
const DOWN = '\x1b[B';
const CTRL_C = '\x03';

async function setup() {
  const dir = await mkdtemp(join(tmpdir(), 'minim-review-'));
  const ana = await makeSteward('Ana Ruiz');
  await writeFile(join(dir, 'stewards.yaml'), stewardsYaml([ana]));
  // A second payroll SSN column: proposed the same way as the first (retain), so the two are alike.
  const scan = sampleScan();
  const ssnCol = scan.columns.find((c) => c.column === 'ssn')!;
  scan.columns.push({ ...ssnCol, table: 'contractors', rowEstimate: 10 });
  await writeFile(join(dir, 'scan.json'), JSON.stringify(scan));
  const plan = join(dir, 'plan.yaml');
  const base = (stdin?: PassThrough) => {
    let out = '';
    let err = '';
    const ctx: CliContext = {
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: (s: string) => (err += s), isTTY: true },
      env: { ...ana.env },
      cwd: dir,
      logger: (level = 'info') => createLogger(level, (l) => (err += l)),
      exitCode: 0,
      ...(stdin ? { stdin } : {}),
    };
    return { ctx, out: () => out, err: () => err };
  };
  const p = base();
  expect(await runCli(['plan', '--scan', join(dir, 'scan.json'), '--out', plan], p.ctx)).toBe(0);
  /** Starts `minim review PLAN` on a fake terminal; `send(keys, after)` types once `after` is on screen. */
  const review = () => {
    const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => undefined });
    const c = base(stdin);
    const done = runCli(['review', plan], c.ctx);
    let seen = 0;
    const send = async (keys: string, after: string) => {
      for (let i = 0; i < 400; i++) {
        const at = c.err().indexOf(after, seen);
        if (at >= 0) {
          seen = at + after.length;
          break;
        }
        await new Promise((r) => setTimeout(r, 10));
      }
      stdin.write(keys);
    };
    return { done, send, err: c.err };
  };
  return { dir, plan, ana, review };
}

describe('minim review', () => {
  it('a stray Enter skips (never approves); Ctrl-C exits cleanly with a one-line note, keeping the plan', async () => {
    const { plan, review } = await setup();
    const r = review();
    await r.send(ENTER, 'Decision');
    await r.send(CTRL_C, '[2/');
    expect(await r.done).toBe(0);
    expect(r.err()).toMatch(/Interrupted: 0 decision\(s\) saved in .*plan\.yaml; run minim review .* again to go on\.\n$/);
    expect((await readPlan(plan)).items.every((i) => i.status === 'proposed')).toBe(true);
  });

  it('shows the most severe items first, each with its evidence', async () => {
    const { plan, review } = await setup();
    const r = review();
    await r.send(CTRL_C, 'Decision');
    await r.done;
    const first = /\[1\/\d+\] (\S+)/.exec(r.err())![1];
    const items = (await readPlan(plan)).items.filter((i) => i.status === 'proposed').sort(reviewOrder);
    expect(first).toBe(items[0]!.id);
    expect(items[0]!.category).toBe('ssn');
    expect(r.err()).toMatch(/evidence {3}name, value \(us-ssn\); match rate 0\.98, 960 validated, of 1000 sampled/);
    const cats = items.map((i) => i.category);
    expect(cats.indexOf('credit_card')).toBeLessThan(cats.indexOf('drivers_license'));
  });

  it('signs an approval and applies its reason to the similar items on request; Ctrl-C keeps them', async () => {
    const { plan, review, dir } = await setup();
    const r = review();
    await r.send(DOWN, 'Decision');
    await r.send(ENTER, 'approve');
    await r.send('needed for wage reporting' + ENTER, 'Reason');
    await r.send('y' + ENTER, '1 similar item(s)');
    await r.send(CTRL_C, 'Decision');
    expect(await r.done).toBe(0);
    expect(r.err()).toContain('approved 2 item(s): city.payroll.employees.ssn:retain, city.payroll.contractors.ssn:retain');
    expect(r.err()).toMatch(/Interrupted: 2 decision\(s\) saved/);
    const after = await readPlan(plan);
    const approved = after.items.filter((i) => i.status === 'approved');
    expect(approved.map((i) => i.id).sort()).toEqual(['city.payroll.contractors.ssn:retain', 'city.payroll.employees.ssn:retain']);
    for (const i of approved) expect(i.decisions[0]).toMatchObject({ by: 'Ana Ruiz', reason: 'needed for wage reporting', signature: expect.any(String) });
    const stewards = parseStewards(await readFile(join(dir, 'stewards.yaml'), 'utf8'), 'stewards.yaml');
    expect(verifyPlan(after, stewards).problems).toEqual([]);
  });
});
