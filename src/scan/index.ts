/**
 * The scan: for each source, the catalog, then one bounded sample per table (p-limit per server,
 * under a global limit), classification in memory, and a result that holds no raw value.
 */
import pLimit from 'p-limit';
import type { CatalogColumn, CatalogTable, Connector } from '../../connectors/types.js';
import { openConnector } from '../../connectors/index.js';
import type { ColumnInput, TableVerdict } from '../classify/index.js';
import { defaultClassifyThreads, inThreadClassifier, workerClassifier, type Classifier } from './classify-pool.js';
import { MinimError, toMinimError } from '../errors.js';
import { labelEvidence } from '../label/parse.js';
import { loadRules, type Rules } from '../rules/load.js';
import type { Finding, ScanColumn, ScanError, ScanResult, ScanRisk, ScanSource } from '../types.js';
import { registerSecret, silentLogger, type Logger } from '../util/log.js';
import { dialectOf, redactUrl, secretsOf } from '../util/url.js';
import { schemaFingerprint } from './fingerprint.js';
import { tableFilter } from './filter.js';
import type { ScanOptions, SourceSpec } from './options.js';

export type { ScanOptions, SourceSpec, ScanProgress } from './options.js';

export const DEFAULTS = {
  sampleRows: 1000,
  concurrency: 4,
  globalConcurrency: 16,
  statementTimeoutMs: 30_000,
  lockTimeoutMs: 2_000,
  connectTimeoutMs: 10_000,
  maxValueLength: 4096,
} as const;

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
  readonly sampled: number;
  readonly queries: number;
  readonly error: ScanError | null;
}

type SampleSettings = Required<Pick<ScanOptions, 'sampleRows' | 'maxValueLength' | 'statementTimeoutMs' | 'lockTimeoutMs'>> & { seed?: number };

/** The I/O half of a table: one bounded sample of its sampleable columns (one retry when retryable). */
async function sampleTable(
  connector: Connector,
  source: SourceSpec,
  table: CatalogTable,
  sampleTypes: Set<string>,
  o: SampleSettings,
  log: Logger,
): Promise<SampledTable> {
  const toSample: CatalogColumn[] = table.columns.filter((c) => sampleTypes.has(c.typeClass));
  const sampleIndex = new Map(toSample.map((c, i) => [c, i]));
  let values: ReadonlyArray<ReadonlyArray<string | null>> | null = null;
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
        statementTimeoutMs: o.statementTimeoutMs,
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
      values = s.values;
      sampled = s.rows;
      queries += s.queries;
      log.debug(`${source.name}: ${qualified}: ${s.rows} rows by ${s.method}`);
    } catch (e) {
      const err = toMinimError(e, 'QUERY_FAILED', qualified);
      error = { source: source.name, table: qualified, code: err.code, message: err.message.split('\n')[0]! };
    }
  }
  return { table, sampleIndex, values, sampled, queries, error };
}

/** What the classifier is given for a sampled table: names, type classes, values, label evidence. */
function classifierInputs(s: SampledTable): ColumnInput[] {
  return s.table.columns.map((c) => {
    const i = s.sampleIndex.get(c) ?? -1;
    const labels = labelEvidence(c.comment).map((l) => l.category);
    return {
      name: c.name,
      typeClass: c.typeClass,
      values: s.values && i >= 0 ? (s.values[i] ?? null) : null,
      ...(labels.length > 0 ? { labels } : {}),
    };
  });
}

/** The result half of a table: its scan columns and risk from the classifier's verdict. */
function tableOutcome(source: SourceSpec, s: SampledTable, verdict: TableVerdict): TableOutcome {
  const { table, values, sampleIndex, sampled, error } = s;
  let count = 0;
  const columns: ScanColumn[] = table.columns.map((c, idx) => {
    const v = verdict.columns[idx]!;
    const i = sampleIndex.get(c) ?? -1;
    const wasSampled = values !== null && i >= 0;
    if (wasSampled) count += values![i]!.length;
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
    if (!wasSampled) col.skipped = i < 0 ? `type ${c.typeClass} cannot hold personal data` : `table not sampled: ${error?.code ?? 'no rows'}`;
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

/** Scans this many tables or more with a worker pool by default; fewer are classified in-thread. */
const POOL_MIN_TABLES = 200;

/** Scans the sources (or the embedded demo city) and returns the inventory. Never throws for one table. */
export async function scan(options: ScanOptions = {}): Promise<ScanResult> {
  const started = Date.now();
  const log = options.logger ?? silentLogger;
  const rules = loadRules(options.rulesDirs ?? []);
  const sampleTypes = sampleable(rules);
  const o = {
    sampleRows: options.sampleRows ?? DEFAULTS.sampleRows,
    maxValueLength: options.maxValueLength ?? DEFAULTS.maxValueLength,
    statementTimeoutMs: options.statementTimeoutMs ?? DEFAULTS.statementTimeoutMs,
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
  let pool: Promise<Classifier> | undefined;
  const inThread = inThreadClassifier(rules, 2 * (options.globalConcurrency ?? DEFAULTS.globalConcurrency));
  const classifierFor = (tables: number): Promise<Classifier> => {
    const threads = options.classifyThreads ?? (tables >= POOL_MIN_TABLES ? defaultClassifyThreads() : 0);
    if (threads < 1) return Promise.resolve(inThread);
    pool ??= Promise.resolve(workerClassifier(rules, options.rulesDirs ?? [], threads));
    return pool;
  };

  const global = pLimit(options.globalConcurrency ?? DEFAULTS.globalConcurrency);
  const now = new Date();
  const scannedSources: ScanSource[] = [];
  const columns: ScanColumn[][] = [];
  const errors: ScanError[] = [];
  const risks: ScanRisk[] = [];
  const connectErrors: MinimError[] = [];
  let queries = 0;
  let valuesClassified = 0;
  let tableCount = 0;

  await Promise.all(
    sources.map(async (source, si) => {
      const concurrency = source.concurrency ?? options.concurrency ?? DEFAULTS.concurrency;
      const dialect = dialectOf(source.url, source.name);
      const meta: ScanSource = { name: source.name, dialect, url: redactUrl(source.url) };
      if (source.department !== undefined) meta.department = source.department;
      if (source.departments !== undefined) meta.departments = { ...source.departments };
      scannedSources[si] = meta;
      columns[si] = [];
      let connector: Connector;
      try {
        connector = await openConnector(source.url, {
          name: source.name,
          concurrency,
          connectTimeoutMs: options.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs,
          statementTimeoutMs: o.statementTimeoutMs,
          lockTimeoutMs: o.lockTimeoutMs,
        });
      } catch (e) {
        const err = toMinimError(e, 'CONNECT_FAILED', source.name);
        connectErrors.push(err);
        errors.push({ source: source.name, code: err.code, message: err.message.split('\n')[0]! });
        return;
      }
      try {
        meta.serverVersion = await connector.serverVersion();
        const filter = tableFilter(
          [...(options.include ?? []), ...(source.include ?? [])],
          [...(options.exclude ?? []), ...(source.exclude ?? [])],
        );
        const tables = (await connector.catalog()).filter(
          (t) => filter(t.schema, t.name) && !options.skipTable?.(source.name, t.schema, t.name),
        );
        queries += 1;
        tableCount += tables.length;
        options.onProgress?.({ kind: 'source-start', source: source.name, tables: tables.length });
        const perServer = pLimit(concurrency);
        const classifier = await classifierFor(tables.length);
        const scanOne = async (t: CatalogTable): Promise<TableOutcome> => {
          // I/O under the limits; the sample is handed to the classifier (a bounded queue) and the
          // connection slot is freed at once, so --concurrency statements stay in flight.
          const { sampled, verdict } = await perServer(() =>
            global(async () => {
              const s = await sampleTable(connector, source, t, sampleTypes, o, log);
              return { sampled: s, ...(await classifier.submit(t.name, classifierInputs(s), now)) };
            }),
          );
          const r = tableOutcome(source, sampled, await verdict);
          if (options.exact && connector.countMatches) {
            await perServer(() => global(() => exactCounts(connector, t, r.columns, rules, log)));
          }
          await options.onTable?.({
            source: source.name,
            schema: t.schema,
            table: t.name,
            columns: r.columns,
            error: r.error,
            risk: r.risk,
          });
          options.onProgress?.({
            kind: 'table-done',
            source: source.name,
            table: `${t.schema}.${t.name}`,
            rows: r.columns[0]?.sampled ?? 0,
            ...(r.error ? { error: r.error.code } : {}),
          });
          return r;
        };
        // NOTE: a few lanes pull tables in turn (twice the connections, so some classify while the
        // others read) rather than one pending task per table: at 10,000 tables that is 10,000
        // closures and promises alive at once for nothing.
        const outcomes: TableOutcome[] = new Array<TableOutcome>(tables.length);
        let next = 0;
        await Promise.all(
          Array.from({ length: Math.min(tables.length, 2 * concurrency + 2) }, async () => {
            while (next < tables.length) {
              const i = next++;
              outcomes[i] = await scanOne(tables[i]!);
            }
          }),
        );
        for (const r of outcomes) {
          columns[si]!.push(...r.columns);
          if (r.error) errors.push(r.error);
          if (r.risk) risks.push(r.risk);
          queries += r.queries;
          valuesClassified += r.values;
        }
        meta.fingerprint = schemaFingerprint(columns[si]!);
      } catch (e) {
        const err = toMinimError(e, 'QUERY_FAILED', source.name);
        errors.push({ source: source.name, code: err.code, message: err.message.split('\n')[0]! });
      } finally {
        options.onProgress?.({ kind: 'source-done', source: source.name });
        await connector.close().catch(() => undefined);
      }
    }),
  );

  await (await pool)?.close();
  if (connectErrors.length === sources.length) throw connectErrors[0]!;
  const order = new Map(sources.map((s, i) => [s.name, i]));
  errors.sort((a, b) => (order.get(a.source)! - order.get(b.source)!) || (a.table ?? '').localeCompare(b.table ?? ''));
  return {
    version: 1,
    scannedAt: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    sources: scannedSources,
    columns: columns.flat(),
    errors,
    ...(risks.length > 0 ? { risks } : {}),
    stats: {
      tables: tableCount,
      columns: columns.reduce((n, c) => n + c.length, 0),
      queries,
      valuesClassified,
      durationMs: Date.now() - started,
    },
  };
}

/**
 * `--exact`: for each reported finding whose best evidence is a value or text rule with a regex,
 * count the rows matching that regex over the whole table inside the database, every finding of
 * the table in one statement (one pass over the table). The count is of the shape (checksums
 * cannot be pushed down), so it is an upper bound of validated values.
 */
async function exactCounts(connector: Connector, table: CatalogTable, columns: ScanColumn[], rules: Rules, log: Logger) {
  const wanted: Array<{ finding: Finding; column: string; regex: string }> = [];
  for (const col of columns) {
    for (const f of col.findings) {
      const ev = f.evidence.find((e) => e.source === 'value' || e.source === 'text');
      const rule = ev && (rules.values.find((r) => r.def.id === ev.rule) ?? rules.text.find((r) => r.def.id === ev.rule));
      const regex = rule?.def.regex;
      if (!regex) continue;
      wanted.push({ finding: f, column: col.column, regex: (rule.def.flags ?? '').includes('i') ? `(?i)${regex}` : regex });
    }
  }
  if (wanted.length === 0) return;
  const qualified = `${table.schema}.${table.name}`;
  try {
    const counts = await connector.countMatches!(table, wanted.map((w) => ({ column: w.column, regex: w.regex })));
    wanted.forEach((w, i) => {
      const n = counts[i];
      if (n === null || n === undefined) log.warn(`${qualified}.${w.column}: this engine cannot count ${w.finding.category} exactly; the sample estimate stands`);
      else w.finding.exactCount = n;
    });
  } catch (e) {
    log.warn(`${qualified}: exact counts failed (${toMinimError(e).code}); the sample estimates stand`);
  }
}

async function demoSource(options: ScanOptions, log: Logger): Promise<SourceSpec> {
  const { ensureDemoDatabase } = await import('../../connectors/pglite/pglite-demo.js');
  const dir = await ensureDemoDatabase({
    ...(options.demoCacheDir ? { cacheDir: options.demoCacheDir } : {}),
    log: (m: string) => log.info(m),
  });
  const { DEMO_DEPARTMENTS } = await import('../demo/city.js');
  return {
    name: 'demo',
    url: `pglite:${dir}`,
    department: 'Demo City',
    departments: Object.fromEntries(DEMO_DEPARTMENTS.map((d) => [d.schema, d.name])),
  };
}
