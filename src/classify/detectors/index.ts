/**
 * The one list of detectors, in the order they run: column detectors over each column's profile,
 * then table detectors over the whole table. The order is the order of each claim's evidence (and
 * of its examples), so a new detector goes where its evidence should read. A new detector is one
 * file in this folder exporting a `ColumnDetector` or `TableDetector` (types.ts), plus its entry here.
 */
import { dateDistributionDetector } from './date-distribution.js';
import { jsonDetector } from './json.js';
import { labelDetector } from './label.js';
import { nameDetector } from './name.js';
import { personNameInTextDetector } from './person-name-in-text.js';
import { tableContextDetector } from './table-context.js';
import { tableSubjectDetector } from './table-subject.js';
import { textDetector } from './text.js';
import type { Detector } from './types.js';
import { valueDetector } from './value.js';

export type { ColumnDetector, Detector, TableColumn, TableDetected, TableDetector, TableProfile } from './types.js';

export const DETECTORS: readonly Detector[] = Object.freeze([
  nameDetector,
  labelDetector,
  valueDetector,
  textDetector,
  jsonDetector,
  personNameInTextDetector,
  dateDistributionDetector,
  tableContextDetector,
  tableSubjectDetector,
]);
