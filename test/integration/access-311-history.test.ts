/**
 * The 311 case in the gate and in the history, on PostgreSQL and MariaDB, through the CLI: 27
 * logins can read request.caller_ssn, 2 allowed — `minim access` prints the audit's sentence and,
 * with --history, stores the readers; `minim check --access-history` passes; a 26th login granted
 * the column makes it fail, naming the login; recorded again, `minim diff` says "1 new login can
 * read ssn in svc311.….request.caller_ssn since <date>", exit 1. Principals are server-wide and
 * the servers shared: readers other sessions create are never ours and are left out by name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunDiff } from '../../src/history/diff.js';
import { build311, policy311, LATE, type Case311 } from '../helpers/access-311.js';
import { getEngine } from '../helpers/engines.js';
import { runCaptured } from '../helpers/cli.js';

const engines = await Promise.all((['postgres', 'mysql'] as const).map(async (dialect) => ({ dialect, found: await getEngine(dialect) })));
for (const { dialect, found } of engines) if (found.skip) console.warn(`access-311-history (${dialect}): skipped: ${found.skip}`);

describe.each(engines)('the 311 case in the gate and in the history on $dialect', ({ dialect, found }) => {
  let c: Case311;
  const dir = mkdtempSync(join(tmpdir(), `minim-311-history-${dialect}-`));
  const f = (n: string) => join(dir, n);
  const store = `pglite:${join(dir, 'store')}`;
  const policy = ['--access-policy', f('access-policy.yaml')];

  beforeAll(async () => {
    if (!found.engine) return;
    c = await build311(dialect, found.engine, 'h31');
    writeFileSync(f('access-policy.yaml'), policy311(c.R));
  }, 180_000);

  afterAll(async () => {
    await c?.drop();
  });

  it.skipIf(!found.engine)('prints the sentence, stores the 27 readers, fails the gate on a 26th login from the history, and diff names it', async () => {
    const src = `svc311=${c.db.url}`;
    const sc = await runCaptured(['scan', src, '--format', 'json', '--out', f('scan.json'), '--no-progress', '-q']);
    expect(sc.code, sc.stderr).toBe(0);

    const table = await runCaptured(['access', src, '--scan', f('scan.json'), ...policy, '--format', 'table', '-q']);
    expect(table.code, table.stderr).toBe(0);
    const line = table.stdout.split('\n').find((l) => l.startsWith(`${c.schema}.request.caller_ssn (ssn): `))!;
    const foreign = Number(/: (\d+) logins can read it/.exec(line)?.[1]) - 27;
    expect(foreign, 'logins other sessions made readers (superusers are apart)').toBeGreaterThanOrEqual(0);
    expect(line).toMatch(new RegExp(`^${c.schema}\\.request\\.caller_ssn \\(ssn\\): ${27 + foreign} logins can read it, 2 allowed, ${25 + foreign} unauthorized( \\(also .*\\))?$`));

    const first = await runCaptured(['access', src, '--scan', f('scan.json'), ...policy, '--history', store, '--format', 'json', '--out', f('a1.json'), '-q']);
    expect(first.code, first.stderr).toBe(0);
    const ok = await runCaptured(['check', src, '--access-history', store, ...policy, '-q']);
    if (ok.code !== 0) expect(ok.stdout, 'only foreign readers').not.toContain(c.prefix);

    // The 26th login.
    await c.db.exec(dialect === 'postgres'
      ? `GRANT SELECT (caller_ssn) ON svc311.request TO "${c.R(LATE)}"`
      : `GRANT SELECT ON \`${c.db.name}\`.request TO ${c.principal(LATE)}`);
    const bad = await runCaptured(['check', src, '--access-history', store, ...policy, '-q']);
    expect(bad.code, bad.stdout + bad.stderr).toBe(1);
    expect(bad.stdout.split('\n').find((l) => l.includes(c.principal(LATE)))).toMatch(new RegExp(`^\\d+ new logins? can read ${c.schema}\\.request\\.caller_ssn \\(ssn\\): `));

    const second = await runCaptured(['access', src, '--scan', f('scan.json'), ...policy, '--history', store, '--format', 'json', '--out', f('a2.json'), '-q']);
    expect(second.code, second.stderr).toBe(0);
    const diff = await runCaptured(['diff', '--history', store, '-f', 'json']);
    expect(diff.code, diff.stderr).toBe(1);
    const d = (JSON.parse(diff.stdout) as { diffs: RunDiff[] }).diffs[0]!;
    expect(d.changes, 'the same scan: no finding changed').toEqual([]);
    const ch = d.readers!.changes.find((x) => x.table === 'request' && x.column === 'caller_ssn')!;
    expect(ch.added.filter((r) => r.principal.includes(c.prefix)).map((r) => [r.principal, r.verdict, r.login])).toEqual([[c.principal(LATE), 'UNAUTHORIZED', true]]);
    expect(ch.removed.filter((r) => r.principal.includes(c.prefix))).toEqual([]);
    if (ch.added.length === 1 && ch.removed.length === 0) {
      expect(ch.sentences).toEqual([`1 new login can read ssn in svc311.${c.schema}.request.caller_ssn since ${ch.since.slice(0, 10)} (1 unauthorized): ${c.principal(LATE)}`]);
    }
    const human = await runCaptured(['diff', '--history', store]);
    expect(human.stdout).toContain(`can read ssn in svc311.${c.schema}.request.caller_ssn since ${ch.since.slice(0, 10)}`);
    expect(human.stdout).toContain(c.principal(LATE));
  }, 300_000);
});
