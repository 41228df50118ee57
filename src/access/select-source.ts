/** Which source of a scan a SOURCE argument names (access and label take a URL and a scan file). */
import { MinimError } from '../errors.js';
import type { ScanResult } from '../types.js';
import type { SourceSpec } from '../scan/options.js';
import { redactUrl } from '../util/url.js';

/**
 * The scan's source for `spec`: the one with its name, else the one whose (redacted) URL matches,
 * else the only one. Anything else is a USAGE error saying how to name it (`NAME=URL`).
 */
export function selectScanSource(scan: ScanResult, spec: SourceSpec, scanPath: string): string {
  const names = scan.sources.map((s) => s.name);
  if (names.includes(spec.name)) return spec.name;
  const byUrl = scan.sources.filter((s) => s.url !== undefined && s.url === redactUrl(spec.url));
  if (byUrl.length === 1) return byUrl[0]!.name;
  if (names.length === 1) return names[0]!;
  throw new MinimError(
    'USAGE',
    `scan ${scanPath} has sources ${names.join(', ') || '(none)'}; name the one SOURCE is, as NAME=URL`,
    { subject: scanPath },
  );
}
