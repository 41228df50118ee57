/** What every engine's SQL spellings share: compile-only kysely, and the SQL file's small helpers. */
import { DummyDriver, Kysely, type DialectAdapter, type QueryCompiler, type RawBuilder } from 'kysely';
import type { Compiled } from './types.js';

/**
 * A compile-only kysely for one engine: `sql` templates with `sql.id` identifiers and `sql.lit`
 * constants become that engine's quoted text without a connection. Values stay parameters.
 */
export function kyselyCompiler(adapter: () => DialectAdapter, compiler: () => QueryCompiler): (q: RawBuilder<unknown>) => Compiled {
  let db: Kysely<unknown> | undefined;
  return (q) => {
    db ??= new Kysely<unknown>({
      dialect: {
        createDriver: () => new DummyDriver(),
        createAdapter: adapter,
        createIntrospector: () => {
          throw new Error('internal: the SQL compiler has no connection to introspect');
        },
        createQueryCompiler: compiler,
      },
    });
    const c = q.compile(db);
    return { sql: c.sql, parameters: c.parameters };
  };
}

/** One line, safe inside a `--` comment. */
export const sqlComment = (s: string) => `-- ${s.replace(/[\r\n\u2028\u2029]+/g, ' ')}`;

// NOTE: script variables are named `minim_rows$`: `$` cannot start or end a user's unquoted
// identifier in a way that collides, and every user identifier reaches SQL quoted, so a column
// named `n` (or anything else) is never shadowed by a script variable.

/** A delimiter, dollar-quote tag or variable name that does not occur in `body`. */
export function freshTag(body: string, candidates: readonly string[]): string {
  for (const c of candidates) if (!body.includes(c)) return c;
  let i = 0;
  while (body.includes(`${candidates[0]}${i}`)) i++;
  return `${candidates[0]}${i}`;
}
