/**
 * Writes docker/seed/{postgres,mysql,mssql}.sql from the demo city (`npm run demo:seeds`).
 * The files are deterministic; test/unit/demo.test.ts checks the committed ones are current.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDemoCity } from './city.js';
import { DEMO_DIALECTS } from './render.js';
import { renderSeedFile } from './seed-file.js';

/** The repository root: the nearest ancestor of this file holding package.json. */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('write-seeds: no package.json above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  return dir;
}

/** Writes one seed file per dialect into `outDir`; returns the paths written. */
export async function writeSeeds(outDir: string = join(repoRoot(), 'docker', 'seed')): Promise<string[]> {
  const city = buildDemoCity();
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  for (const dialect of DEMO_DIALECTS) {
    const path = join(outDir, `${dialect}.sql`);
    await writeFile(path, renderSeedFile(city, dialect));
    written.push(path);
  }
  return written;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeSeeds(process.argv[2] ? resolve(process.argv[2]) : undefined).then(
    (paths) => {
      for (const p of paths) process.stderr.write(`wrote ${p}\n`);
    },
    (e: unknown) => {
      process.stderr.write(`write-seeds: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
