/** Embedded PostgreSQL (PGlite, PostgreSQL 18 in WebAssembly): same SQL as PostgresConnector, another transport. */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { MinimError } from '../../src/errors.js';
import type { ConnectorOptions } from '../types.js';
import { PostgresBaseConnector } from '../postgres/postgres-base-connector.js';
import { PgliteTransport, type PgliteLike } from './pglite-transport.js';
import { pgliteStartOptions } from './pglite-start.js';

/** `pglite:DIR` → the directory; `pglite:`, `pglite:memory`, `pglite:memory://` → null (in memory). */
export function pgliteDataDir(url: string): string | null {
  let rest = url.trim().replace(/^pglite:/i, '');
  if (rest === '' || /^memory(:\/\/)?$/i.test(rest)) return null;
  if (rest.startsWith('//')) rest = rest.slice(2); // pglite:///abs/dir and pglite://rel/dir
  if (rest.startsWith('file://')) rest = rest.slice('file://'.length);
  return path.resolve(rest);
}

export class PgliteConnector extends PostgresBaseConnector {
  private constructor(transport: PgliteTransport, options: ConnectorOptions) {
    super('pglite', transport, options);
  }

  /**
   * Opens the PGlite database in DIR. A missing directory, or one that holds no database, is
   * DATABASE_NOT_FOUND: an empty database is never created silently.
   * NOTE: PGlite is single-threaded, so options.concurrency is ignored (one operation at a time), and it
   * does not enforce statement_timeout (no timer signals in WebAssembly): the setting is sent but a
   * slow statement runs to the end. lock_timeout is moot with a single backend.
   */
  static async open(url: string, options: ConnectorOptions): Promise<PgliteConnector> {
    const dir = pgliteDataDir(url);
    if (dir !== null && !(existsSync(dir) && statSync(dir).isDirectory())) {
      throw new MinimError(
        'DATABASE_NOT_FOUND',
        `source ${options.name}: no PGlite database at ${dir} (the directory does not exist); check the path, or run the command that builds it`,
        { subject: options.name },
      );
    }
    if (dir !== null && !existsSync(path.join(dir, 'PG_VERSION'))) {
      throw new MinimError(
        'DATABASE_NOT_FOUND',
        `source ${options.name}: ${dir} is not a PGlite database directory (no PG_VERSION); check the path`,
        { subject: options.name },
      );
    }
    let db: PgliteLike;
    try {
      const { PGlite } = await import('@electric-sql/pglite');
      db = (await PGlite.create(dir ?? 'memory://', pgliteStartOptions(PGlite.defaultStartParams))) as unknown as PgliteLike;
    } catch (e) {
      throw new MinimError(
        'CONNECT_FAILED',
        `source ${options.name}: cannot open the PGlite database${dir ? ` at ${dir}` : ''} (${e instanceof Error ? e.message.split('\n')[0] : 'unknown error'}); check it is not in use by another process and was written by PGlite 0.5`,
        { subject: options.name, cause: e },
      );
    }
    return PgliteConnector.wrap(db, options);
  }

  /** A connector over an already open PGlite instance (the demo builds one). `close()` closes it. */
  static wrap(db: PgliteLike, options: ConnectorOptions): PgliteConnector {
    return new PgliteConnector(new PgliteTransport(db), options);
  }

  /** `PostgreSQL 18.6 (PGlite)`. */
  override async serverVersion(): Promise<string> {
    return `${await super.serverVersion()} (PGlite)`;
  }
}
