/**
 * Runs once before any test file: some suites run the compiled CLI as a process (dist/src/cli/main.js),
 * so dist/ must be the build of the sources as they are now. The build stamp says so
 * (scripts/build-stamp.mjs: a digest of every input the build reads, rules and lock file included,
 * so an edited rule or a checkout that only touched file times is judged right); when dist/ is not
 * current it is built here (`npm run build`), with a line saying why. `npm test` builds first, so
 * this finds it current.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Why dist/ cannot be used as it is, or undefined when it is the build of the current sources. */
export function staleBuild(): string | undefined {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-stamp.mjs'), 'check'], { cwd: ROOT, stdio: 'ignore' });
  return r.status === 0 ? undefined : 'dist/ is not the build of these sources (scripts/build-stamp.mjs check)';
}

export default function setup(): void {
  const why = staleBuild();
  if (!why) return;
  process.stdout.write(`test setup: ${why}; running npm run build for the suites that run the compiled CLI\n`);
  const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm run build failed (${why}); the suites that run the compiled CLI cannot run: fix the build, then run the tests again`);
}
