/**
 * The scan: for each source, the catalog, then one bounded sample per table (p-limit per server,
 * under a global limit), classification in memory, and a result that holds no raw value.
 */
import pLimit, { type LimitFunction } from 'p-limit';
import type { CatalogColumn, CatalogTable, Connector } from '../../connectors/types.js';
import { openConnector } from '../../connectors/index.js';
import type { TableVerdict } from '../classify/index.js';
import { defaultClassifyThreads, inThreadClassifier, workerClassifier, type Classifier, type SampledColumn } from './classify-pool.js';
import { MinimError, toMinimError } from '../errors.js';
import { labelEvidence } from '../label/parse.js';
import { loadRules, type Rules } from '../rules/load.js';
import type { Finding, ScanColumn, ScanError, ScanResult, ScanRisk, ScanSource } from '../types.js';
import { registerSecret, silentLogger, type Logger } from '../util/log.js';
import { dialectOf, redactUrl, secretsOf } from '../util/url.js';
import { schemaFingerprint } from './fingerprint.js';
import { detectorFor, type Detector } from '../migrate/detect.js';
import { readKey, streamRows, textOf } from '../migrate/read.js';
import { familyOf } from '../migrate/sql-compiler.js';
import { tableFilter, unmatchedPatterns } from './filter.js';
import { safeText } from '../util/text.js';
import type { ScanOptions, SourceSpec } from './options.js';

export type { ScanOptions, SourceSpec, ScanProgress } from './options.js';

export const DEFAULTS = {
  sampleRows: 1000,
  concurrency: 4,
  globalConcurrency: 16,
  statementTimeoutMs: 30_000,
  /** Views: a slow view must not hold its base tables' locks until the main statement timeout. */
  viewTimeoutMs: 5_000,
  lockTimeoutMs: 2_000,
  connectTimeoutMs: 10_000,
  maxValueLength: 4096,
} as const;

/** How a column the account may not read (column-level grants) is marked in `skipped`. */
export const SKIPPED_NO_SELECT = 'PERMISSION_DENIED: the account may not SELECT this column (column-level grants)';

/** Pause before the one retry of a retryable failure (a lost connection). */
const RETRY_DELAY_MS = 250;

/** Type classes worth sampling: those some category can live in. Booleans, binary, spatial are not. */
function sampleable(rules: Rules): Set<string> {
  const s = new Set<string>();
  for (const c of rules.categories.values()) for (const t of c.types) s.add(t);
  return s;
}

interface TableOutcome {
  columns: ScanColumn[];
  risk: ScanRisk | null;
  error: ScanError | null;
  queries: number;
  values: number;
}

/** A table's sample (or why there is none), before classification. */
interface SampledTable {
  readonly table: CatalogTable;
  readonly sampleIndex: ReadonlyMap<CatalogColumn, number>;
  readonly values: ReadonlyArray<ReadonlyArray<string | null>> | null;
  /** The values as the connector joined them (connectors/joined-values.ts), when it did: then `values` is null. */
  readonly joined: ReadonlyArray<string | null> | null;
  readonly sampled: number;
  readonly queries: number;
  readonly error: ScanError | null;
  /** Columns left out because the account may not SELECT them (column-level grants). */
  readonly denied: ReadonlySet<CatalogColumn>;
}

type SampleSettings = Required<Pick<ScanOptions, 'sampleRows' | 'maxValueLength' | 'statementTimeoutMs' | 'viewTimeoutMs' | 'lockTimeoutMs'>> & { seed?: number };

/** What every table of one source is sampled and classified with. */
interface SourceContext {
  readonly run: ScanRun;
  readonly source: SourceSpec;
  readonly connector: Connector;
}

/** The I/O half of a table: one bounded sample of its sampleable columns (one retry when retryable). */
async function sampleTable({ run, source, connector }: SourceContext, table: CatalogTable): Promise<SampledTable> {
  const { sampleTypes, settings: o, log } = run;
  // Column-level grants: sample the columns the account may read, list the others as skipped. A
  // table with no readable column at all is sampled as before, so the refusal is reported as such.
  const partial = table.columns.some((c) => c.readable === false) && table.columns.some((c) => c.readable !== false);
  const denied = new Set(partial ? table.columns.filter((c) => c.readable === false) : []);
  const toSample: CatalogColumn[] = table.columns.filter((c) => sampleTypes.has(c.typeClass) && !denied.has(c));
  const sampleIndex = new Map(toSample.map((c, i) => [c, i]));
  let values: ReadonlyArray<ReadonlyArray<string | null>> | null = null;
  let joined: ReadonlyArray<string | null> | null = null;
  let sampled = 0;
  let queries = 0;
  let error: ScanError | null = null;
  const qualified = `${table.schema}.${table.name}`;
  if (table.columns.length === 0 && table.kind === 'view') {
    // NOTE: MariaDB lists no columns for a view whose definition no longer resolves (a dropped base table).
    error = {
      source: source.name,
      table: qualified,
      code: 'OBJECT_NOT_FOUND',
      message: `source ${source.name}: view ${qualified} lists no columns: its definition may be broken (a dropped base table); fix or drop the view`,
    };
  }
  if (toSample.length > 0) {
    const sampleOnce = () =>
      connector.sample(table, {
        rows: o.sampleRows,
        columns: toSample,
        maxValueLength: o.maxValueLength,
        statementTimeoutMs: table.kind === 'view' ? Math.min(o.statementTimeoutMs, o.viewTimeoutMs) : o.statementTimeoutMs,
        lockTimeoutMs: o.lockTimeoutMs,
        ...(o.seed === undefined ? {} : { seed: o.seed }),
      });
    try {
      let s;
      try {
        s = await sampleOnce();
      } catch (e) {
        const err = toMinimError(e, 'QUERY_FAILED', qualified);
        if (!err.retryable) throw err;
        log.debug(`${source.name}: ${qualified}: ${err.code}, retrying once`);
        // NOTE: after a restart or a mass kill, idle pooled connections are dead too; a short pause lets
        // the driver notice and drop them, so the retry gets a live connection (faults.test.ts).
        await new Promise((r) => setTimeout(r, RETRY_DELAY_MS));
        s = await sampleOnce();
      }
      // Joined columns stay joined: they are split where the table is classified (maybe a worker).
      if (s.joined) joined = s.joined;
      else values = s.values;
      sampled = s.rows;
      queries += s.queries;
      log.debug(`${source.name}: ${qualified}: ${s.rows} rows by ${s.method}`);
    } catch (e) {
      const err = toMinimError(e, 'QUERY_FAILED', qualified);
      error = { source: source.name, table: qualified, code: err.code, message: err.message.split('\n')[0]! };
    }
  }
  return { table, sampleIndex, values, joined, sampled, queries, error, denied };
}

/** What the classifier is given for a sampled table: names, type classes, values, label evidence. */
function classifierInputs(s: SampledTable): SampledColumn[] {
  return s.table.columns.map((c) => {
    const i = s.sampleIndex.get(c) ?? -1;
    const labels = labelEvidence(c.comment).map((l) => l.category);
    return {
      name: c.name,
      typeClass: c.typeClass,
      values: i < 0 ? null : s.joined ? { joined: s.joined[i] ?? null, rows: s.sampled } : (s.values?.[i] ?? null),
      ...(labels.length > 0 ? { labels } : {}),
    };
  });
}

/**
 * What a table's outcome needs of its sample once the classifier has it: the values' counts, not
 * the values (so a table waiting for its verdict holds no sampled string).
 */
type SampledShape = Omit<SampledTable, 'values' | 'joined'> & { readonly counts: readonly number[] | null };

function withoutValues(s: SampledTable): SampledShape {
  const { values, joined, ...rest } = s;
  return { ...rest, counts: joined ? joined.map(() => s.sampled) : values === null ? null : values.map((v) => v.length) };
}

/** The result half of a table: its scan columns and risk from the classifier's verdict. */
function tableOutcome(source: SourceSpec, s: SampledShape, verdict: TableVerdict): TableOutcome {
  const { table, counts, sampleIndex, sampled, error, denied } = s;
  let count = 0;
  const columns: ScanColumn[] = table.columns.map((c, idx) => {
    const v = verdict.columns[idx]!;
    const i = sampleIndex.get(c) ?? -1;
    const wasSampled = counts !== null && i >= 0;
    if (wasSampled) count += counts[i]!;
    const col: ScanColumn = {
      source: source.name,
      schema: table.schema,
      table: table.name,
      column: c.name,
      dataType: c.dataType,
      rowEstimate: table.rowEstimate,
      sampled: wasSampled ? sampled : 0,
      nonNull: v.nonNull,
      findings: v.findings,
    };
    if (v.candidates.length > 0) col.candidates = v.candidates;
    if (table.kind !== 'table') col.tableKind = table.kind;
    if (c.generated) col.generated = true;
    if (!wasSampled) {
      col.skipped = denied.has(c)
        ? `${SKIPPED_NO_SELECT}; grant SELECT on it to sample it`
        : i < 0
          ? `type ${c.typeClass} cannot hold personal data`
          : `table not sampled: ${error?.code ?? 'no rows'}`;
    }
    return col;
  });
  const risk: ScanRisk | null = verdict.quasiIdentifiers
    ? {
        source: source.name,
        schema: table.schema,
        table: table.name,
        kind: 'quasi_identifiers',
        columns: verdict.quasiIdentifiers,
        message: `${verdict.quasiIdentifiers.join(' + ')} together re-identify most people (birth date + ZIP + sex)`,
      }
    : null;
  return { columns, risk, error, queries: s.queries, values: count };
}

/** USAGE: `--include` patterns that match no table, with what the sources do hold. */
function includeTypo(patterns: readonly string[], tables: readonly string[], source?: string): MinimError {
  const sorted = [...new Set(tables)].sort();
  const shown = sorted.slice(0, 8).map(safeText).join(', ');
  const held = sorted.length === 0
    ? 'it holds no table minim can read'
    : `${sorted.length === 1 ? 'the one table is' : `the ${sorted.length} tables include`} ${shown}${sorted.length > 8 ? ', …' : ''}`;
  const what = source ? `source ${safeText(source)}: include` : '--include';
  const list = patterns.map((p) => `"${safeText(p)}"`).join(', ');
  return new MinimError('USAGE', `${what} ${list} match${patterns.length === 1 ? 'es' : ''} no table (patterns are schema.table globs); ${held}`, {
    ...(source ? { subject: source } : {}),
  });
}

/** Scans this many tables or more with a worker pool by default; fewer are classified in-thread. */
const POOL_MIN_TABLES = 200;

/** One scan in progress: its settings, its shared limits and classifier, and what it has found so far. */
interface ScanRun {
  readonly options: ScanOptions;
  readonly log: Logger;
  readonly rules: Rules;
  readonly sampleTypes: Set<string>;
  readonly settings: SampleSettings;
  readonly sources: readonly SourceSpec[];
  /** The time the scan is dated with (classification of dates is relative to it too). */
  readonly now: Date;
  /** Tables sampled at once across all servers. */
  readonly global: LimitFunction;
  /** The classifier for a source of this many tables: in-thread, or the scan's one worker pool. */
  classifierFor(tables: number): Promise<Classifier>;
  /** Closes the worker pool, when one was started. */
  closeClassifier(): Promise<void>;
  /** Milliseconds spent classifying, every classifier of the scan (ScanStats.classifyMs). */
  classifyMs(): number;
  readonly includes: IncludeGate;
  // Per source, in source order:
  readonly scannedSources: ScanSource[];
  readonly columns: ScanColumn[][];
  readonly errors: ScanError[];
  readonly risks: ScanRisk[];
  readonly connectErrors: MinimError[];
  queries: number;
  valuesClassified: number;
  tableCount: number;
}

/**
 * An --include that matches no table is a typo, not a clean scan: every source reads its catalog,
 * then (before sampling anything) the patterns are checked against all of them together.
 */
class IncludeGate {
  /** A pattern that matched no table: the scan samples nothing and throws it. */
  typo: MinimError | undefined;
  private readonly patterns: string[];
  private readonly catalogued: string[] = [];
  private read = 0;
  private failed = false;
  private arrived = 0;
  private open!: () => void;
  /** Resolves when every source has read its catalog (or failed to). */
  readonly opened = new Promise<void>((r) => (this.open = r));

  constructor(patterns: readonly string[], private readonly sources: number) {
    this.patterns = [...new Set(patterns)];
  }

  /** A source's catalog: its tables, checked against the source's own include patterns at once. */
  catalogue(source: SourceSpec, names: readonly string[]): void {
    const ownTypos = unmatchedPatterns(source.include ?? [], names);
    if (ownTypos.length > 0) this.typo ??= includeTypo(ownTypos, names, source.name);
    this.catalogued.push(...names);
    this.read++;
    this.arrive();
  }

  /** A source whose catalog could not be read: the scan-wide patterns are not judged then. */
  fail(): void {
    this.failed = true;
    this.arrive();
  }

  private arrive(): void {
    if (++this.arrived < this.sources) return;
    if (this.patterns.length > 0 && !this.failed && this.read === this.sources) {
      const unmatched = unmatchedPatterns(this.patterns, this.catalogued);
      if (unmatched.length > 0) this.typo = includeTypo(unmatched, this.catalogued);
    }
    this.open();
  }
}

/** Scans the sources (or the embedded demo city) and returns the inventory. Never throws for one table. */
export async function scan(options: ScanOptions = {}): Promise<ScanResult> {
  const started = Date.now();
  const run = await startScan(options);
  await Promise.all(run.sources.map((source, si) => scanSource(run, source, si)));
  await run.closeClassifier();
  return finishScan(run, started);
}

/** Settings with their defaults, the sources (the demo city when none), the rules and the shared limits. */
async function startScan(options: ScanOptions): Promise<ScanRun> {
  const log = options.logger ?? silentLogger;
  const rules = loadRules(options.rulesDirs ?? []);
  const settings: SampleSettings = {
    sampleRows: options.sampleRows ?? DEFAULTS.sampleRows,
    maxValueLength: options.maxValueLength ?? DEFAULTS.maxValueLength,
    statementTimeoutMs: options.statementTimeoutMs ?? DEFAULTS.statementTimeoutMs,
    viewTimeoutMs: options.viewTimeoutMs ?? DEFAULTS.viewTimeoutMs,
    lockTimeoutMs: options.lockTimeoutMs ?? DEFAULTS.lockTimeoutMs,
    ...(options.sampleSeed === undefined ? {} : { seed: options.sampleSeed }),
  };
  let sources = options.sources ?? [];
  if (sources.length === 0) sources = [await demoSource(options, log)];
  const names = new Set<string>();
  for (const s of sources) {
    for (const secret of secretsOf(s.url)) registerSecret(secret);
    dialectOf(s.url, s.name);
    if (names.has(s.name)) throw new MinimError('CONFIG_INVALID', `two sources are named ${s.name}; give each source a unique name`);
    names.add(s.name);
  }

  // One pool for the whole scan, started when the first source big enough for it has been listed.
  let pool: Classifier | undefined;
  const inThread = inThreadClassifier(rules, 2 * (options.globalConcurrency ?? DEFAULTS.globalConcurrency));
  return {
    options,
    log,
    rules,
    sampleTypes: sampleable(rules),
    settings,
    sources,
    now: new Date(),
    global: pLimit(options.globalConcurrency ?? DEFAULTS.globalConcurrency),
    classifierFor(tables) {
      const threads = options.classifyThreads ?? (tables >= POOL_MIN_TABLES ? defaultClassifyThreads() : 0);
      if (threads < 1) return Promise.resolve(inThread);
      pool ??= workerClassifier(rules, options.rulesDirs ?? [], threads);
      return Promise.resolve(pool);
    },
    async closeClassifier() {
      await pool?.close();
    },
    classifyMs: () => inThread.classifyMs + (pool?.classifyMs ?? 0),
    includes: new IncludeGate(options.include ?? [], sources.length),
    scannedSources: [],
    columns: [],
    errors: [],
    risks: [],
    connectErrors: [],
    queries: 0,
    valuesClassified: 0,
    tableCount: 0,
  };
}

/** One source: connect, read the catalog, wait for the include check, then sample and classify its tables. */
async function scanSource(run: ScanRun, source: SourceSpec, si: number): Promise<void> {
  const { options, settings } = run;
  const concurrency = source.concurrency ?? options.concurrency ?? DEFAULTS.concurrency;
  const meta: ScanSource = { name: source.name, dialect: dialectOf(source.url, source.name), url: redactUrl(source.url) };
  if (source.department !== undefined) meta.department = source.department;
  if (source.departments !== undefined) meta.departments = { ...source.departments };
  run.scannedSources[si] = meta;
  run.columns[si] = [];
  let connector: Connector;
  try {
    connector = await openConnector(source.url, {
      name: source.name,
      concurrency,
      connectTimeoutMs: options.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs,
      statementTimeoutMs: settings.statementTimeoutMs,
      lockTimeoutMs: settings.lockTimeoutMs,
    });
  } catch (e) {
    const err = toMinimError(e, 'CONNECT_FAILED', source.name);
    run.connectErrors.push(err);
    run.errors.push({ source: source.name, code: err.code, message: err.message.split('\n')[0]! });
    run.includes.fail();
    return;
  }
  let catalogued = false;
  try {
    meta.serverVersion = await connector.serverVersion();
    const filter = tableFilter([...(options.include ?? []), ...(source.include ?? [])], [...(options.exclude ?? []), ...(source.exclude ?? [])]);
    let catalog: CatalogTable[] | null = await connector.catalog();
    run.includes.catalogue(source, catalog.map((t) => `${t.schema}.${t.name}`));
    catalogued = true;
    await run.includes.opened;
    if (run.includes.typo) return;
    const tables: Array<CatalogTable | null> = catalog.filter((t) => filter(t.schema, t.name) && !options.skipTable?.(source.name, t.schema, t.name));
    // The catalog is let go table by table as they finish (scanTables): at 10,000 tables it is ~27 MB
    // of objects that would otherwise stay live, and the heap grows in proportion to what is live.
    catalog = null;
    run.queries += 1;
    run.tableCount += tables.length;
    options.onProgress?.({ kind: 'source-start', source: source.name, tables: tables.length });
    const outcomes = await scanTables({ run, source, connector }, tables, concurrency);
    for (const r of outcomes) {
      run.columns[si]!.push(...r.columns);
      if (r.error) run.errors.push(r.error);
      if (r.risk) run.risks.push(r.risk);
      run.queries += r.queries;
      run.valuesClassified += r.values;
    }
    meta.fingerprint = schemaFingerprint(run.columns[si]!);
  } catch (e) {
    const err = toMinimError(e, 'QUERY_FAILED', source.name);
    run.errors.push({ source: source.name, code: err.code, message: err.message.split('\n')[0]! });
    if (!catalogued) run.includes.fail();
  } finally {
    options.onProgress?.({ kind: 'source-done', source: source.name });
    await connector.close().catch(() => undefined);
  }
}

/**
 * The tables of one source, at most `concurrency` statements in flight on its server; outcomes in
 * table order. Each entry of `tables` is set to null once its table is done (its catalog entry is
 * garbage from then on: the outcome holds what the result needs).
 */
async function scanTables(ctx: SourceContext, tables: Array<CatalogTable | null>, concurrency: number): Promise<TableOutcome[]> {
  const perServer = pLimit(concurrency);
  const classifier = await ctx.run.classifierFor(tables.length);
  // NOTE: a few lanes pull tables in turn (twice the connections, so some classify while the
  // others read) rather than one pending task per table: at 10,000 tables that is 10,000
  // closures and promises alive at once for nothing.
  const outcomes: TableOutcome[] = new Array<TableOutcome>(tables.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(tables.length, 2 * concurrency + 2) }, async () => {
      while (next < tables.length) {
        const i = next++;
        outcomes[i] = await scanOne(ctx, tables[i]!, perServer, classifier);
        tables[i] = null;
      }
    }),
  );
  return outcomes;
}

/** One table: its sample under the limits, its verdict, `--exact` counts, and the table and progress events. */
async function scanOne(ctx: SourceContext, t: CatalogTable, perServer: LimitFunction, classifier: Classifier): Promise<TableOutcome> {
  const { run, source, connector } = ctx;
  const { options, global } = run;
  // I/O under the limits; the sample is handed to the classifier (a bounded queue) and the
  // connection slot is freed at once, so --concurrency statements stay in flight.
  const { sampled, verdict } = await perServer(() =>
    global(async () => {
      const s = await sampleTable(ctx, t);
      return { sampled: withoutValues(s), ...(await classifier.submit(t.name, classifierInputs(s), run.now)) };
    }),
  );
  const r = tableOutcome(source, sampled, await verdict);
  if (options.exact && connector.write) {
    await perServer(() => global(() => exactCounts(connector, t, r.columns, run.rules, run.log)));
  }
  await options.onTable?.({ source: source.name, schema: t.schema, table: t.name, columns: r.columns, error: r.error, risk: r.risk });
  options.onProgress?.({
    kind: 'table-done',
    source: source.name,
    table: `${t.schema}.${t.name}`,
    rows: r.columns[0]?.sampled ?? 0,
    ...(r.error ? { error: r.error.code } : {}),
  });
  return r;
}

/** The inventory: every source's columns in order, errors sorted, the run's figures. */
function finishScan(run: ScanRun, started: number): ScanResult {
  const { options, sources, errors, columns, risks } = run;
  if (run.connectErrors.length === sources.length) throw run.connectErrors[0]!;
  if (run.includes.typo) throw run.includes.typo;
  const order = new Map(sources.map((s, i) => [s.name, i]));
  errors.sort((a, b) => (order.get(a.source)! - order.get(b.source)!) || (a.table ?? '').localeCompare(b.table ?? ''));
  return {
    version: 1,
    scannedAt: run.now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    sources: run.scannedSources,
    columns: columns.flat(),
    errors,
    ...(risks.length > 0 ? { risks } : {}),
    ...(options.sampleSeed === undefined ? {} : { sampleSeed: options.sampleSeed }),
    ...(options.showCandidates ? { candidatesListed: true } : {}),
    stats: {
      tables: run.tableCount,
      columns: columns.reduce((n, c) => n + c.length, 0),
      queries: run.queries,
      valuesClassified: run.valuesClassified,
      durationMs: Date.now() - started,
      classifyMs: Math.round(run.classifyMs()),
    },
  };
}

/**
 * `--exact`: every reported finding with a validated detector is counted over the whole table by
 * the scan's own detectors (src/migrate/detect.ts): the table is read in key-ordered batches, each
 * its own short statement (no lock held between them), and a row counts when its value holds a
 * validated match. The count is of validated values, the figure a breach report needs.
 */
async function exactCounts(connector: Connector, table: CatalogTable, columns: ScanColumn[], rules: Rules, log: Logger) {
  const wanted: Array<{ finding: Finding; column: string; detector: Detector }> = [];
  for (const col of columns) {
    for (const f of col.findings) {
      const detector = detectorFor([f.category], rules);
      if (detector.categories.length === 0) continue;
      wanted.push({ finding: f, column: col.column, detector });
    }
  }
  if (wanted.length === 0) return;
  const qualified = `${table.schema}.${table.name}`;
  try {
    const family = familyOf(connector.dialect);
    const key = await readKey(connector.write!, table);
    const names = [...new Set(wanted.map((w) => w.column))];
    const counts = wanted.map(() => 0);
    // Each finding's position in the row, found once per table, not once per row.
    const at = wanted.map((w) => names.indexOf(w.column));
    for await (const rows of streamRows(connector, family, table, key, names, { batchSize: EXACT_BATCH, asText: true })) {
      for (const r of rows) {
        wanted.forEach((w, i) => {
          const v = textOf(r.values[at[i]!]);
          if (v !== null && w.detector.holds(v)) counts[i]!++;
        });
      }
    }
    wanted.forEach((w, i) => (w.finding.exactCount = counts[i]!));
  } catch (e) {
    log.warn(`${qualified}: exact counts failed (${toMinimError(e).code}); the sample estimates stand`);
  }
}

/** Rows per statement of an exact count: small enough that no statement runs long. */
const EXACT_BATCH = 5000;

/** The embedded demo city (built and cached on first use), scanned when no source is given. */
async function demoSource(options: ScanOptions, log: Logger): Promise<SourceSpec> {
  const { demoSource: source } = await import('../demo/cache.js');
  return source({ ...(options.demoCacheDir ? { cacheDir: options.demoCacheDir } : {}), log: (m: string) => log.info(m) });
}
