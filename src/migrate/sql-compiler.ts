/**
 * Compile-only kysely per dialect: `sql` templates with `sql.id` identifiers and `sql.lit`
 * constants become correctly quoted text for PostgreSQL, MySQL/MariaDB or SQL Server without a
 * connection. Values that must not be written down (key bounds) stay parameters.
 */
import {
  DummyDriver,
  Kysely,
  MssqlAdapter,
  MssqlIntrospector,
  MssqlQueryCompiler,
  MysqlAdapter,
  MysqlIntrospector,
  MysqlQueryCompiler,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type RawBuilder,
} from 'kysely';
import type { Dialect } from '../types.js';

/** The SQL family a dialect speaks: PGlite speaks PostgreSQL. */
export type SqlFamily = 'postgres' | 'mysql' | 'mssql';

export const familyOf = (d: Dialect): SqlFamily => (d === 'pglite' ? 'postgres' : d);

const compilers = new Map<SqlFamily, Kysely<unknown>>();

function compilerFor(family: SqlFamily): Kysely<unknown> {
  let db = compilers.get(family);
  if (!db) {
    db = new Kysely<unknown>({
      dialect: {
        createDriver: () => new DummyDriver(),
        createAdapter: () => (family === 'postgres' ? new PostgresAdapter() : family === 'mysql' ? new MysqlAdapter() : new MssqlAdapter()),
        createIntrospector: (k) =>
          family === 'postgres' ? new PostgresIntrospector(k) : family === 'mysql' ? new MysqlIntrospector(k) : new MssqlIntrospector(k),
        createQueryCompiler: () =>
          family === 'postgres' ? new PostgresQueryCompiler() : family === 'mysql' ? new MysqlQueryCompiler() : new MssqlQueryCompiler(),
      },
    });
    compilers.set(family, db);
  }
  return db;
}

/** A statement ready to run: text with the dialect's placeholders ($1, ?, @1) and its parameters. */
export interface Compiled {
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

/** Compiles a raw `sql` template for one SQL family. */
export function compile(family: SqlFamily, q: RawBuilder<unknown>): Compiled {
  const c = q.compile(compilerFor(family));
  return { sql: c.sql, parameters: c.parameters };
}
