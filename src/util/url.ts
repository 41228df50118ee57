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

const EXPECTED = 'use postgres://, mysql://, mssql:// or pglite:DIR';

/** The dialect a connection URL names, or a URL_INVALID error naming the source (never the URL: it may hold a password). */
export function dialectOf(url: string, source: string): Dialect {
  const m = /^([a-z][a-z0-9+.-]*:)/i.exec(url.trim());
  const dialect = m ? SCHEMES[m[1]!.toLowerCase()] : undefined;
  if (!dialect) {
    throw new MinimError('URL_INVALID', `source ${source}: the URL is not a connection URL (not shown: it may hold a password); ${EXPECTED}`, {
      subject: source,
    });
  }
  return dialect;
}

/** Characters a userinfo part may hold as written: unreserved, sub-delimiters and %XX escapes. */
const ENCODED_USERINFO = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;
/** What follows the userinfo: a host (name, IPv4 or [IPv6]), an optional port, then path, query, fragment. */
const HOST_AND_REST = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~%!$&'()*+,;=-]*)(?::[0-9]*)?(?:[/?#].*)?$/s;

/** The parts of `scheme://userinfo@rest`, split at the last `@` (the one before the host). */
interface SplitUrl {
  readonly scheme: string;
  readonly user: string;
  readonly password: string | undefined;
  readonly rest: string;
  /** No host follows the last `@`: the URL cannot be read safely (the earlier `@`s may be the password's). */
  readonly invalid: boolean;
}

/**
 * Splits a server URL by hand, so a password written raw (`Kx9!Tz@4#q/Lm:P%wV`, with `@`, `#`, `/`,
 * `:` and `%`) is read whole: the userinfo ends at the last `@`, the user name at its first `:`.
 * Null when there is no `scheme://`. NOTE: an `@` in a query parameter must be written `%40`.
 */
function splitUrl(url: string): SplitUrl | null {
  const m = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url);
  if (!m) return null;
  const body = url.slice(m[0].length);
  const at = body.lastIndexOf('@');
  if (at < 0) return { scheme: m[1]!, user: '', password: undefined, rest: body, invalid: false };
  const rest = body.slice(at + 1);
  const info = body.slice(0, at);
  const colon = info.indexOf(':');
  return {
    scheme: m[1]!,
    user: colon < 0 ? info : info.slice(0, colon),
    password: colon < 0 ? undefined : info.slice(colon + 1),
    rest,
    invalid: !HOST_AND_REST.test(rest),
  };
}

/** A userinfo part as a URL must hold it: kept when already percent-encoded, encoded when written raw. */
function encodePart(part: string): string {
  return ENCODED_USERINFO.test(part) ? part : encodeURIComponent(part);
}

/**
 * The URL with its user name and password percent-encoded where they were written raw, so the
 * WHATWG parser and every driver read the same host. URLs without `scheme://` come back as given;
 * throws (a plain Error, no part of the URL in it) when no host follows the last `@`.
 */
export function normalizeServerUrl(url: string): string {
  const s = splitUrl(url.trim());
  if (s?.invalid) throw new Error('no host after the last @');
  if (!s || (s.user === '' && s.password === undefined)) return url.trim();
  return `${s.scheme}://${encodePart(s.user)}${s.password === undefined ? '' : `:${encodePart(s.password)}`}@${s.rest}`;
}

/** Parses a server URL (not pglite:), failing with a one-line URL_INVALID error that echoes no part of it. */
export function parseServerUrl(url: string, source: string): URL {
  try {
    const parsed = new URL(normalizeServerUrl(url));
    if (!parsed.hostname) throw new Error('no host');
    return parsed;
  } catch {
    throw new MinimError(
      'URL_INVALID',
      `source ${source}: the connection URL cannot be parsed (not shown: it may hold a password); expected scheme://user:password@host:port/database, with a password written as it is or percent-encoded`,
      { subject: source },
    );
  }
}

/** The URL with any password replaced by `***`. Safe to print. An unparseable URL shows nothing of itself. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(normalizeServerUrl(url));
    if (parsed.password) parsed.password = '***';
    for (const key of [...parsed.searchParams.keys()]) {
      if (/pass|pwd|secret|token/i.test(key)) parsed.searchParams.set(key, '***');
    }
    return parsed.toString();
  } catch {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url.trim())?.[1];
    return scheme && SCHEMES[`${scheme.toLowerCase()}:`] ? `${scheme.toLowerCase()}://(unparseable URL)` : '(unparseable URL)';
  }
}

/** Every secret a URL carries (password as written, encoded and decoded; password-like query params), for leak scrubbing. */
export function secretsOf(url: string): string[] {
  const out: string[] = [];
  const s = splitUrl(url.trim());
  if (s?.password) {
    out.push(s.password, encodePart(s.password), encodeURIComponent(s.password));
    try {
      out.push(decodeURIComponent(s.password));
    } catch {
      // written raw with a lone %: the raw form is already listed
    }
  }
  try {
    const parsed = new URL(normalizeServerUrl(url));
    if (parsed.password) {
      out.push(parsed.password);
      try {
        out.push(decodeURIComponent(parsed.password));
      } catch {
        // not decodable: the encoded form is listed
      }
    }
    for (const [k, v] of parsed.searchParams) if (/pass|pwd|secret|token/i.test(k) && v) out.push(v, encodeURIComponent(v));
  } catch {
    // unparseable: the split above found what it could
  }
  return [...new Set(out.filter((x) => x.length > 0))];
}

/**
 * Whether offset `offset` of a URL template lies in its userinfo (between `scheme://` and the last
 * `@`): a `${NAME}` there is inserted percent-encoded (see `interpolate` in src/config.ts).
 */
export function inUserinfo(template: string, offset: number): boolean {
  const m = /^[a-z][a-z0-9+.-]*:\/\//i.exec(template);
  if (!m || offset < m[0].length) return false;
  const at = template.lastIndexOf('@');
  return at > offset;
}
