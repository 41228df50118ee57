/** Reads a scan file for merge: the scan JSON (v1) or a streamed NDJSON scan, told apart by content. */
import { readFile } from 'node:fs/promises';
import { MinimError } from '../errors.js';
import type { ScanResult } from '../types.js';
import { isNdjsonScan, ndjsonToResult, parseNdjson } from './ndjson.js';

const HINT = 'write one with minim scan --format json --out FILE (or --out FILE.ndjson)';

/** Parses scan text (JSON or NDJSON) read from `path`. */
export function parseScanText(text: string, path: string): ScanResult {
  if (isNdjsonScan(text)) return ndjsonToResult(parseNdjson(text, path));
  let raw: Partial<ScanResult> | null;
  try {
    raw = JSON.parse(text) as Partial<ScanResult> | null;
  } catch (e) {
    throw new MinimError('FILE_INVALID', `scan ${path}: not valid JSON or NDJSON; ${HINT}`, { cause: e, subject: path });
  }
  if (!raw || raw.version !== 1 || !Array.isArray(raw.sources) || !Array.isArray(raw.columns)) {
    throw new MinimError('FILE_INVALID', `scan ${path}: not a minim scan (version 1 with sources and columns); ${HINT}`, { subject: path });
  }
  for (const c of raw.columns) {
    if (typeof c?.source !== 'string' || typeof c.table !== 'string' || typeof c.column !== 'string' || !Array.isArray(c.findings)) {
      throw new MinimError('FILE_INVALID', `scan ${path}: a column entry lacks source, table, column or findings; ${HINT}`, { subject: path });
    }
  }
  return { ...raw, errors: Array.isArray(raw.errors) ? raw.errors : [] } as ScanResult;
}

/** Reads and parses one scan file. */
export async function readScanInput(path: string): Promise<ScanResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new MinimError('FILE_NOT_FOUND', `scan ${path}: cannot read the file; check the path`, { cause: e, subject: path });
  }
  return parseScanText(text, path);
}
