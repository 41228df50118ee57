/** A check's baseline: an earlier scan (JSON) or a plan (YAML/JSON) whose approved items are the approvals. */
import { MinimError } from '../errors.js';
import { parsePlan } from '../plan/plan-file.js';
import type { Plan } from '../plan/plan-schema.js';
import { readScanFile } from '../report/read-input.js';
import type { ScanResult } from '../types.js';
import { INPUT_LIMITS, readCapped } from '../util/read-capped.js';

export type Baseline = { kind: 'scan'; path: string; scan: ScanResult } | { kind: 'plan'; path: string; plan: Plan };

/** Reads a baseline file, telling a scan (`version` 1 with `columns`) from a plan (`items`). */
export async function readBaseline(path: string): Promise<Baseline> {
  const text = await readCapped(path, { what: 'scan', maxBytes: Math.max(INPUT_LIMITS.scan, INPUT_LIMITS.plan), hint: 'pass an earlier scan JSON or an approved plan' });
  if (text.trimStart().startsWith('{')) {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      throw new MinimError('FILE_INVALID', `baseline ${path}: not valid JSON; pass an earlier scan JSON or an approved plan`, { cause: e, subject: path });
    }
    if (raw && typeof raw === 'object' && Array.isArray((raw as { columns?: unknown }).columns)) {
      return { kind: 'scan', path, scan: await readScanFile(path) };
    }
  }
  return { kind: 'plan', path, plan: parsePlan(text, path) };
}
