import { MinimError } from '../errors.js';
import type { Dialect } from '../types.js';

const SCHEMES: Record<string, Dialect> = {
  'postgres:': 'postgres',
  'postgresql:': 'postgres',
  'mysql:': 'mysql',
  'mariadb:': 'mysql',
  'mssql:': 'mssql',
  'sqlserver:': 'mssql',
  'pglite:': 'pglite',
};

/** The dialect a connection URL names, or a URL_INVALID error naming the source. */
export function dialectOf(url: string, source: string): Dialect {
  const m = /^([a-z][a-z0-9+.-]*:)/i.exec(url.trim());
  const dialect = m ? SCHEMES[m[1]!.toLowerCase()] : undefined;
  if (!dialect) {
    throw new MinimError(
      'URL_INVALID',
      `source ${source}: "${redactUrl(url)}" is not a connection URL; use postgres://, mysql://, mssql:// or pglite:DIR`,
      { subject: source },
    );
  }
  return dialect;
}

/** Parses a server URL (not pglite:), failing with a one-line URL_INVALID error. */
export function parseServerUrl(url: string, source: string): URL {
  try {
    const parsed = new URL(url);
    if (!parsed.hostname) throw new Error('no host');
    return parsed;
  } catch {
    throw new MinimError(
      'URL_INVALID',
      `source ${source}: malformed URL "${redactUrl(url)}"; expected scheme://user:password@host:port/database`,
      { subject: source },
    );
  }
}

/** The URL with any password replaced by `***`. Safe to print. Works on malformed URLs too. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    for (const key of [...parsed.searchParams.keys()]) {
      if (/pass|pwd|secret|token/i.test(key)) parsed.searchParams.set(key, '***');
    }
    return parsed.toString();
  } catch {
    // Not parseable: blank anything between "://user:" and "@", and any password=... pair.
    return url
      .replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@')
      .replace(/((?:pass|pwd|password|secret|token)[a-z]*=)[^&;\s]*/gi, '$1***');
  }
}

/** Every secret a URL carries (password, password-like query params), for leak scrubbing. */
export function secretsOf(url: string): string[] {
  const out: string[] = [];
  try {
    const parsed = new URL(url);
    if (parsed.password) {
      out.push(parsed.password);
      out.push(decodeURIComponent(parsed.password));
    }
    for (const [k, v] of parsed.searchParams) if (/pass|pwd|secret|token/i.test(k) && v) out.push(v);
  } catch {
    const m = /\/\/[^:/@]*:([^@]*)@/.exec(url);
    if (m?.[1]) out.push(m[1]);
  }
  return [...new Set(out.filter((s) => s.length > 0))];
}
