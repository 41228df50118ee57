/** Which history store a command uses: `--history URL`, else the config's `history.url`, else the embedded default. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_CONFIG_FILE, loadConfig } from '../config.js';
import { registerSecret } from '../util/log.js';
import { secretsOf } from '../util/url.js';
import { defaultHistoryUrl, HistoryStore } from './store.js';

/** Runs kept per source when neither `--keep` nor `history.keep` says (two years of monthly scans). */
export const DEFAULT_KEEP = 24;

export interface HistorySettings {
  readonly url: string;
  readonly keep: number;
}

/** `flag`: the `--history` value (true: no URL given). `configPath`: `--config`, else ./minim.config.yaml when present. */
export function historySettings(flag: string | boolean | undefined, keep: number | undefined, configPath: string | undefined, cwd: string, env: NodeJS.ProcessEnv): HistorySettings {
  const path = configPath !== undefined ? resolve(cwd, configPath) : existsSync(join(cwd, DEFAULT_CONFIG_FILE)) ? join(cwd, DEFAULT_CONFIG_FILE) : undefined;
  const cfg = path ? loadConfig(path, env).history : undefined;
  let url = typeof flag === 'string' ? flag : (cfg?.url ?? defaultHistoryUrl(env));
  // A relative pglite: path is the caller's, not the process's.
  if (/^pglite:(?!memory)(?!\/)/i.test(url)) url = `pglite:${resolve(cwd, url.slice(7))}`;
  return { url, keep: keep ?? cfg?.keep ?? DEFAULT_KEEP };
}

export async function openHistory(settings: HistorySettings): Promise<HistoryStore> {
  for (const s of secretsOf(settings.url)) registerSecret(s);
  return HistoryStore.open(settings.url);
}
