/**
 * Birth dates from their distribution (dates.ts): values in plausible birth years, none in the
 * future, date-only, with the spread of a population's ages. Not searched in prose.
 */
import { birthDateProfile, looksLikeBirthDates } from '../dates.js';
import { DOB_DISTRIBUTION_WEIGHT, round2 } from '../scoring.js';
import type { ColumnDetector } from './types.js';

const DATEISH = new Set(['date', 'timestamp', 'text', 'integer']);

export const dateDistributionDetector: ColumnDetector = {
  name: 'date-distribution',
  scope: 'column',
  detect(profile) {
    if (!profile.sampled || profile.prose || !DATEISH.has(profile.typeClass)) return [];
    // Values of which too many fail to parse, or too many hold a time of day, are not birth dates:
    // profiling stops there.
    const p = birthDateProfile(profile.values!, profile.now);
    if (!p || !looksLikeBirthDates(p)) return [];
    const w = DOB_DISTRIBUTION_WEIGHT;
    return [
      {
        category: 'dob',
        evidence: {
          rule: 'dob-distribution',
          source: 'value',
          matchRate: round2(p.parseRate),
          validated: p.parsed,
          detail: `median age ${Math.round(p.medianAge)}, interquartile range ${Math.round(p.iqrAge)} years, none in the future`,
          weight: w,
        },
        weight: w,
      },
    ];
  },
};
