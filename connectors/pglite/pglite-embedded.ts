/**
 * A new embedded PostgreSQL (PGlite) database in a directory, opened as a Connector, and the
 * engine-specific pieces a prebuilt copy of one needs: its compressed data directory and the
 * PGlite version that wrote it (a data directory is only read by the version that wrote it).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { Connector, ConnectorOptions } from '../types.js';
import { PgliteConnector } from './pglite-connector.js';
import type { PgliteLike } from './pglite-transport.js';

/**
 * Creates a database in `dir` (empty or absent) and resolves to a Connector on it once it is ready.
 * NOTE: PGlite starts (WASM compile + initdb, ~3 s) as soon as this is called, on V8's background
 * threads, so a caller can do its own work (generate the rows) before awaiting the result.
 */
export function createPgliteDatabase(dir: string, options: ConnectorOptions): Promise<Connector> {
  if (existsSync(join(dir, 'PG_VERSION'))) return Promise.reject(new Error(`${dir} already holds a database`));
  const db = new PGlite(dir);
  return db.waitReady.then(
    () => PgliteConnector.wrap(db as unknown as PgliteLike, options),
    async (e: unknown) => {
      await db.close().catch(() => undefined);
      throw e;
    },
  );
}

/** The data directory of the (closed) database in `dir`, as a gzip-compressed tar archive. */
export async function dumpPgliteDirectory(dir: string): Promise<Uint8Array> {
  const db = new PGlite(dir);
  try {
    await db.waitReady;
    return new Uint8Array(await (await db.dumpDataDir('gzip')).arrayBuffer());
  } finally {
    await db.close();
  }
}

/** The installed PGlite's version (its data directory format follows it). */
export async function pgliteVersion(): Promise<string> {
  // NOTE: the package's exports hide package.json; it sits above the resolved entry's dist/.
  let d = dirname(fileURLToPath(import.meta.resolve('@electric-sql/pglite')));
  for (let i = 0; i < 4; i++, d = dirname(d)) {
    try {
      const pkg = JSON.parse(await readFile(join(d, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === '@electric-sql/pglite') return pkg.version ?? 'unknown';
    } catch {
      // keep walking up
    }
  }
  return 'unknown';
}
