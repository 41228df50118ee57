/** Label evidence: categories read back from the database's own labels (comments, sensitivity classifications). */
import { LABEL_WEIGHT } from '../scoring.js';
import type { ColumnDetector } from './types.js';

export const labelDetector: ColumnDetector = {
  name: 'label',
  scope: 'column',
  detect(profile) {
    return profile.labels.map((category) => ({
      category,
      evidence: { rule: 'label', source: 'label', detail: 'labelled in the database', weight: LABEL_WEIGHT },
      weight: LABEL_WEIGHT,
    }));
  },
};
