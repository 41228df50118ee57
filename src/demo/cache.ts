/**
 * The embedded demo city: a PGlite data directory holding the rendered demo city, built once and
 * cached (`$MINIM_CACHE_DIR`, else `$XDG_CACHE_HOME/minim`, else `~/.cache/minim`). A build goes
 * into a temporary directory beside the cache entry and is renamed into place only when complete,
 * so a reader never sees a half-built database and two concurrent builders never corrupt it.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile, readFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONNECTOR_OPTIONS } from '../../connectors/index.js';
import type { Connector } from '../../connectors/types.js';
import { DEMO_CITY_VERSION, DEMO_DEPARTMENTS, DEMO_SEED, buildDemoCity } from './city.js';
import { renderDemoSql } from './render.js';
import { MinimError } from '../errors.js';
import { defaultCacheDir } from './cache-dir.js';
import type { SourceSpec } from '../scan/options.js';

/** A file written into a complete demo database; its presence means the build finished. */
export const DEMO_MARKER = 'minim-demo.json';

export interface EnsureDemoOptions {
  /** Where cached demo databases live (default: see `defaultCacheDir`). */
  readonly cacheDir?: string;
  /** Progress lines (stderr in the CLI). */
  readonly log?: (message: string) => void;
  /** Seed of the city (default DEMO_SEED). */
  readonly seed?: number;
  /**
   * A prebuilt compressed data directory to start from (see `packDemoDump`); default: the one the
   * build ships for the default seed (`dist/demo/`), when present. `false`: always build from SQL.
   */
  readonly dump?: string | false;
}

/** The prebuilt demo city `npm run build` packs beside the compiled code (default seed only). */
export function packagedDumpPath(seed: number = DEMO_SEED): string {
  // The package root is the first directory above this file (dist/src/demo/ when built, src/demo/
  // under the tests) that holds package.json.
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist', 'demo', `${demoDirName(seed)}.tar.gz`);
}

/** What a packed dump's sidecar file (`<dump>.json`) records. */
interface DumpInfo {
  readonly version: number;
  readonly seed: number;
  readonly tables: number;
  readonly rows: number;
  /** The PGlite version that wrote it. */
  readonly pglite: string;
}

export { defaultCacheDir } from './cache-dir.js';

/** The directory name of a cached demo city. */
export function demoDirName(seed: number = DEMO_SEED): string {
  return `demo-city-v${DEMO_CITY_VERSION}-${seed}`;
}

/** Returns a PGlite data directory holding the demo city, building and caching it on first use. */
export async function ensureDemoDatabase(options: EnsureDemoOptions = {}): Promise<string> {
  const seed = options.seed ?? DEMO_SEED;
  const base = options.cacheDir ?? defaultCacheDir();
  const target = join(base, demoDirName(seed));
  if (await isComplete(target)) return target;

  try {
    await mkdir(base, { recursive: true });
  } catch (e) {
    throw new MinimError('FILE_INVALID', `demo city: cannot create cache directory ${base} (${codeOf(e)}); set MINIM_CACHE_DIR to a writable directory`, { cause: e, subject: base });
  }
  await removeStaleBuilds(base);
  const tmp = join(base, `.${demoDirName(seed)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  const log = options.log ?? (() => {});
  try {
    const started = performance.now();
    log(`building the demo city (first run only) into ${target} …`);
    const summary = (await fromDump(tmp, seed, options.dump ?? packagedDumpPath(seed), log)) ?? (await build(tmp, seed));
    await writeFile(join(tmp, DEMO_MARKER), JSON.stringify({ version: DEMO_CITY_VERSION, seed, ...summary }, null, 2) + '\n');
    await publish(tmp, target);
    log(`demo city ready: ${summary.tables} tables, ${summary.rows} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return target;
  } catch (e) {
    if (e instanceof MinimError) throw e;
    throw new MinimError('INTERNAL', `demo city: building the embedded database in ${base} failed (${codeOf(e)}); check free space (about 70 MB) and permissions there, or set MINIM_CACHE_DIR`, { cause: e, subject: base });
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** The embedded engine's own pieces (a driver lives behind connectors/, imported when first needed). */
const embedded = () => import('../../connectors/pglite/pglite-embedded.js');

/** Builds the demo city into a fresh PGlite directory, through the Connector. */
async function build(dir: string, seed: number, forDump = false): Promise<{ tables: number; rows: number }> {
  const { createPgliteDatabase } = await embedded();
  // NOTE: the database starts (WASM compile + initdb) while the city is generated below.
  const opening = createPgliteDatabase(dir, { ...DEFAULT_CONNECTOR_OPTIONS, name: 'demo' });
  opening.catch(() => undefined); // awaited below; a failure while the city is generated is not unhandled
  let db: Connector | undefined;
  try {
    await new Promise((resolve) => setImmediate(resolve));
    const city = buildDemoCity(seed);
    const statements = renderDemoSql(city, 'postgres');
    db = await opening;
    for (const statement of statements) await db.query(statement);
    // A packed copy leaves no dead tuples or unflushed pages behind (a smaller, quieter dump).
    if (forDump) {
      await db.query('VACUUM');
      await db.query('CHECKPOINT');
    }
    return { tables: city.tables.length, rows: city.tables.reduce((s, t) => s + t.rows.length, 0) };
  } finally {
    await (db ?? (await opening.catch(() => undefined)))?.close();
  }
}

/**
 * Unpacks a prebuilt dump into `dir` (no initdb, no inserts: a tar extraction and a start); null when
 * there is no usable dump, so the caller builds from SQL. A dump for another version or seed, or one
 * this PGlite cannot open, is ignored (logged), never trusted.
 */
async function fromDump(dir: string, seed: number, dump: string | false, log: (m: string) => void): Promise<{ tables: number; rows: number } | null> {
  if (dump === false) return null;
  let info: DumpInfo;
  let bytes: Buffer;
  try {
    info = JSON.parse(await readFile(`${dump}.json`, 'utf8')) as DumpInfo;
    if (info.version !== DEMO_CITY_VERSION || info.seed !== seed) return null;
    bytes = await readFile(dump);
  } catch {
    return null;
  }
  try {
    if (info.pglite !== (await (await embedded()).pgliteVersion())) return null; // another PGlite's data directory: build instead
    // NOTE: unpacking natively (zlib + the tar reader below) takes a fraction of the time PGlite's
    // own loadDataDir needs (it inflates and writes through the WASM file system).
    const files = await extractTarGz(bytes, dir);
    if (files < 100) throw new Error(`the dump holds only ${files} files`);
    return { tables: info.tables, rows: info.rows };
  } catch (e) {
    log(`demo city: the prebuilt copy could not be unpacked (${codeOf(e)}); building it instead`);
    await rm(dir, { recursive: true, force: true });
    return null;
  }
}

/**
 * Builds the demo city for `seed` and writes it as a gzip-compressed PGlite data directory to
 * `path` (atomically), with a sidecar `<path>.json`. `npm run build` packs the default seed's into
 * dist/demo/, so a first `minim scan` unpacks it instead of running initdb and 60,000 inserts.
 */
export async function packDemoDump(path: string, seed: number = DEMO_SEED): Promise<DumpInfo> {
  await mkdir(dirname(path), { recursive: true });
  const work = join(dirname(path), `.pack-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    const summary = await build(work, seed, true);
    const { dumpPgliteDirectory, pgliteVersion } = await embedded();
    const bytes = await dumpPgliteDirectory(work);
    const info: DumpInfo = { version: DEMO_CITY_VERSION, seed, ...summary, pglite: await pgliteVersion() };
    const tmp = `${path}.tmp-${process.pid}`;
    await writeFile(tmp, bytes);
    await rename(tmp, path);
    await writeFile(`${path}.json.tmp-${process.pid}`, JSON.stringify(info, null, 2) + '\n');
    await rename(`${path}.json.tmp-${process.pid}`, `${path}.json`);
    return info;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * Writes a gzip-compressed ustar archive (as PGlite's dumpDataDir makes it) into `dir`. Only plain
 * files and directories are accepted, and no entry may leave `dir`; anything else throws.
 * NOTE: synchronous on purpose: nothing else runs while the demo city is unpacked, and ~1,100 small
 * files written one await at a time spent most of their time waiting for libuv's thread pool (on a
 * loaded 2-core machine: 2.9-3.9 s wall, 1.5-1.7 s CPU async; see the commit for the sync figures).
 */
export async function extractTarGz(gz: Uint8Array, dir: string): Promise<number> {
  const tar = gunzipSync(gz);
  const text = (b: Buffer) => {
    const end = b.indexOf(0);
    return b.toString('utf8', 0, end < 0 ? b.length : end);
  };
  mkdirSync(dir, { recursive: true });
  const root = resolve(dir);
  const made = new Set<string>([root]);
  let files = 0;
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const name = text(header.subarray(0, 100));
    const prefix = header.subarray(257, 262).toString('latin1') === 'ustar' ? text(header.subarray(345, 500)) : '';
    const size = parseInt(text(header.subarray(124, 136)).trim() || '0', 8);
    const type = String.fromCharCode(header[156]!);
    const path = resolve(root, `./${prefix ? `${prefix}/` : ''}${name}`);
    if (path !== root && !path.startsWith(`${root}${sep}`)) throw new Error(`tar entry ${name} leaves the target directory`);
    const data = tar.subarray(at + 512, at + 512 + size);
    at += 512 + Math.ceil(size / 512) * 512;
    if (type === '5') {
      if (!made.has(path)) mkdirSync(path, { recursive: true });
      made.add(path);
    } else if (type === '0' || type === '\0') {
      const parent = dirname(path);
      if (!made.has(parent)) {
        mkdirSync(parent, { recursive: true });
        made.add(parent);
      }
      writeFileSync(path, data);
      files++;
    } else throw new Error(`tar entry ${name} has unsupported type ${JSON.stringify(type)}`);
  }
  return files;
}

/** Renames the finished build into place; when another builder got there first, keeps theirs. */
async function publish(tmp: string, target: string): Promise<void> {
  try {
    await rename(tmp, target);
  } catch (e) {
    const code = codeOf(e);
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'EPERM') throw e;
    if (await isComplete(target)) return; // a concurrent builder won; ours is discarded
    // A target without its marker was not made by a builder (renames are atomic): replace it.
    await rm(target, { recursive: true, force: true });
    await rename(tmp, target);
  }
}

async function isComplete(dir: string): Promise<boolean> {
  try {
    const marker = JSON.parse(await readFile(join(dir, DEMO_MARKER), 'utf8')) as { version?: unknown };
    return marker.version === DEMO_CITY_VERSION;
  } catch {
    return false;
  }
}

/** Removes temporary build directories left by a crashed build more than an hour ago. */
async function removeStaleBuilds(base: string): Promise<void> {
  const names = await readdir(base).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith('.demo-city-') || !name.includes('.tmp-')) continue;
    const info = await stat(join(base, name)).catch(() => null);
    if (info && Date.now() - info.mtimeMs > 3_600_000) await rm(join(base, name), { recursive: true, force: true });
  }
}

/** An error's code (`EACCES`, a SQLSTATE) or class name; details stay in `cause`. */
function codeOf(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code ? code : e instanceof Error ? e.name : 'unknown error';
}

/** The demo city as a scan source: its cached database, named `demo`, with its departments by schema. */
export async function demoSource(options: { cacheDir?: string; log?: (message: string) => void } = {}): Promise<SourceSpec> {
  const dir = await ensureDemoDatabase({ ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}), ...(options.log ? { log: options.log } : {}) });
  return {
    name: 'demo',
    url: `pglite:${dir}`,
    department: 'Demo City',
    departments: Object.fromEntries(DEMO_DEPARTMENTS.map((d) => [d.schema, d.name])),
  };
}
