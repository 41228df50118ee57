/** The demo city's cache directory comes from the CLI context's environment, not the process's. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanOptionsFrom } from '../../src/cli/commands/scan.js';
import type { CliContext } from '../../src/cli/context.js';
import { defaultCacheDir } from '../../src/demo/cache-dir.js';
import { silentLogger } from '../../src/util/log.js';

function context(env: NodeJS.ProcessEnv): CliContext {
  const sink = { write: () => true };
  // An empty working directory: no minim.config.yaml, so no source means the demo city.
  return { stdout: sink, stderr: sink, env, cwd: mkdtempSync(join(tmpdir(), 'minim-cwd-')), logger: () => silentLogger, exitCode: 0 };
}

describe('scan of the demo city', () => {
  it('caches the city where the context’s MINIM_CACHE_DIR says', () => {
    const { options } = scanOptionsFrom([], { quiet: true }, context({ MINIM_CACHE_DIR: '/somewhere/cache' }));
    expect(options.demoCacheDir).toBe('/somewhere/cache');
  });

  it('falls back to the context’s XDG_CACHE_HOME, then the home directory', () => {
    expect(scanOptionsFrom([], { quiet: true }, context({ XDG_CACHE_HOME: '/xdg' })).options.demoCacheDir).toBe(join('/xdg', 'minim'));
    expect(scanOptionsFrom([], { quiet: true }, context({})).options.demoCacheDir).toBe(defaultCacheDir({}));
  });

  it('sets no demo cache when sources are given', () => {
    const { options } = scanOptionsFrom(['postgres://localhost/x'], { quiet: true }, context({ MINIM_CACHE_DIR: '/somewhere/cache' }));
    expect(options.demoCacheDir).toBeUndefined();
  });
});
