/**
 * The monitoring recipes (docs/recipes, quoted in docs/monitoring.md) are tested: every YAML file
 * parses; every minim command in every recipe names a real command with real flags and valid choices
 * per the CLI's own parser; and the Kubernetes shard + merge path runs for real — four shards (the
 * recipe's own command lines, JOB_COMPLETION_INDEX 0..3) over three PostgreSQL databases, storing
 * runs in a PostgreSQL history, then the merge job's merge, report and diff.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { buildProgram } from '../../src/cli/program.js';
import { readScanFile } from '../../src/report/read-input.js';
import { capturedContext, runCaptured } from '../helpers/cli.js';
import { createTestDatabase, getEngine, type TestDatabase } from '../helpers/engines.js';

const DIR = new URL('../../docs/recipes/', import.meta.url).pathname;
const read = (f: string) => readFileSync(join(DIR, f), 'utf8');

/** Splits a shell command line into words: quotes, `$VAR`, `${VAR}` and `$((VAR + n))` expanded from `env` (unknown: left as is). */
export function shellWords(line: string, env: Record<string, string> = {}): string[] {
  const expand = (s: string) =>
    s
      .replace(/\$\(\((\w+) \+ (\d+)\)\)/g, (m, v: string, n: string) => (env[v] !== undefined ? String(Number(env[v]) + Number(n)) : m))
      .replace(/\$\{?(\w+)\}?/g, (m, v: string) => env[v] ?? m);
  const words: string[] = [];
  let cur = '';
  let quote: string | null = null;
  let has = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote) {
      if (ch === quote) quote = null;
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      has = true;
    } else if (/\s/.test(ch)) {
      if (has || cur) words.push(expand(cur));
      cur = '';
      has = false;
    } else if (ch === '$' && line.startsWith('$((', i)) {
      const end = line.indexOf('))', i);
      cur += line.slice(i, end + 2);
      i = end + 1;
    } else cur += ch;
  }
  if (has || cur) words.push(expand(cur));
  return words;
}

/** Every `minim …` invocation in a block of shell: split on && || ; and newlines, `npx`, `exec` and paths dropped. */
function invocations(shell: string, env: Record<string, string> = {}): string[][] {
  return shell
    .split(/\n|&&|\|\||;/)
    .map((part) => shellWords(part.trim(), env))
    .map((w) => {
      const i = w.findIndex((x) => /(^|\/)minim$/.test(x));
      return i >= 0 ? w.slice(i + 1) : [];
    })
    .filter((w) => w.length > 0)
    .map((w) => {
      const lt = w.indexOf('<');
      return lt >= 0 ? w.slice(0, lt) : w;
    });
}

/** Checks an invocation against the CLI's parser: a known command, known flags, values where needed, valid choices. */
function validate(argv: string[]): string[] {
  const program = buildProgram(capturedContext().ctx);
  const [name, ...rest] = argv;
  const cmd = program.commands.find((c) => c.name() === name) as Command | undefined;
  if (!cmd) return [`unknown command ${name}`];
  const problems: string[] = [];
  const options = cmd.options as Option[];
  for (let i = 0; i < rest.length; i++) {
    const tok = rest[i]!;
    if (!tok.startsWith('-')) continue;
    const [flag, inline] = tok.split('=', 2) as [string, string | undefined];
    const opt = options.find((o) => o.long === flag || o.short === flag || (flag.startsWith('--no-') && o.long === flag));
    if (!opt) {
      problems.push(`${name}: unknown flag ${flag}`);
      continue;
    }
    if (opt.required || opt.optional) {
      let value = inline;
      if (value === undefined && (opt.required || (rest[i + 1] !== undefined && !rest[i + 1]!.startsWith('-')))) value = rest[++i];
      if (opt.required && value === undefined) problems.push(`${name}: ${flag} needs a value`);
      if (value !== undefined && opt.argChoices && !value.includes('$') && !opt.argChoices.includes(value)) problems.push(`${name}: ${flag} ${value} is not one of ${opt.argChoices.join(', ')}`);
      if (value !== undefined && opt.parseArg && !opt.argChoices && !value.includes('$')) {
        try {
          opt.parseArg(value, undefined);
        } catch (e) {
          problems.push(`${name}: ${flag} ${value}: ${(e as Error).message}`);
        }
      }
    }
  }
  return problems;
}

describe('monitoring recipes', () => {
  it('every YAML recipe parses', () => {
    for (const f of ['github-actions.yml', 'gitlab-ci.yml', 'k8s-cronjob.yaml']) {
      const docs = parseAllDocuments(read(f));
      expect(docs.flatMap((d) => d.errors.map((e) => `${f}: ${e.message}`))).toEqual([]);
    }
  });

  it('every minim command in every recipe is a real command with real flags', () => {
    const all: Array<[string, string[]]> = [];
    const gh = parseYaml(read('github-actions.yml')) as { jobs: Record<string, { steps: Array<{ run?: string }> }> };
    for (const job of Object.values(gh.jobs)) for (const s of job.steps) if (s.run) for (const i of invocations(s.run)) all.push(['github-actions.yml', i]);
    const gl = parseYaml(read('gitlab-ci.yml')) as Record<string, { script?: string[]; after_script?: string[] }>;
    for (const job of Object.values(gl)) for (const line of [...(job.script ?? []), ...(job.after_script ?? [])]) for (const i of invocations(line)) all.push(['gitlab-ci.yml', i]);
    for (const doc of parseAllDocuments(read('k8s-cronjob.yaml')).map((d) => d.toJS() as K8sCronJob)) {
      for (const c of doc.spec.jobTemplate.spec.template.spec.containers) for (const a of c.args ?? []) for (const i of invocations(a)) all.push(['k8s-cronjob.yaml', i]);
    }
    for (const line of read('minim-scan.service').split('\n').filter((l) => /^Exec/.test(l))) for (const i of invocations(line.replace(/^\w+=/, ''))) all.push(['minim-scan.service', i]);
    for (const line of read('crontab').split('\n').filter((l) => l && !l.startsWith('#'))) for (const i of invocations(line.split(/\s+/).slice(5).join(' '))) all.push(['crontab', i]);
    // Each recipe holds at least one minim command; the set covers check, scan, diff, merge and report.
    expect(new Set(all.map(([f]) => f)).size).toBe(5);
    expect(new Set(all.map(([, a]) => a[0]))).toEqual(new Set(['check', 'scan', 'diff', 'merge', 'report']));
    expect(all.flatMap(([f, a]) => validate(a).map((p) => `${f}: ${p}`))).toEqual([]);
    // The validator itself refuses what it should.
    expect(validate(['scan', '--shard'])).toEqual(['scan: --shard needs a value']);
    expect(validate(['check', '--format', 'xml'])).toEqual(['check: --format xml is not one of table, json, markdown, sarif, junit']);
    expect(validate(['scan', '--histroy'])).toEqual(['scan: unknown flag --histroy']);
    expect(validate(['scna'])).toEqual(['unknown command scna']);
  });
});

interface K8sCronJob {
  spec: { jobTemplate: { spec: { completions?: number; template: { spec: { containers: Array<{ args?: string[] }> } } } } };
}

const pg = await getEngine('postgres');
if (pg.skip) console.warn(`recipes shard+merge run skipped: ${pg.skip}`);

describe.skipIf(!pg.engine)('the Kubernetes recipe, run for real (shards, history, merge)', () => {
  const dbs: TestDatabase[] = [];
  let store: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'minim-recipe-'));
  beforeAll(async () => {
    for (const [i, dept] of ['clerk', 'parks', 'water'].entries()) {
      const db = await createTestDatabase(pg.engine!, `recipe_${dept}`);
      await db.exec([
        `CREATE TABLE ${dept}_people (id int PRIMARY KEY, email text, phone text)`,
        `INSERT INTO ${dept}_people SELECT g, '${dept}' || g || '@example.org', '(816) 555-' || lpad((${i} * 1000 + g)::text, 4, '0') FROM generate_series(1, 300) g`,
        'ANALYZE',
      ]);
      dbs.push(db);
    }
    store = await createTestDatabase(pg.engine!, 'recipe_history');
    writeFileSync(join(dir, 'minim.config.yaml'), `sources:\n${['clerk', 'parks', 'water'].map((d, i) => `  - name: ${d}\n    department: ${d}\n    url: \${DB_${i}}\n`).join('')}`);
  }, 120_000);
  afterAll(async () => {
    for (const d of [...dbs, store]) await d?.drop();
  });

  it('four shards of three sources, then merge, report and diff, from the recipe’s own command lines', async () => {
    const docs = parseAllDocuments(read('k8s-cronjob.yaml')).map((d) => d.toJS() as K8sCronJob);
    const scanJob = docs[0]!.spec.jobTemplate.spec;
    const n = scanJob.completions!;
    const env = { ...Object.fromEntries(dbs.map((d, i) => [`DB_${i}`, d.url])), MINIM_HISTORY_URL: store.url };
    const local = (w: string[]) => w.map((x) => x.replace('/config/', `${dir}/`).replace('/shared/', `${dir}/`));
    for (let k = 0; k < n; k++) {
      const [argv] = invocations(scanJob.template.spec.containers[0]!.args![0]!, { ...env, JOB_COMPLETION_INDEX: String(k) });
      const r = await runCaptured(local(argv!), env);
      expect(r.code, `shard ${k}: ${r.stderr}`).toBe(0);
    }
    const merge = invocations(docs[1]!.spec.jobTemplate.spec.template.spec.containers[0]!.args![0]!, env).map(local);
    expect(merge.map((a) => a[0])).toEqual(['merge', 'report', 'diff']);
    for (const argv of merge) {
      const r = await runCaptured(argv, env);
      expect(r.code, `${argv[0]}: ${r.stderr}`).toBe(0);
    }
    const estate = await readScanFile(join(dir, 'estate.json'));
    expect(estate.sources.map((s) => s.name).sort()).toEqual(['clerk', 'parks', 'water']);
    expect(new Set(estate.columns.filter((c) => c.findings.length).map((c) => c.table))).toEqual(new Set(['clerk_people', 'parks_people', 'water_people']));
    expect(readFileSync(join(dir, 'estate.html'), 'utf8')).toContain('id="heatmap"');
    const hist = await runCaptured(['history', '--history', store.url, '-f', 'json']);
    expect((JSON.parse(hist.stdout) as { runs: Array<{ source: string }> }).runs.map((r) => r.source).sort()).toEqual(['clerk', 'parks', 'water']);
  }, 300_000);
});
