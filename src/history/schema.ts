/**
 * The history store's tables (schema `minim_history`): runs, and per run its columns, findings,
 * errors, risks and (when the run recorded an access review) the readers of each sensitive column.
 * Counts, confidence, categories, row estimates, names of principals — never a value, never a masked example.
 */
import { sql, type Generated, type Kysely } from 'kysely';
import { MinimError } from '../errors.js';

export const HISTORY_SCHEMA = 'minim_history';
/** 1: runs, columns, findings, errors, risks. 2: readers per column, and when a run's grants were read. */
export const HISTORY_VERSION = 2;

export interface RunsTable {
  id: Generated<number>;
  /** One scan of several sources stores one run per source, sharing the scan id. */
  scan_id: string;
  scanned_at: string;
  stored_at: string;
  source: string;
  department: string | null;
  dialect: string;
  /** Password redacted. */
  url: string | null;
  fingerprint: string | null;
  server_version: string | null;
  columns: number;
  sensitive: number;
  error_count: number;
  sample_seed: number | null;
  /** When the grants were read for this run (`minim access --history`); null: no readers recorded. */
  access_read_at: string | null;
  /** The access policy the readers were judged against, as the command named it. */
  access_policy: string | null;
}

export interface ColumnsTable {
  run_id: number;
  schema_name: string;
  table_name: string;
  column_name: string;
  department: string;
  data_type: string;
  row_estimate: string | number | null;
  sampled: number;
  non_null: number;
  skipped: string | null;
}

export interface FindingsTable {
  run_id: number;
  schema_name: string;
  table_name: string;
  column_name: string;
  category: string;
  confidence: number;
  /** Rule ids behind the finding, comma-separated. */
  rules: string;
  /** Evidence kinds (name, value, text, …), comma-separated. */
  evidence: string;
  match_rate: number | null;
  validated: number | null;
  exact_count: string | number | null;
  /** Rows holding the category: exact when counted, else estimated from the sample (report/exposure.ts). */
  rows_exposed: string | number;
  rows_exact: boolean;
}

export interface ErrorsTable {
  run_id: number;
  table_name: string | null;
  code: string;
  message: string;
}

export interface RisksTable {
  run_id: number;
  schema_name: string;
  table_name: string;
  kind: string;
  /** JSON array of column names. */
  columns: string;
}

/** One principal that can read one sensitive column in a run: its name and verdict, nothing read from the column. */
export interface ReadersTable {
  run_id: number;
  schema_name: string;
  table_name: string;
  column_name: string;
  /** Role, user (`'name'@'host'` on MySQL) or `PUBLIC`. */
  principal: string;
  /** role, user or public. */
  kind: string;
  login: boolean;
  /** allowed, UNAUTHORIZED, superuser, owner; null when no policy judged the column. */
  verdict: string | null;
  via_public: boolean;
  set_role: boolean;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface HistoryDb {
  'minim_history.runs': RunsTable;
  'minim_history.columns': ColumnsTable;
  'minim_history.findings': FindingsTable;
  'minim_history.errors': ErrorsTable;
  'minim_history.risks': RisksTable;
  'minim_history.readers': ReadersTable;
  'minim_history.meta': MetaTable;
}

/** Creates the schema and tables when missing and upgrades an older store in place (idempotent). */
export async function migrateHistory(db: Kysely<HistoryDb>, where = 'the history store'): Promise<void> {
  await db.schema.createSchema(HISTORY_SCHEMA).ifNotExists().execute();
  const s = db.schema.withSchema(HISTORY_SCHEMA);
  await s.createTable('meta').ifNotExists().addColumn('key', 'text', (c) => c.primaryKey()).addColumn('value', 'text', (c) => c.notNull()).execute();
  await s
    .createTable('runs')
    .ifNotExists()
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('scan_id', 'text', (c) => c.notNull())
    .addColumn('scanned_at', 'text', (c) => c.notNull())
    .addColumn('stored_at', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('department', 'text')
    .addColumn('dialect', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('fingerprint', 'text')
    .addColumn('server_version', 'text')
    .addColumn('columns', 'integer', (c) => c.notNull())
    .addColumn('sensitive', 'integer', (c) => c.notNull())
    .addColumn('error_count', 'integer', (c) => c.notNull())
    .addColumn('sample_seed', 'integer')
    .execute();
  const child = (name: string) =>
    s.createTable(name).ifNotExists().addColumn('run_id', 'integer', (c) => c.notNull().references(`${HISTORY_SCHEMA}.runs.id`).onDelete('cascade'));
  await child('columns')
    .addColumn('schema_name', 'text', (c) => c.notNull())
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('column_name', 'text', (c) => c.notNull())
    .addColumn('department', 'text', (c) => c.notNull())
    .addColumn('data_type', 'text', (c) => c.notNull())
    .addColumn('row_estimate', 'bigint')
    .addColumn('sampled', 'integer', (c) => c.notNull())
    .addColumn('non_null', 'integer', (c) => c.notNull())
    .addColumn('skipped', 'text')
    .execute();
  await child('findings')
    .addColumn('schema_name', 'text', (c) => c.notNull())
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('column_name', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('confidence', 'double precision', (c) => c.notNull())
    .addColumn('rules', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('match_rate', 'double precision')
    .addColumn('validated', 'integer')
    .addColumn('exact_count', 'bigint')
    .addColumn('rows_exposed', 'bigint', (c) => c.notNull())
    .addColumn('rows_exact', 'boolean', (c) => c.notNull())
    .execute();
  await child('errors').addColumn('table_name', 'text').addColumn('code', 'text', (c) => c.notNull()).addColumn('message', 'text', (c) => c.notNull()).execute();
  await child('risks')
    .addColumn('schema_name', 'text', (c) => c.notNull())
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('columns', 'text', (c) => c.notNull())
    .execute();
  for (const t of ['columns', 'findings', 'errors', 'risks']) {
    await sql`CREATE INDEX IF NOT EXISTS ${sql.id(`${t}_run`)} ON ${sql.id(HISTORY_SCHEMA, t)} (run_id)`.execute(db);
  }
  // A new store starts at version 1 and is upgraded below like any older one.
  await db.insertInto('minim_history.meta').values({ key: 'version', value: '1' }).onConflict((oc) => oc.column('key').doNothing()).execute();
  const row = await db.selectFrom('minim_history.meta').select('value').where('key', '=', 'version').executeTakeFirst();
  const version = Number(row?.value ?? 1);
  if (!Number.isInteger(version) || version > HISTORY_VERSION) {
    throw new MinimError('CONFIG_INVALID', `${where}: the history store is version ${row?.value}, newer than this minim reads (${HISTORY_VERSION}); upgrade minim or point --history at another store`, { subject: where });
  }
  if (version < 2) await db.transaction().execute(async (tx) => upgradeTo2(tx));
}

/** Version 2: readers per column, and when each run's grants were read (older runs: none recorded). */
async function upgradeTo2(db: Kysely<HistoryDb>): Promise<void> {
  const runs = sql.id(HISTORY_SCHEMA, 'runs');
  await sql`ALTER TABLE ${runs} ADD COLUMN IF NOT EXISTS access_read_at text`.execute(db);
  await sql`ALTER TABLE ${runs} ADD COLUMN IF NOT EXISTS access_policy text`.execute(db);
  await db.schema
    .withSchema(HISTORY_SCHEMA)
    .createTable('readers')
    .ifNotExists()
    .addColumn('run_id', 'integer', (c) => c.notNull().references(`${HISTORY_SCHEMA}.runs.id`).onDelete('cascade'))
    .addColumn('schema_name', 'text', (c) => c.notNull())
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('column_name', 'text', (c) => c.notNull())
    .addColumn('principal', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('login', 'boolean', (c) => c.notNull())
    .addColumn('verdict', 'text')
    .addColumn('via_public', 'boolean', (c) => c.notNull())
    .addColumn('set_role', 'boolean', (c) => c.notNull())
    .execute();
  await sql`CREATE INDEX IF NOT EXISTS readers_run ON ${sql.id(HISTORY_SCHEMA, 'readers')} (run_id)`.execute(db);
  await db.updateTable('minim_history.meta').set({ value: '2' }).where('key', '=', 'version').execute();
}
