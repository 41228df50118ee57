/**
 * Free text (notes, comments, descriptions) in the voice of several departments, into which a
 * small share of rows embed one piece of personal data, with or without a context word.
 */
import type { Rng } from './random.js';
import { pan, ssn } from './values-ids.js';
import { CONDITIONS, MEDICATIONS } from './values-medical.js';
import { birthDateMs, email, formatDate, person, phone } from './values-people.js';
import { amount, orderNumber, version, zip } from './values-clean.js';

/** What can be planted in a note, and the category it makes the column hold. */
export const PLANTS = {
  ssn: 'ssn',
  ssnBare: 'ssn',
  card: 'credit_card',
  phone: 'phone',
  email: 'email',
  dob: 'dob',
  medical: 'medical',
} as const;
export type Plant = keyof typeof PLANTS;

/** Per-row probability of each plant (each 0.01–0.05 in the corpus). */
export type PlantRates = Partial<Record<Plant, number>>;

export type TextStyle = 'call311' | 'case' | 'court' | 'work' | 'hr' | 'product' | 'parks';

const BASE: Record<TextStyle, readonly string[]> = {
  call311: [
    'Caller reports pothole in the eastbound lane, approx 2 ft wide.', 'Missed trash pickup for the whole block this week.',
    'Streetlight out on the corner, third report this month.', 'Request for bulky item pickup: couch and mattress.',
    'Water bubbling up from the curb, possible main break.', 'Abandoned vehicle parked over 72 hours.',
    'Graffiti on the underpass wall facing the park.', 'Resident asks when the leaf collection starts.',
    'Dead tree limb hanging over the sidewalk.', 'Illegal dumping behind the vacant lot.',
    'Noise complaint about construction before 7am.', 'Sidewalk heaved by tree roots, trip hazard.',
  ],
  case: [
    'Home visit completed; household of four, rent current.', 'Client requested help with utility assistance application.',
    'Follow-up scheduled in two weeks to review documents.', 'Referred to food pantry and transportation voucher program.',
    'Client did not attend appointment; left voicemail.', 'Eligibility review complete, benefits continue.',
    'Client reports stable housing since last visit.', 'Provided bus passes for job interviews.',
  ],
  court: [
    'Defendant appeared with counsel; continuance granted.', 'Fine paid in full at the window.',
    'Warrant recalled after appearance.', 'Case set for trial; witnesses subpoenaed.',
    'Plea of guilty entered, sentenced to community service.', 'Payment plan approved, first installment due next month.',
    'Failure to appear; bond forfeited.', 'Dismissed by prosecutor.',
  ],
  work: [
    'Replaced valve seal on the pump station, tested OK.', 'Technician diagnosed a failed pressure sensor; part ordered.',
    'Crew patched 14 potholes on the route.', 'Hydrant flushed, flow 1,150 gpm.', 'Meter swapped, old reading recorded.',
    'Inspection passed; next inspection in 12 months.', 'Storm drain cleared of debris.', 'Traffic signal timing adjusted.',
  ],
  hr: [
    'Completed annual safety training.', 'Promoted to crew lead effective next pay period.', 'Requested schedule change to day shift.',
    'Excellent customer feedback this quarter.', 'Certification renewal due in March.', 'Transferred from Water Services.',
    'Uniform allowance approved.', 'Overtime pre-approved for storm response.',
  ],
  product: [
    'Heavy-duty, weather resistant, meets city spec.', 'Bulk pricing applies above 50 units.', 'Replaces discontinued model.',
    'Ships in 5-7 business days from the Lenexa warehouse.', 'Compatible with existing mounts.', 'Includes 3-year warranty.',
  ],
  parks: [
    'Registered for summer swim lessons, level 2.', 'Pavilion rental for a birthday party, 40 guests.',
    'Youth soccer, U10 division.', 'Senior fitness class, Tuesdays and Thursdays.', 'Refund issued for cancelled class.',
    'Waitlisted for the art camp.', 'Needs a shaded spot for the tent.',
  ],
};

/** Noise that looks numeric or sensitive but is not personal data. */
function trapTail(r: Rng, style: TextStyle): string {
  const technical = style === 'work' || style === 'product' ? 1 : 0;
  return r.weighted([
    ['', 10],
    [` Ref #${orderNumber(r, 10, 14)}.`, 2],
    [` Call ext. ${r.int(1000, 9999)}.`, 1],
    [` Est. cost $${amount(r, 900)}.`, 1],
    [` ZIP ${zip(r)}.`, 1],
    [` Firmware ${version(r)}.`, technical],
    [` Ticket ${r.int(100000, 999999)}.`, 1],
  ] as const);
}

function planted(r: Rng, kind: Plant): string {
  switch (kind) {
    case 'ssn':
      return r.pick([
        `Caller gave SSN ${ssn(r)} to verify account.`, `SSN on file ${ssn(r, r.pick(['dashed', 'plain']))}.`,
        `Her social is ${ssn(r)}, please update the record.`, `Social security # ${ssn(r, 'spaced')} provided for the benefit form.`,
      ]);
    case 'ssnBare':
      return r.pick([`Provided ${ssn(r)} at the counter.`, `ID given: ${ssn(r)}.`, `Verified with ${ssn(r)}, match.`]);
    case 'card':
      return r.pick([
        `Paid by card ${pan(r, r.pick(['plain', 'spaced', 'dashed']))}, exp 08/27.`, `Card number ${pan(r, 'spaced')} declined twice.`,
        `Refund to ${pan(r)}.`,
      ]);
    case 'phone':
      return r.pick([`Call back at ${phone(r)}.`, `Best number is ${phone(r)} after 5pm.`, `Text updates to ${phone(r)}.`]);
    case 'email':
      return r.pick([`Send confirmation to ${email(r, person(r))}.`, `Email: ${email(r, person(r))}`, `Resident (${email(r, person(r))}) wants updates.`]);
    case 'dob':
      return r.pick([
        `DOB ${formatDate(birthDateMs(r, 18, 90), 'us')}.`, `Date of birth ${formatDate(birthDateMs(r, 5, 90), 'iso')} confirmed.`,
        `born ${formatDate(birthDateMs(r, 18, 90), 'us-short')}.`,
      ]);
    case 'medical':
      return r.pick([
        `Resident diagnosed with ${r.pick(CONDITIONS).toLowerCase()}, needs accessible pickup.`, `Takes ${r.pick(MEDICATIONS)} daily.`,
        `Diagnosed with type 2 diabetes last year.`, `Recently discharged after treatment for ${r.pick(CONDITIONS).toLowerCase()}.`,
      ]);
  }
}

/** One note: a base sentence or two, trap noise, and at most one planted item (reported to `mark`). */
export function note(r: Rng, style: TextStyle, rates: PlantRates, mark: (kind: Plant) => void): string {
  let text = r.pick(BASE[style]);
  if (r.chance(0.4)) text += ' ' + r.pick(BASE[style]);
  text += trapTail(r, style);
  for (const [kind, rate] of Object.entries(rates) as Array<[Plant, number]>) {
    if (r.chance(rate)) {
      mark(kind);
      return r.chance(0.5) ? `${text} ${planted(r, kind)}` : `${planted(r, kind)} ${text}`;
    }
  }
  return text;
}
