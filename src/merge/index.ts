/** `minim merge`: combine shard scans (JSON or NDJSON) into one scan JSON. */
export { mergeResults } from './merge.js';
export { parseScanText, readScanInput } from './read.js';
export { isNdjsonScan, ndjsonToResult, parseNdjson, tableKey } from './ndjson.js';
export type { NdjsonEnd, NdjsonHeader, NdjsonLine, NdjsonTable, ParsedNdjson } from './ndjson.js';
