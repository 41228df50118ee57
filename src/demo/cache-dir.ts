/**
 * Where the embedded demo city is cached. A module of its own (no imports beyond Node's) so the CLI
 * can resolve the directory from its context's environment without loading the demo city's code.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

/** `$MINIM_CACHE_DIR`, else `$XDG_CACHE_HOME/minim`, else `~/.cache/minim`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env['MINIM_CACHE_DIR']) return env['MINIM_CACHE_DIR'];
  if (env['XDG_CACHE_HOME']) return join(env['XDG_CACHE_HOME'], 'minim');
  return join(homedir(), '.cache', 'minim');
}
