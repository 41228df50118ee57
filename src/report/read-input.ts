/** Reads the JSON files reports and checks take: a scan (v1) and an access review (v1). */
import type { AccessReview } from '../access/types.js';
import { MinimError } from '../errors.js';
import type { ScanResult } from '../types.js';
import { readScanInput } from '../merge/read.js';
import { zodMessage } from '../plan/zod-message.js';
import { readCapped, type InputKind } from '../util/read-capped.js';
import { scanFileSchema } from './scan-schema.js';

/** Where JSON.parse stopped, in words (its message can quote the file's text, so it is not shown). */
function jsonWhere(text: string, e: unknown): string {
  const m = /position (\d+)/.exec(e instanceof Error ? e.message : '');
  if (!m) return /Unexpected end/i.test(e instanceof Error ? e.message : '') ? ' (it ends too early: cut short?)' : '';
  const pos = Number(m[1]);
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  return ` (line ${line}, column ${pos - before.lastIndexOf('\n')})`;
}

async function readJson(path: string, what: InputKind, hint: string): Promise<unknown> {
  const text = await readCapped(path, { what, hint });
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new MinimError('FILE_INVALID', `${what} ${path}: not valid JSON${jsonWhere(text, e)}; ${hint}`, { subject: path });
  }
}

/** A scan JSON file (`minim scan --format json`), checked for the v1 shape. */
export async function readScanFile(path: string): Promise<ScanResult> {
  // A streamed scan (--out FILE.ndjson) reads as the scan JSON it stands for (src/merge).
  if (path.endsWith('.ndjson')) return readScanInput(path);
  const hint = 'write one with minim scan --format json --out FILE';
  const raw = (await readJson(path, 'scan', hint)) as Partial<ScanResult> | null;
  return checkScanShape(raw, path, hint);
}

/** The scan JSON checked field by field: FILE_INVALID naming the file and the first wrong place. */
export function checkScanShape(raw: unknown, path: string, hint = 'write one with minim scan --format json --out FILE'): ScanResult {
  const r = raw as Partial<ScanResult> | null;
  if (!r || typeof r !== 'object' || Array.isArray(r) || r.version !== 1 || !Array.isArray(r.columns) || !Array.isArray(r.sources)) {
    throw new MinimError('FILE_INVALID', `scan ${path}: not a minim scan (version 1 with sources and columns); ${hint}`, { subject: path });
  }
  const parsed = scanFileSchema.safeParse(r);
  if (!parsed.success) {
    throw new MinimError('FILE_INVALID', `scan ${path}: ${zodMessage(parsed.error, r)}; ${hint}`, { subject: path });
  }
  return parsed.data as unknown as ScanResult;
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
