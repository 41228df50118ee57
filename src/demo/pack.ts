/**
 * `npm run build` step: packs the default demo city as a prebuilt PGlite dump into dist/demo/
 * (skipped when an up-to-date one is there), so a first `minim scan` starts in seconds. A failure
 * here never fails the build: the scan then builds the city from SQL as before.
 */
import { readFile } from 'node:fs/promises';
import { pgliteVersion } from '../../connectors/pglite/pglite-embedded.js';
import { DEMO_CITY_VERSION, DEMO_SEED } from './city.js';
import { packDemoDump, packagedDumpPath } from './cache.js';

async function main(): Promise<void> {
  const path = packagedDumpPath(DEMO_SEED);
  try {
    const info = JSON.parse(await readFile(`${path}.json`, 'utf8')) as { version?: number; seed?: number; pglite?: string };
    if (info.version === DEMO_CITY_VERSION && info.seed === DEMO_SEED && info.pglite === (await pgliteVersion())) return;
  } catch {
    // absent or unreadable: pack it
  }
  const started = performance.now();
  const info = await packDemoDump(path, DEMO_SEED);
  process.stderr.write(`demo city packed: ${info.tables} tables, ${info.rows} rows in ${((performance.now() - started) / 1000).toFixed(1)} s → ${path}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`demo city not packed (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); a first scan will build it\n`);
});
