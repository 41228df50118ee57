/**
 * Compile-only SQL per engine: `sql` templates with `sql.id` identifiers and `sql.lit` constants
 * become that engine's quoted text without a connection (each engine's compiler lives with its
 * write-path spellings, `connectors/<engine>/<engine>-migrate-dialect.ts`). Values that must not
 * be written down (key bounds) stay parameters.
 */
import type { RawBuilder } from 'kysely';
import { familyOf, writeSql } from '../../connectors/index.js';
import type { Compiled, SqlFamily } from '../../connectors/types.js';

export type { Compiled, SqlFamily } from '../../connectors/types.js';
export { familyOf };

/** Compiles a raw `sql` template for one SQL family. */
export function compile(family: SqlFamily, q: RawBuilder<unknown>): Compiled {
  return writeSql(family).compile(q);
}
