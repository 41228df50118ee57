/** The demo city: every department's tables, built deterministically from one seed. */
import { CALL_CENTER_311, callCenter311 } from './departments/call-center-311.js';
import { HUMAN_SERVICES, humanServices } from './departments/human-services.js';
import { LEGACY_EXPORTS, legacyExports } from './departments/legacy-exports.js';
import { MUNICIPAL_COURT, municipalCourt } from './departments/municipal-court.js';
import { PARKS_REC, parksRec } from './departments/parks-rec.js';
import { PAYROLL, payroll } from './departments/payroll.js';
import { PUBLIC_WORKS, publicWorks } from './departments/public-works.js';
import { UTILITIES, utilities } from './departments/utilities.js';
import { MinimError } from '../errors.js';
import type { DemoCity, DemoDepartment, DemoTable } from './model.js';

/** The default seed. */
export const DEMO_SEED = 20261123;

/**
 * Version of the generated data: bump it whenever a change alters any row or column, so cached
 * demo databases (`demo-city-v<N>-<seed>`) are rebuilt.
 */
export const DEMO_CITY_VERSION = 2;

const DEPARTMENTS: ReadonlyArray<readonly [DemoDepartment, (seed: number) => DemoTable[]]> = [
  [CALL_CENTER_311, callCenter311],
  [PAYROLL, payroll],
  [HUMAN_SERVICES, humanServices],
  [PARKS_REC, parksRec],
  [UTILITIES, utilities],
  [MUNICIPAL_COURT, municipalCourt],
  [PUBLIC_WORKS, publicWorks],
  [LEGACY_EXPORTS, legacyExports],
];

/** The departments (schema and name) of the demo city, without building its rows. */
export const DEMO_DEPARTMENTS: readonly DemoDepartment[] = DEPARTMENTS.map(([d]) => d);

/** Builds the demo city for `seed`: the same seed always gives the same city. */
export function buildDemoCity(seed: number = DEMO_SEED): DemoCity {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new MinimError('USAGE', `demo city: seed ${seed} is not an integer in 0..4294967295; pass a 32-bit unsigned seed`);
  }
  return {
    seed,
    departments: DEPARTMENTS.map(([d]) => d),
    tables: DEPARTMENTS.flatMap(([, build]) => build(seed)),
  };
}
