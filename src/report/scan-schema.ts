/**
 * The scan JSON (version 1) as read back by report, plan, check, access and label: every field a
 * renderer touches is checked, so a malformed file is one line naming the file and the place
 * (`scan x.json: column 3 finding 1 confidence should be a number, not text`), never INTERNAL.
 * Objects stay open: a newer minim may add fields.
 */
import { z } from 'zod';

const num = z.number();
const evidence = z.looseObject({
  rule: z.string(),
  source: z.string(),
  pattern: z.string().optional(),
  matchRate: num.optional(),
  validated: num.optional(),
  rows: num.optional(),
  withContext: num.optional(),
  detail: z.string().optional(),
  weight: num.optional(),
});
const finding = z.looseObject({
  category: z.string(),
  confidence: num,
  evidence: z.array(evidence),
  examples: z.array(z.string()),
  exactCount: num.optional(),
});
const column = z.looseObject({
  source: z.string(),
  schema: z.string(),
  table: z.string(),
  column: z.string(),
  dataType: z.string().optional(),
  rowEstimate: num.nullable().optional(),
  sampled: num.optional(),
  nonNull: num.optional(),
  findings: z.array(finding),
  candidates: z.array(finding).optional(),
  skipped: z.string().optional(),
});
const source = z.looseObject({
  name: z.string(),
  dialect: z.string(),
  department: z.string().optional(),
  url: z.string().optional(),
  serverVersion: z.string().optional(),
  departments: z.record(z.string(), z.string()).optional(),
  fingerprint: z.string().optional(),
});
const error = z.looseObject({ source: z.string(), table: z.string().optional(), code: z.string(), message: z.string() });
const risk = z.looseObject({
  source: z.string(),
  schema: z.string(),
  table: z.string(),
  kind: z.string(),
  columns: z.array(z.string()),
  message: z.string(),
});

export const scanFileSchema = z.looseObject({
  version: z.literal(1),
  scannedAt: z.string(),
  sources: z.array(source),
  columns: z.array(column),
  errors: z.array(error).default([]),
  risks: z.array(risk).optional(),
  stats: z.looseObject({}).optional(),
});
