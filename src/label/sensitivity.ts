/** SQL Server sensitivity classification: minim categories ↔ information types and ranks. */

export type SensitivityRank = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

export interface Sensitivity {
  readonly label: string;
  readonly informationType: string;
  readonly rank: SensitivityRank;
}

/** Per category: the information type written by `minim label`, its label and rank. */
export const SENSITIVITY: Readonly<Record<string, Sensitivity>> = {
  ssn: { label: 'Highly Confidential', informationType: 'SSN', rank: 'CRITICAL' },
  tax_id: { label: 'Highly Confidential', informationType: 'Tax ID', rank: 'HIGH' },
  drivers_license: { label: 'Confidential', informationType: "Driver's License", rank: 'HIGH' },
  passport: { label: 'Confidential', informationType: 'Passport', rank: 'HIGH' },
  dob: { label: 'Confidential', informationType: 'Date Of Birth', rank: 'HIGH' },
  medical: { label: 'Highly Confidential', informationType: 'Health', rank: 'CRITICAL' },
  bank_account: { label: 'Highly Confidential', informationType: 'Banking', rank: 'CRITICAL' },
  bank_routing: { label: 'Confidential', informationType: 'Bank Routing', rank: 'MEDIUM' },
  credit_card: { label: 'Highly Confidential', informationType: 'Credit Card', rank: 'CRITICAL' },
  email: { label: 'Confidential', informationType: 'Email', rank: 'MEDIUM' },
  phone: { label: 'Confidential', informationType: 'Phone', rank: 'MEDIUM' },
  address: { label: 'Confidential', informationType: 'Address', rank: 'MEDIUM' },
  person_name: { label: 'Confidential', informationType: 'Name', rank: 'MEDIUM' },
  ip_address: { label: 'Confidential', informationType: 'Networking', rank: 'LOW' },
};

const RANK_ORDER: readonly SensitivityRank[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

/**
 * The one classification a column with several categories gets (SQL Server keeps one per column):
 * the highest rank wins; ties go to the first category in sorted order.
 */
export function sensitivityFor(categories: readonly string[]): Sensitivity {
  let best: Sensitivity | undefined;
  for (const c of [...categories].sort()) {
    const s = SENSITIVITY[c] ?? { label: 'Confidential', informationType: 'Other', rank: 'MEDIUM' as const };
    if (!best || RANK_ORDER.indexOf(s.rank) > RANK_ORDER.indexOf(best.rank)) best = s;
  }
  return best ?? { label: 'Confidential', informationType: 'Other', rank: 'MEDIUM' };
}

/**
 * Information types (minim's and SQL Server's built-in ones) → category. Built-in types that
 * cover several categories (`Contact Info`, `Financial`, `Credentials`, `Other`) map to none.
 */
export const INFORMATION_TYPE_CATEGORY: Readonly<Record<string, string>> = {
  ...Object.fromEntries(Object.entries(SENSITIVITY).map(([c, s]) => [s.informationType.toLowerCase(), c])),
  // NOTE: SQL Server's built-in `National ID` is, in a US city's databases, almost always an SSN.
  'national id': 'ssn',
};
