/**
 * The embedded demo city: a PGlite data directory holding the rendered demo city, built once and
 * cached (`$MINIM_CACHE_DIR`, else `$XDG_CACHE_HOME/minim`, else `~/.cache/minim`). A build goes
 * into a temporary directory beside the cache entry and is renamed into place only when complete,
 * so a reader never sees a half-built database and two concurrent builders never corrupt it.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, writeFile, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { DEMO_CITY_VERSION, DEMO_SEED, buildDemoCity } from '../../src/demo/city.js';
import { renderDemoSql } from '../../src/demo/render.js';
import { MinimError } from '../../src/errors.js';

/** A file written into a complete demo database; its presence means the build finished. */
export const DEMO_MARKER = 'minim-demo.json';

export interface EnsureDemoOptions {
  /** Where cached demo databases live (default: see `defaultCacheDir`). */
  readonly cacheDir?: string;
  /** Progress lines (stderr in the CLI). */
  readonly log?: (message: string) => void;
  /** Seed of the city (default DEMO_SEED). */
  readonly seed?: number;
}

/** `$MINIM_CACHE_DIR`, else `$XDG_CACHE_HOME/minim`, else `~/.cache/minim`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env['MINIM_CACHE_DIR']) return env['MINIM_CACHE_DIR'];
  if (env['XDG_CACHE_HOME']) return join(env['XDG_CACHE_HOME'], 'minim');
  return join(homedir(), '.cache', 'minim');
}

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
    const summary = await build(tmp, seed);
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

/** Builds the demo city into a fresh PGlite directory. */
async function build(dir: string, seed: number): Promise<{ tables: number; rows: number }> {
  // NOTE: PGlite's start (WASM compile + initdb, ~3 s) overlaps with generating the city when the
  // instance is created first: V8 compiles the module on background threads.
  const db = new PGlite(dir);
  try {
    await new Promise((resolve) => setImmediate(resolve));
    const city = buildDemoCity(seed);
    const statements = renderDemoSql(city, 'postgres');
    await db.waitReady;
    // NOTE: 50 statements per exec keeps each simple-query message around 2 MB.
    for (let i = 0; i < statements.length; i += 50) await db.exec(statements.slice(i, i + 50).join(';\n'));
    return { tables: city.tables.length, rows: city.tables.reduce((s, t) => s + t.rows.length, 0) };
  } finally {
    await db.close();
  }
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
