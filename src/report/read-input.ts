/** Reads the JSON files reports and checks take: a scan (v1) and an access review (v1). */
import { readFile } from 'node:fs/promises';
import type { AccessReview } from '../access/types.js';
import { MinimError } from '../errors.js';
import type { ScanResult } from '../types.js';
import { readScanInput } from '../merge/read.js';

async function readJson(path: string, what: string, hint: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new MinimError('FILE_NOT_FOUND', `${what} ${path}: cannot read the file; ${hint}`, { cause: e, subject: path });
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new MinimError('FILE_INVALID', `${what} ${path}: not valid JSON; ${hint}`, { cause: e, subject: path });
  }
}

/** A scan JSON file (`minim scan --format json`), checked for the v1 shape. */
export async function readScanFile(path: string): Promise<ScanResult> {
  // issue 7: a streamed scan (--out FILE.ndjson) reads as the scan JSON it stands for (src/merge).
  if (path.endsWith('.ndjson')) return readScanInput(path);
  const hint = 'write one with minim scan --format json --out FILE';
  const raw = (await readJson(path, 'scan', hint)) as Partial<ScanResult> | null;
  if (!raw || raw.version !== 1 || !Array.isArray(raw.columns) || !Array.isArray(raw.sources)) {
    throw new MinimError('FILE_INVALID', `scan ${path}: not a minim scan (version 1 with sources and columns); ${hint}`, { subject: path });
  }
  for (const c of raw.columns) {
    if (typeof c?.source !== 'string' || typeof c.table !== 'string' || typeof c.column !== 'string' || !Array.isArray(c.findings)) {
      throw new MinimError('FILE_INVALID', `scan ${path}: a column entry lacks source, table, column or findings; ${hint}`, { subject: path });
    }
  }
  return { errors: [], ...raw } as ScanResult;
}

/** An access review JSON file (`minim access --format json`). */
export async function readAccessFile(path: string): Promise<AccessReview> {
  const hint = 'write one with minim access SOURCE --format json --out FILE';
  const raw = (await readJson(path, 'access review', hint)) as Partial<AccessReview> | null;
  if (!raw || raw.version !== 1 || !Array.isArray(raw.columns)) {
    throw new MinimError('FILE_INVALID', `access review ${path}: not a minim access review (version 1 with columns); ${hint}`, { subject: path });
  }
  return raw as AccessReview;
}
