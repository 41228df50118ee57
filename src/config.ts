/** minim.config.yaml: sources (with `${ENV}` interpolation for secrets), patterns and sampling settings. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { MinimError } from './errors.js';
import type { SourceSpec } from './scan/options.js';
import { inUserinfo, normalizeServerUrl } from './util/url.js';

const sourceSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'use letters, digits, _ and -'),
    url: z.string().min(1),
    department: z.string().optional(),
    departments: z.record(z.string(), z.string()).optional(),
    include: z.array(z.string()).optional(),
    exclude: z.array(z.string()).optional(),
    concurrency: z.number().int().min(1).max(64).optional(),
  })
  .strict();

export const configSchema = z
  .object({
    sources: z.array(sourceSchema).default([]),
    scan: z
      .object({
        sampleRows: z.number().int().min(1).max(1_000_000).optional(),
        concurrency: z.number().int().min(1).max(64).optional(),
        globalConcurrency: z.number().int().min(1).max(512).optional(),
        include: z.array(z.string()).optional(),
        exclude: z.array(z.string()).optional(),
        statementTimeoutMs: z.number().int().min(100).optional(),
        lockTimeoutMs: z.number().int().min(10).optional(),
        connectTimeoutMs: z.number().int().min(100).optional(),
        maxValueLength: z.number().int().min(16).max(1_000_000).optional(),
        rules: z.array(z.string()).optional(),
        failOn: z.array(z.string()).optional(),
      })
      .strict()
      .default({}),
  })
  .strict();

export type Config = z.infer<typeof configSchema> & { readonly path: string };

export const DEFAULT_CONFIG_FILE = 'minim.config.yaml';

/**
 * Replaces `${NAME}` with the environment variable; a missing one is a config error naming it. In a
 * URL's userinfo (`postgres://app:${PGPASSWORD}@host/db`) the value goes in percent-encoded, so a
 * password with `@`, `#`, `/` or `%` is read whole; a whole URL (`${DATABASE_URL}`) goes in as it is.
 */
export function interpolate(text: string, env: NodeJS.ProcessEnv, where: string): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string, offset: number) => {
    const v = env[name];
    if (v === undefined) {
      throw new MinimError('CONFIG_INVALID', `${where} uses \${${name}}, which is not set; export ${name} before running minim`);
    }
    return inUserinfo(text, offset) ? encodeURIComponent(v) : v;
  });
}

/** Reads and validates a config file. Relative rules paths resolve against the file's folder. */
export function loadConfig(path: string, env: NodeJS.ProcessEnv = process.env): Config {
  if (!existsSync(path)) {
    throw new MinimError('FILE_NOT_FOUND', `config ${path} does not exist; pass an existing file to --config`, { subject: path });
  }
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, 'utf8'));
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new MinimError('CONFIG_INVALID', `config ${path}: not valid YAML (${msg})`, { subject: path });
  }
  const parsed = configSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const at = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
    throw new MinimError('CONFIG_INVALID', `config ${path}: ${at || '(top)'}: ${issue.message}`, { subject: path });
  }
  const cfg = parsed.data;
  const names = new Set<string>();
  cfg.sources = cfg.sources.map((s, i) => {
    if (names.has(s.name)) throw new MinimError('CONFIG_INVALID', `config ${path}: sources[${i}]: duplicate source name ${s.name}`);
    names.add(s.name);
    return { ...s, url: interpolate(s.url, env, `config ${path}: sources[${i}] (${s.name}) url`) };
  });
  if (cfg.scan.rules) cfg.scan.rules = cfg.scan.rules.map((r) => resolve(dirname(path), r));
  return { ...cfg, path };
}

/** A source from a command-line argument: `URL` or `NAME=URL`. The name defaults to the database's. */
export function sourceFromArg(arg: string, index: number): SourceSpec {
  const m = /^([A-Za-z0-9][A-Za-z0-9_-]*)=(.+)$/.exec(arg);
  if (m) return { name: m[1]!, url: m[2]! };
  return { name: defaultSourceName(arg, index), url: arg };
}

function defaultSourceName(url: string, index: number): string {
  let base = '';
  if (/^pglite:/i.test(url)) base = url.slice(7).replace(/\/+$/, '').split('/').pop() ?? '';
  else {
    try {
      const u = new URL(normalizeServerUrl(url));
      base = decodeURIComponent(u.pathname.replace(/^\//, '')) || u.hostname;
    } catch {
      base = '';
    }
  }
  const clean = base.replace(/[^A-Za-z0-9_-]/g, '_').replace(/^_+/, '');
  return clean || `source${index + 1}`;
}
