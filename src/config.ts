/** minim.config.yaml: sources (with `${ENV}` interpolation for secrets), patterns and sampling settings. */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { MinimError } from './errors.js';
import type { SourceSpec } from './scan/options.js';
import { inUserinfo, normalizeServerUrl } from './util/url.js';
import { readCappedSync } from './util/read-capped.js';
import { zodMessage } from './plan/zod-message.js';

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
    /** Scan history (`minim scan --history`): the store's URL and how many runs per source it keeps. */
    history: z
      .object({
        url: z.string().min(1).optional(),
        keep: z.number().int().min(1).max(10_000).optional(),
      })
      .strict()
      .optional(),
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
  const file = shown(path);
  const text = readCappedSync(path, { what: 'config', missing: 'FILE_NOT_FOUND', hint: 'pass an existing file to --config' });
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    // The parser's message quotes the line, which may hold a password: only its position is shown.
    const line = (e as { linePos?: Array<{ line: number; col: number }> }).linePos?.[0];
    throw new MinimError('CONFIG_INVALID', `${file}${line ? ` line ${line.line}` : ''}: not valid YAML; fix the syntax`, { subject: path });
  }
  const parsed = configSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    throw new MinimError('CONFIG_INVALID', `${file}: ${zodMessage(parsed.error, raw ?? {})}`, { subject: path });
  }
  const cfg = parsed.data;
  const names = new Set<string>();
  cfg.sources = cfg.sources.map((s, i) => {
    if (names.has(s.name)) throw new MinimError('CONFIG_INVALID', `${file}: source ${i + 1} is named ${s.name}, like an earlier one; give each source its own name`);
    names.add(s.name);
    return { ...s, url: interpolate(s.url, env, `${file}: source ${i + 1} (${s.name}) url`) };
  });
  if (cfg.history?.url) cfg.history.url = interpolate(cfg.history.url, env, `config ${path}: history.url`);
  if (cfg.scan.rules) cfg.scan.rules = cfg.scan.rules.map((r) => resolve(dirname(path), r));
  return { ...cfg, path };
}

/** The config path as the user would write it: relative to the working directory when inside it. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
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
