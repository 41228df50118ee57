/**
 * The MariaDB sample-size database, built from the SEQUENCE engine (`seq_1_to_N`) in batches and
 * cached between runs behind a marker table written last (`--fresh` rebuilds).
 */
import mysql from 'mysql2/promise';
import { progress, since } from './progress.js';

/** Server-level URL of the bench MariaDB/MySQL. */
export const MYSQL_ADMIN_URL = process.env.MINIM_BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/';

/** URL of one database on the bench server. */
export function mysqlUrl(database: string): string {
  const u = new URL(MYSQL_ADMIN_URL);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Row expressions over `seq` (the sequence value): synthetic names, emails, issued-range SSNs. */
const COLUMNS = `seq,
  CONCAT(ELT(1 + seq % 10, 'Ana','Ben','Chloe','Dev','Eli','Fay','Gus','Hana','Ivan','Jo'), ' ', ELT(1 + (seq DIV 10) % 8, 'Diaz','Nguyen','Smith','Okafor','Rossi','Kim','Haas','Silva')),
  CONCAT('user', seq, '@example.org'),
  CONCAT(LPAD(1 + seq % 665, 3, '0'), '-', LPAD(1 + seq % 99, 2, '0'), '-', LPAD(1 + seq % 9999, 4, '0')),
  (seq % 1000000) / 100,
  TIMESTAMP('2020-01-01') + INTERVAL (seq % 100000) * 17 MINUTE,
  CONCAT('Request ', seq, ' about ', ELT(1 + seq % 5, 'a pothole','a streetlight','noise','a permit','trash pickup'), ', resolved by crew ', seq % 40),
  ELT(1 + seq % 4, 'open','closed','pending','void')`;

const TABLE = (name: string) => `CREATE TABLE \`${name}\` (
  id BIGINT NOT NULL PRIMARY KEY, full_name VARCHAR(64), email VARCHAR(64), ssn CHAR(11),
  amount DECIMAL(12,2), created_at DATETIME, notes VARCHAR(200), status VARCHAR(10)
) ENGINE=InnoDB`;

/** Ensures `database` holds `rows_small` and `rows_big` with these row counts; returns its URL. */
export async function ensureMysqlSizeDatabase(database: string, small: number, big: number, fresh: boolean): Promise<string> {
  const version = `v1:${small}:${big}`;
  const c = await mysql.createConnection({ uri: MYSQL_ADMIN_URL, multipleStatements: false });
  try {
    if (!fresh) {
      const [m] = await c.query(
        `SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'minim_bench_marker'`,
        [database],
      );
      if ((m as unknown[]).length > 0) {
        const [v] = await c.query(`SELECT version FROM \`${database}\`.minim_bench_marker`);
        if ((v as Array<{ version: string }>)[0]?.version === version) {
          progress(`${database} (MariaDB): cached`);
          return mysqlUrl(database);
        }
      }
    }
    const t0 = performance.now();
    progress(`${database} (MariaDB): building (first run only; --fresh rebuilds)…`);
    await c.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await c.query(`CREATE DATABASE \`${database}\``);
    await c.query(`USE \`${database}\``);
    await c.query(`SELECT seq FROM seq_1_to_3`); // NOTE: fails clearly when the SEQUENCE engine is missing
    for (const [name, rows] of [['rows_small', small], ['rows_big', big]] as const) {
      await c.query(TABLE(name));
      const chunk = 500_000;
      for (let from = 1; from <= rows; from += chunk) {
        const to = Math.min(rows, from + chunk - 1);
        await c.query(`INSERT INTO \`${name}\` SELECT ${COLUMNS} FROM seq_${from}_to_${to}`);
        if (rows > chunk) progress(`${database}.${name}: ${to.toLocaleString('en-US')}/${rows.toLocaleString('en-US')} rows`);
      }
      await c.query(`ANALYZE TABLE \`${name}\``);
    }
    await c.query('CREATE TABLE minim_bench_marker (version VARCHAR(40) NOT NULL)');
    await c.query('INSERT INTO minim_bench_marker VALUES (?)', [version]);
    progress(`${database} (MariaDB): built in ${(since(t0) / 1000).toFixed(0)} s`);
    return mysqlUrl(database);
  } finally {
    await c.end();
  }
}

/** Column expressions over `seq` for the many-table database (synthetic, rotated per table). */
const MANY_COLUMNS: ReadonlyArray<readonly [string, string, string]> = [
  ['full_name', 'VARCHAR(64)', `CONCAT(ELT(1 + seq % 10, 'Ana','Ben','Chloe','Dev','Eli','Fay','Gus','Hana','Ivan','Jo'), ' ', ELT(1 + (seq DIV 10) % 8, 'Diaz','Nguyen','Smith','Okafor','Rossi','Kim','Haas','Silva'))`],
  ['email', 'VARCHAR(64)', `CONCAT('user', seq, '@example.org')`],
  ['ssn', 'CHAR(11)', `CONCAT(LPAD(1 + seq % 665, 3, '0'), '-', LPAD(1 + seq % 99, 2, '0'), '-', LPAD(1 + seq % 9999, 4, '0'))`],
  ['amount', 'DECIMAL(12,2)', '(seq % 1000000) / 100'],
  ['created_at', 'DATETIME', `TIMESTAMP('2020-01-01') + INTERVAL (seq % 100000) * 17 MINUTE`],
  ['notes', 'VARCHAR(200)', `CONCAT('Request ', seq, ' about ', ELT(1 + seq % 5, 'a pothole','a streetlight','noise','a permit','trash pickup'), ', resolved by crew ', seq % 40)`],
  ['status', 'VARCHAR(10)', `ELT(1 + seq % 4, 'open','closed','pending','void')`],
  ['code', 'VARCHAR(12)', `CONCAT('C', LPAD(seq % 99999, 5, '0'))`],
  ['qty', 'INT', 'seq % 500'],
  ['dept', 'VARCHAR(12)', `ELT(1 + seq % 5, 'parks','water','courts','payroll','transit')`],
  ['order_ref', 'CHAR(14)', `LPAD(seq * 7919 % 1000000000000, 14, '0')`],
];

/**
 * `tables` tables `t_NNNN` of `cols` columns (id + a rotation of MANY_COLUMNS) and `rows` rows each,
 * in `database`, cached behind a marker table written last.
 */
export async function ensureMysqlManyDatabase(database: string, tables: number, cols: number, rows: number, fresh: boolean): Promise<string> {
  const version = `many:v1:${tables}x${cols}x${rows}`;
  const c = await mysql.createConnection({ uri: MYSQL_ADMIN_URL, multipleStatements: false });
  try {
    if (!fresh) {
      const [m] = await c.query(`SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'minim_bench_marker'`, [database]);
      if ((m as unknown[]).length > 0) {
        const [v] = await c.query(`SELECT version FROM \`${database}\`.minim_bench_marker`);
        if ((v as Array<{ version: string }>)[0]?.version === version) {
          progress(`${database} (MariaDB): cached`);
          return mysqlUrl(database);
        }
      }
    }
    const t0 = performance.now();
    progress(`${database} (MariaDB): building ${tables} tables (first run only; --fresh rebuilds)…`);
    await c.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await c.query(`CREATE DATABASE \`${database}\``);
    await c.query(`USE \`${database}\``);
    await c.query(`SELECT seq FROM seq_1_to_3`); // NOTE: fails clearly when the SEQUENCE engine is missing
    for (let i = 0; i < tables; i++) {
      const picked = Array.from({ length: cols - 1 }, (_, k) => MANY_COLUMNS[(i + k) % MANY_COLUMNS.length]!);
      const defs = picked.map(([n, type], k) => `\`${n}_${k}\` ${type}`);
      const name = `t_${String(i).padStart(5, '0')}`;
      await c.query(`CREATE TABLE \`${name}\` (id BIGINT NOT NULL PRIMARY KEY, ${defs.join(', ')}) ENGINE=InnoDB`);
      await c.query(`INSERT INTO \`${name}\` SELECT seq, ${picked.map(([, , e]) => e).join(', ')} FROM seq_1_to_${rows}`);
      if ((i + 1) % 250 === 0) progress(`${database}: ${i + 1}/${tables} tables`);
    }
    progress(`${database}: ANALYZE`);
    for (let i = 0; i < tables; i += 100) {
      const names = Array.from({ length: Math.min(100, tables - i) }, (_, k) => `\`t_${String(i + k).padStart(5, '0')}\``);
      await c.query(`ANALYZE TABLE ${names.join(', ')}`);
    }
    await c.query('CREATE TABLE minim_bench_marker (version VARCHAR(60) NOT NULL)');
    await c.query('INSERT INTO minim_bench_marker VALUES (?)', [version]);
    progress(`${database} (MariaDB): built in ${(since(t0) / 1000).toFixed(0)} s`);
    return mysqlUrl(database);
  } finally {
    await c.end();
  }
}
