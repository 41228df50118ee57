/**
 * Runs once before any test file: some suites run the compiled CLI as a process (dist/src/cli/main.js),
 * so dist/ must hold the sources as they are now. When it is missing or older than a source, it is
 * built here (`npm run build`), with a line saying why; `npm test` builds first, so this finds it fresh.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUILT = join(ROOT, 'dist', 'src', 'cli', 'main.js');
/** What the build compiles (tsconfig.json), and the build's own settings. */
const INPUT_DIRS = ['src', 'connectors', 'bench'];
const INPUT_FILES = ['tsconfig.json', 'package.json'];

/** The newest source file and its modification time. */
function newestInput(): { path: string; mtimeMs: number } {
  let newest = { path: '', mtimeMs: 0 };
  const visit = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.name.endsWith('.ts')) {
        const m = statSync(p).mtimeMs;
        if (m > newest.mtimeMs) newest = { path: p, mtimeMs: m };
      }
    }
  };
  for (const d of INPUT_DIRS) if (existsSync(join(ROOT, d))) visit(join(ROOT, d));
  for (const f of INPUT_FILES) {
    const m = statSync(join(ROOT, f)).mtimeMs;
    if (m > newest.mtimeMs) newest = { path: join(ROOT, f), mtimeMs: m };
  }
  return newest;
}

/** Why dist/ cannot be used as it is, or undefined when it is current. */
export function staleBuild(): string | undefined {
  if (!existsSync(BUILT)) return 'dist/ is not built';
  const newest = newestInput();
  if (newest.mtimeMs > statSync(BUILT).mtimeMs) return `dist/ is older than ${newest.path.slice(ROOT.length)}`;
  return undefined;
}

export default function setup(): void {
  const why = staleBuild();
  if (!why) return;
  process.stdout.write(`test setup: ${why}; running npm run build for the suites that run the compiled CLI\n`);
  const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm run build failed (${why}); the suites that run the compiled CLI cannot run: fix the build, then run the tests again`);
}
