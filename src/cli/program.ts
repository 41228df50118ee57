/**
 * The command line: one table of every command's name, description, arguments and options. The
 * table is all `--help` needs; a command's module (src/cli/commands/<name>.ts) is imported only when
 * that command runs, so `minim --version` and `minim --help` load no scanner, renderer or driver.
 */
import { Command, CommanderError, Option } from 'commander';
import { action, type CliContext, type CommandResult } from './context.js';
import { setFollowSymlinks } from '../util/atomic.js';
import { ACCESS_FORMATS, CHECK_FORMATS, REPORT_FORMATS, SCAN_FORMATS } from '../report/formats.js';
import { BATCH_SIZE, CHECK_MARGIN, CHECK_SEED, CONFIG_FILE, IGNORE_FILE, MAX_READERS, MIN_CONFIDENCE } from './defaults.js';
import { between, count, ids, int, list, positive, ratio, repeat } from './parsers.js';

/** One option: its flags and help line, and how its value is read. */
type OptionSpec = readonly [
  flags: string,
  description: string,
  how?: { parse?: (value: string, previous: never) => unknown; choices?: readonly string[]; default?: unknown; hidden?: boolean; required?: boolean },
];

interface CommandSpec {
  readonly name: string;
  readonly description: string;
  readonly args?: ReadonlyArray<readonly [name: string, description: string]>;
  readonly options?: readonly OptionSpec[];
  /** Imports the command's module and runs it with commander's action arguments. */
  readonly run?: (ctx: CliContext, ...args: never[]) => Promise<CommandResult>;
  readonly commands?: readonly CommandSpec[];
}

const QUIET = (what: string): OptionSpec => ['-q, --quiet', what];
const STEWARDS: OptionSpec = ['--stewards <file>', 'stewards.yaml (default: next to the plan, else ./stewards.yaml)'];
const PASSPHRASE: OptionSpec = ['--passphrase-env <var>', 'environment variable holding your key passphrase (default MINIM_STEWARD_PASSPHRASE)'];
const HISTORY_STORE: OptionSpec = ['--history <url>', 'the store: postgres://… or pglite:DIR (default: the config’s history.url, else the embedded store)'];
const HISTORY_CONFIG: OptionSpec = ['-c, --config <file>', 'config file with a history section'];
const HISTORY_FORMAT: OptionSpec = ['-f, --format <format>', 'output format', { choices: ['table', 'json', 'markdown'], default: 'table' }];

/** approve and reject: the same options (approve adds its own), a different verdict. */
function decision(verb: 'approve' | 'reject'): CommandSpec {
  return {
    name: verb,
    description: `${verb} plan items: a decision signed with your steward key over the item, the reason, the time and the plan's database; re-seals the plan`,
    args: [
      ['<plan>', 'plan file'],
      ['[items...]', 'item ids (source.schema.table.column:action)'],
    ],
    options: [
      ['--all', 'every item that is not obsolete (narrow with --category, --source)'],
      ['--category <id>', 'with --all: only this category'],
      ['--source <name>', 'with --all: only this source'],
      ...(verb === 'approve'
        ? ([
            ['--min-confidence <n>', `with --all: only findings at or above this confidence (default ${MIN_CONFIDENCE}); items whose column name contradicts their values are always left to approval by id`, { parse: ratio('--min-confidence', 0, 1) }],
            ['--retain', 'decide to keep the data as it is (also for a rejected item), with --legal-basis'],
            ['--legal-basis <text>', 'with --retain: the law or rule the data is kept under'],
          ] as const)
        : []),
      ['--reason <text>', 'why (required)'],
      STEWARDS,
      PASSPHRASE,
      ['--by <name>', '', { hidden: true }],
      QUIET('print nothing'),
    ],
    run: async (ctx, file: string, items: string[], opts: object) => (await import('./commands/approve.js')).runDecision(verb, file, items, opts, ctx),
  };
}

/** Every command, in the order `minim --help` lists them. */
export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'scan',
    description: 'sample every column and classify it; with no source and no config, scan the embedded demo city',
    args: [['[sources...]', 'connection URLs (postgres://, mysql://, mssql://, pglite:DIR), optionally NAME=URL']],
    options: [
      ['-c, --config <file>', `config file (default: ./${CONFIG_FILE} when present)`],
      ['--demo', 'scan the embedded demo city'],
      ['-f, --format <format>', 'output format (default: table on a terminal, json when piped)', { choices: SCAN_FORMATS }],
      ['-o, --out <file>', 'write the output to a file (atomically) instead of stdout'],
      ['--sample-rows <n>', 'rows sampled per table (default 1000)', { parse: int('--sample-rows') }],
      ['--concurrency <n>', 'tables sampled at once per server (default 4)', { parse: int('--concurrency') }],
      ['--include <patterns>', 'only tables matching schema.table globs (comma-separated, repeatable)', { parse: list }],
      ['--exclude <patterns>', 'skip tables matching schema.table globs (comma-separated, repeatable)', { parse: list }],
      ['--rules <dir>', 'an extra rules directory (repeatable)', { parse: repeat }],
      ['--fail-on <categories>', 'exit 1 when any of these categories is found (comma-separated, or "any")', { parse: list }],
      ['--show-candidates', 'also list low-confidence candidates for review'],
      ['--exact', 'count matches over whole tables inside the database for each finding'],
      ['--timeout <ms>', 'statement timeout per sample query (default 30000)', { parse: int('--timeout') }],
      ['--view-timeout <ms>', 'statement timeout when sampling a view, which holds its base tables\' locks while it runs (default 5000, at most --timeout)', { parse: int('--view-timeout') }],
      ['--exposure', 'print the exposure summary (rows holding each category per department and source) instead of the inventory'],
      ['--seed <n>', 'reproducible samples: the same seed draws the same rows from unchanged data', { parse: int('--seed', 2147483647) }],
      ['--global-concurrency <n>', 'tables sampled at once across all servers (default 16)', { parse: int('--global-concurrency') }],
      ['--classify-threads <n>', 'worker threads classifying samples while others are read (0: none; default: sized to the machine from 200 tables, none below 4 cores)', { parse: between('--classify-threads', 0, 64) }],
      ['--resume', 'continue a streamed scan (--out FILE.ndjson): keep its finished tables, scan the rest'],
      ['--shard <i/n>', 'scan only shard i of n of the sources (sorted by name, dealt round-robin); combine with minim merge'],
      ['--history [url]', 'store this scan’s inventory (never values) in the history: postgres://… or pglite:DIR (default: the config’s history.url, else an embedded store in the data directory)'],
      ['--keep <n>', 'history runs kept per source (default: the config’s history.keep, else 24); older runs are pruned', { parse: int('--keep') }],
      ['--no-progress', 'no progress bar'],
      QUIET('no summary or progress on stderr'),
      ['-v, --verbose', 'debug logs on stderr (never values)'],
    ],
    run: async (ctx, sources: string[], opts: object) => (await import('./commands/scan.js')).runScan(sources, opts, ctx),
  },
  {
    name: 'merge',
    description: 'combine scan files (JSON, or NDJSON from --out FILE.ndjson) into one scan JSON; e.g. the outputs of --shard jobs',
    args: [['<files...>', 'scan files, in the order their sources should appear']],
    options: [
      ['-o, --out <file>', 'write the merged scan JSON to a file (atomically) instead of stdout'],
      QUIET('no summary on stderr'),
    ],
    run: async (ctx, files: string[], opts: object) => (await import('./commands/merge.js')).runMerge(files, opts, ctx),
  },
  {
    name: 'access',
    description: 'who (roles, users, PUBLIC) can read each column holding a sensitive category, and how',
    args: [['<source>', 'connection URL (postgres://, mysql://, mssql://, pglite:DIR), optionally NAME=URL']],
    options: [
      ['--scan <file>', 'use this scan JSON instead of scanning SOURCE first'],
      ['-f, --format <format>', 'output format (default: table on a terminal, json when piped)', { choices: ACCESS_FORMATS }],
      ['--access-policy <file>', 'judge readers against this access policy (default: the built-in rules/access-policy.yaml)'],
      ['--max-readers <n>', `flag BROAD above this many readers of a restricted category (default ${MAX_READERS})`, { parse: count('--max-readers') }],
      ['-o, --out <file>', 'write the output to a file instead of stdout'],
      ['--fail-on-flags', 'exit 1 when any column is flagged PUBLIC or BROAD'],
      ['--history [url]', 'store who can read each column (names and verdicts, never data) with the scan’s run, for minim diff and check --access-history: postgres://… or pglite:DIR (default: ./minim.config.yaml’s history.url, else the embedded store)'],
      QUIET('no progress or summary on stderr'),
    ],
    run: async (ctx, source: string, opts: object) => (await import('./commands/access.js')).runAccess(source, opts, ctx),
  },
  {
    name: 'check',
    description: 'compare a scan with an approved baseline; exit 1 on new, changed, unapproved or unapplied sensitive columns',
    args: [['[sources...]', 'connection URLs to scan now (or --scan FILE, or a config)']],
    options: [
      ['-b, --baseline <file>', 'an earlier scan JSON (best: one written by --write-baseline), or a plan (YAML/JSON) whose approved items are the approvals'],
      ['--write-baseline <file>', 'scan now (seeded, candidates recorded) and write the baseline scan JSON; exit 0'],
      ['--scan <file>', 'the current scan JSON instead of scanning now'],
      ['-c, --config <file>', 'config file listing the sources to scan'],
      ['--demo', 'check the embedded demo city'],
      ['-f, --format <format>', 'output format', { choices: CHECK_FORMATS, default: 'table' }],
      ['-o, --out <file>', 'write the output to a file (the summary line still goes to stderr)'],
      ['--seed <n>', `sample seed (default: the baseline's, else ${CHECK_SEED}): the same rows every run on unchanged data`, { parse: int('--seed', 2147483647) }],
      ['--margin <ratio>', `an uncovered category fails only this far above the report threshold (default ${CHECK_MARGIN}), unless it holds validated core values`, { parse: ratio('--margin', 0, 0.39) }],
      ['--fail-on <categories>', 'fail only on problems involving these categories (comma-separated, or "any")', { parse: list }],
      ['--ignore <file>', 'signed ignore entries (default: ./minim.ignore.yaml when present)'],
      ['--stewards <file>', 'stewards.yaml: the keys that sign the plan baseline and ignore entries (default: next to the plan, else ./stewards.yaml)'],
      ['--access-baseline <file>', 'an earlier access review (minim access --format json): fail when a reader is UNAUTHORIZED now that was not then (reads the grants of the SOURCE URLs)'],
      ['--access-history [url]', 'like --access-baseline, against the readers the newest minim access --history run of each source stored (the store: postgres://… or pglite:DIR; default: the config’s history.url, else the embedded store)'],
      ['--access-policy <file>', 'judge the readers with this access policy (default: the built-in rules/access-policy.yaml)'],
      ['--rules <dir>', 'an extra rules directory (repeatable)', { parse: repeat }],
      QUIET('no progress on stderr'),
    ],
    run: async (ctx, sources: string[], opts: object) => (await import('./commands/check.js')).runCheck(sources, opts, ctx),
  },
  {
    name: 'report',
    description: 'render a scan (with its plan and access review) as html, csv, markdown, table or json',
    args: [['<scan>', 'scan JSON (minim scan --format json --out FILE)']],
    options: [
      ['--plan <file>', 'plan file: show each item’s action, status and approvals'],
      ['--access <file>', 'access review JSON (minim access --format json): show readers and flags'],
      ['-f, --format <format>', 'output format (default: html for --out *.html, table on a terminal, json when piped)', { choices: REPORT_FORMATS }],
      ['-o, --out <file>', 'write the report to a file instead of stdout'],
      ['--exposure', 'only the exposure summary: rows holding each category per department and source'],
      ['--all-columns', 'csv/markdown/html: list columns without findings too'],
      ['--title <text>', 'html: the report title'],
      ['--history [url]', 'add the trend (html) and, with --exposure, the date each finding first appeared, from the scan history'],
      HISTORY_CONFIG,
      ['--ignore <file>', 'signed ignore entries to suppress (default: ./minim.ignore.yaml when present)'],
      ['--stewards <file>', 'stewards.yaml: the keys that sign the plan and ignore entries (default: next to the plan, else ./stewards.yaml)'],
      ['--breach <profiles>', 'with --exposure: breach-notification profiles to apply (comma-separated ids from rules/breach, or "all")', { parse: ids }],
    ],
    run: async (ctx, scan: string, opts: object) => (await import('./commands/report.js')).runReport(scan, opts, ctx),
  },
  {
    name: 'label',
    description: 'write each sensitive column’s categories as a label the engine keeps (comment, security label, sensitivity classification)',
    args: [['<source>', 'connection URL, optionally NAME=URL']],
    options: [
      ['--scan <file>', 'the scan JSON whose findings to label', { required: true }],
      ['--apply', 'execute the statements (default: print them for review)'],
      ['-o, --out <file>', 'write the SQL to a file'],
      QUIET('no summary on stderr'),
    ],
    run: async (ctx, source: string, opts: { scan: string }) => (await import('./commands/label.js')).runLabel(source, opts, ctx),
  },
  {
    name: 'plan',
    description: 'turn a scan into a minimization plan (one item per column and action, all proposed); an existing --out plan keeps its decisions',
    args: [['[sources...]', 'scan these sources first (connection URLs, optionally NAME=URL) instead of --scan']],
    options: [
      ['-s, --scan <file>', 'a scan result (minim scan --format json)'],
      ['-c, --config <file>', 'scan the sources of this config file'],
      ['--demo', 'scan the embedded demo city'],
      ['-p, --policy <file>', 'policy file (default: the built-in rules/policy.yaml)'],
      ['-o, --out <file>', 'plan file to write (YAML; .json for JSON); merged when it exists'],
      ['--access <file>', 'an access review (minim access --format json): propose a restrict item per unauthorized grant'],
      ['--access-policy <file>', 'judge the access review against this access policy (default: the built-in rules/access-policy.yaml)'],
      ['--stewards <file>', 'stewards.yaml, to seal the plan with your steward key (default: next to the plan, else ./stewards.yaml)'],
      PASSPHRASE,
      QUIET('no summary on stderr'),
    ],
    run: async (ctx, sources: string[], opts: object) => (await import('./commands/plan.js')).runPlan(sources, opts, ctx),
  },
  decision('approve'),
  decision('reject'),
  {
    name: 'review',
    description: 'review proposed plan items in the terminal, most severe first: skip (the default), approve, reject or retain, with a reason; each decision signed',
    args: [['<plan>', 'plan file']],
    options: [
      ['--all', 'also revisit items already approved or rejected'],
      ['--category <id>', 'only this category'],
      ['--source <name>', 'only this source'],
      STEWARDS,
      PASSPHRASE,
      ['--preview', 'connect to the plan’s database and show, per item, the rows migrate would change and masked before → after examples (read-only)'],
      ['--url <url>', 'with --preview: the database (one-source plans; default: the plan’s own URL when it holds no password)'],
      ['--preview-source <name=url>', 'with --preview: the URL of one plan source (repeatable)', { parse: repeat }],
      ['-c, --config <file>', 'with --preview: config file with the sources’ URLs'],
    ],
    run: async (ctx, file: string, opts: object) => (await import('./commands/review.js')).runReview(file, opts, ctx),
  },
  {
    name: 'migrate',
    description: 'SQL for the approved plan items (dry run with row counts), or --apply: run in batches and verify',
    args: [['<plan>', 'plan file']],
    options: [
      ['--url <url>', 'connection URL (plans with one source)'],
      ['-c, --config <file>', `config file naming each source's URL (default: ./${CONFIG_FILE} when present)`],
      ['--source <name=url>', 'connection URL of one plan source (repeatable)', { parse: repeat }],
      ['-o, --out <file>', 'write the SQL to this file (default: stdout on a dry run)'],
      ['--apply', 'execute the approved items in batches, then verify'],
      ['--batch-size <n>', `rows per batch transaction (default ${BATCH_SIZE})`, { parse: positive('--batch-size') }],
      ['--allow-drop', 'allow approved drop items to drop columns'],
      ['--require-all', 'refuse the plan when any item is still proposed (PLAN_TAMPERED)'],
      ['-p, --policy <file>', 'policy file (for hash_salt_env; default: the built-in rules/policy.yaml)'],
      ['--stewards <file>', 'stewards.yaml to verify every signature against (default: next to the plan, else ./stewards.yaml)'],
      ['--access-policy <file>', 'access policy that re-judges revocation items against the live grants (default: the built-in rules/access-policy.yaml)'],
      ['--journal <file>', 'apply journal (default: PLAN.journal.ndjson next to the plan); an interrupted run resumes from it'],
      ['--no-progress', 'no progress bar'],
      QUIET('no summary on stderr'),
    ],
    run: async (ctx, file: string, opts: object) => (await import('./commands/migrate.js')).runMigrate(file, opts, ctx),
  },
  {
    name: 'steward',
    description: "a steward's signing key: init, show; seal a plan",
    commands: [
      {
        name: 'init',
        description: 'make an ed25519 signing key (or adopt an OpenSSH ed25519 key) and print the stewards.yaml entry',
        options: [
          ['--name <name>', 'your full name, as stewards.yaml will list it'],
          ['--email <address>', 'your email address'],
          ['--passphrase-env <var>', 'encrypt the new key with the passphrase in this environment variable'],
          ['--ssh-key <path>', 'reuse this unencrypted OpenSSH ed25519 private key (e.g. ~/.ssh/id_ed25519)'],
          ['--force', 'replace an existing key'],
        ],
        run: async (ctx, opts: object) => (await import('./commands/steward.js')).runInit(opts, ctx),
      },
      {
        name: 'show',
        description: 'print your key id and the stewards.yaml entry (public key) to add',
        run: async (ctx) => (await import('./commands/steward.js')).runShow(ctx),
      },
      {
        name: 'seal',
        description: 're-seal a plan with your key: signs the ordered item ids, their digests and the source binding',
        args: [['<plan>', 'plan file']],
        options: [STEWARDS, ['--passphrase-env <var>', 'environment variable holding your key passphrase']],
        run: async (ctx, file: string, opts: object) => (await import('./commands/steward.js')).runSeal(file, opts, ctx),
      },
    ],
  },
  {
    name: 'verify',
    description: "print a plan's approval trail and check every signature and the seal against stewards.yaml (exit 1 when any is refused)",
    args: [['<plan>', 'plan file']],
    options: [STEWARDS, ['-f, --format <format>', 'output format', { choices: ['text', 'json'], default: 'text' }]],
    run: async (ctx, file: string, opts: object) => (await import('./commands/verify.js')).runVerify(file, opts, ctx),
  },
  {
    name: 'history',
    description: 'list the scans stored with minim scan --history (runs per source, newest first)',
    options: [
      HISTORY_STORE,
      HISTORY_CONFIG,
      ['--source <name>', 'only this source’s runs'],
      HISTORY_FORMAT,
      ['--prune', 'delete runs beyond the retention first (--keep, or the config’s history.keep, else 24 per source)'],
      ['--keep <n>', 'runs kept per source when pruning', { parse: positive('--keep') }],
    ],
    run: async (ctx, opts: object) => (await import('./commands/history.js')).runHistory(opts, ctx),
  },
  {
    name: 'diff',
    description: 'what changed between two stored scans (default: the last two runs of each source), readers included; exit 1 on new core-category findings or unauthorized readers',
    args: [['[runs...]', 'run ids A B (minim history); one id: that run against the one before it']],
    options: [
      HISTORY_STORE,
      HISTORY_CONFIG,
      ['--source <name>', 'only this source'],
      HISTORY_FORMAT,
      ['-o, --out <file>', 'write the output to a file'],
      QUIET('no alert line on stderr'),
    ],
    run: async (ctx, runs: string[], opts: object) => (await import('./commands/diff.js')).runDiff(runs, opts, ctx),
  },
  {
    name: 'ignore',
    description: 'sign an exception for a known false positive: check and report suppress it until it expires',
    args: [['<column>', 'source.schema.table.column (globs allowed: payroll.public.*.term_date)']],
    options: [
      ['--category <id>', 'the category to ignore there (or * for every category)'],
      ['--reason <text>', 'why this is not personal data (required)'],
      ['--expires <date>', 'last day it applies, YYYY-MM-DD (at most a year away)'],
      ['--file <file>', `ignore file to add it to (default ./${IGNORE_FILE})`],
      ['--stewards <file>', 'stewards.yaml (default: next to the ignore file, else ./stewards.yaml)'],
      PASSPHRASE,
      QUIET('print nothing'),
    ],
    run: async (ctx, column: string, opts: object) => (await import('./commands/ignore.js')).runIgnore(column, opts, ctx),
  },
];

/** Adds `spec` (and its subcommands) under `parent`. */
function define(parent: Command, spec: CommandSpec, ctx: CliContext): void {
  const cmd = parent.command(spec.name).description(spec.description);
  for (const [name, description] of spec.args ?? []) cmd.argument(name, description);
  for (const [flags, description, how = {}] of spec.options ?? []) {
    const option = new Option(flags, description);
    if (how.parse) option.argParser(how.parse as (value: string, previous: unknown) => unknown);
    if (how.choices) option.choices(how.choices);
    if (how.default !== undefined) option.default(how.default);
    if (how.hidden) option.hideHelp();
    if (how.required) option.makeOptionMandatory();
    cmd.addOption(option);
  }
  for (const sub of spec.commands ?? []) define(cmd, sub, ctx);
  const run = spec.run as ((ctx: CliContext, ...args: unknown[]) => Promise<CommandResult>) | undefined;
  if (run) cmd.action(action(ctx, (...args: unknown[]) => run(ctx, ...args)));
}

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('minim')
    .description('Find personal data in databases and turn it into a data-minimization plan.')
    .version('0.1.0')
    .showHelpAfterError('(run minim --help for usage)')
    .configureOutput({
      writeOut: (s) => void ctx.stdout.write(s),
      writeErr: (s) => void ctx.stderr.write(s),
    })
    .exitOverride()
    // Every command that writes a file (--out, plan files): an output path that is a symbolic link
    // out of its directory is refused unless this is given (src/util/atomic.ts).
    .option('--follow-symlinks', 'let an output path that is a symbolic link lead out of its directory')
    .hook('preAction', (_program, command) => setFollowSymlinks(command.optsWithGlobals()['followSymlinks'] === true));
  for (const spec of COMMANDS) define(program, spec, ctx);
  return program;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function runCli(argv: string[], ctx: CliContext): Promise<number> {
  const program = buildProgram(ctx);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit 0; usage errors exit 2 (commander already printed them).
      return e.exitCode === 0 ? 0 : 2;
    }
    throw e;
  } finally {
    setFollowSymlinks(false);
  }
  return ctx.exitCode;
}
