/** Human services (camelCase columns): clients of every age, diagnoses, medications, case notes. */
import { email, person, phone, streetLine } from '../contacts.js';
import { CHILDREN, SERVICES, birthDate, dateBetween } from '../dates.js';
import type { DemoTable } from '../model.js';
import { buildTable, col, maybe, trap } from '../table.js';
import { CITY_EMAIL_DOMAIN } from '../vocab-places.js';
import { DIAGNOSES, MEDICAL_NOTE_TEMPLATES, MEDICATIONS, PLAIN_NOTE_TEMPLATES } from '../vocab-medical.js';

const schema = 'human_services';
const department = 'Human Services';
export const HUMAN_SERVICES = { schema, name: department };

const CLIENTS = 2500;

/** Builds the department's tables. */
export function humanServices(seed: number): DemoTable[] {
  const clients = buildTable(
    seed,
    {
      schema,
      department,
      name: 'clients',
      primaryKey: ['clientId'],
      columns: [
        col('clientId', 'int'),
        col('firstName', 'varchar', { length: 40, labels: ['person_name'] }),
        col('lastName', 'varchar', { length: 40, labels: ['person_name'] }),
        col('dateOfBirth', 'date', { labels: ['dob'] }),
        col('homeAddress', 'varchar', { length: 120, labels: ['address'] }),
        col('phoneNumber', 'varchar', { length: 20, labels: ['phone'] }),
        col('medicaidId', 'varchar', { length: 10, labels: ['medical'] }),
        trap('ssnOnFile', 'bool', 'a yes/no flag, not an SSN'),
        trap('enrolledOn', 'date', 'enrollment date, not a birth date'),
        col('preferredLanguage', 'varchar', { length: 20 }),
      ],
    },
    CLIENTS,
    (i, rng) => {
      const p = person(rng);
      return {
        clientId: i,
        firstName: p.first,
        lastName: p.last,
        dateOfBirth: birthDate(rng, SERVICES),
        homeAddress: maybe(rng, 0.08, streetLine(rng)),
        phoneNumber: maybe(rng, 0.15, phone(rng)),
        // NOTE: Missouri Medicaid DCNs are 8 digits; a health plan number is medical data.
        medicaidId: maybe(rng, 0.35, String(rng.int(10, 99)) + rng.digits(6)),
        ssnOnFile: rng.chance(0.7),
        enrolledOn: dateBetween(rng, '2012-01-01', '2026-10-31'),
        preferredLanguage: rng.weighted([['English', 80], ['Spanish', 12], ['Vietnamese', 3], ['Somali', 2], ['Arabic', 3]]),
      };
    },
  );

  const caseworkers = buildTable(
    seed,
    {
      schema,
      department,
      name: 'caseworkers',
      primaryKey: ['caseworkerId'],
      columns: [
        col('caseworkerId', 'int'),
        col('fullName', 'varchar', { length: 80, labels: ['person_name'] }),
        col('workEmail', 'varchar', { length: 120, labels: ['email'] }),
        col('officePhone', 'varchar', { length: 20, labels: ['phone'] }),
        trap('officeExt', 'int', 'four-digit extension, not a phone number'),
        trap('hireDate', 'date', 'hire date, not a birth date'),
      ],
    },
    200,
    (i, rng) => {
      const p = person(rng);
      return {
        caseworkerId: i,
        fullName: `${p.first} ${p.last}`,
        workEmail: email(rng, p, CITY_EMAIL_DOMAIN),
        officePhone: phone(rng),
        officeExt: rng.int(2000, 2999),
        hireDate: dateBetween(rng, '1990-01-01', '2026-09-30'),
      };
    },
  );

  const notes = buildTable(
    seed,
    {
      schema,
      department,
      name: 'case_notes',
      primaryKey: ['noteId'],
      columns: [
        col('noteId', 'int'),
        col('clientId', 'int'),
        col('caseworkerId', 'int'),
        trap('noteDate', 'date', 'event date'),
        col('noteText', 'text', { labels: ['medical'] }),
      ],
    },
    3000,
    (i, rng) => {
      const [, , condition] = rng.pick(DIAGNOSES);
      return {
        noteId: i,
        clientId: rng.int(1, CLIENTS),
        caseworkerId: rng.int(1, 200),
        noteDate: dateBetween(rng, '2018-01-01', '2026-10-31'),
        noteText: rng.chance(0.4)
          ? rng.pick(MEDICAL_NOTE_TEMPLATES).replace('{c}', condition).replace('{m}', rng.pick(MEDICATIONS))
          : rng.pick(PLAIN_NOTE_TEMPLATES),
      };
    },
  );

  const diagnoses = buildTable(
    seed,
    {
      schema,
      department,
      name: 'diagnoses',
      primaryKey: ['diagnosisId'],
      columns: [
        col('diagnosisId', 'int'),
        col('clientId', 'int'),
        col('icd10Code', 'varchar', { length: 8, labels: ['medical'] }),
        col('diagnosisDesc', 'varchar', { length: 120, labels: ['medical'] }),
        trap('diagnosedOn', 'date', 'event date, not a birth date'),
      ],
    },
    2500,
    (i, rng) => {
      const [code, desc] = rng.pick(DIAGNOSES);
      return {
        diagnosisId: i,
        clientId: rng.int(1, CLIENTS),
        icd10Code: code,
        diagnosisDesc: desc,
        diagnosedOn: dateBetween(rng, '2010-01-01', '2026-10-31'),
      };
    },
  );

  const medications = buildTable(
    seed,
    {
      schema,
      department,
      name: 'medications',
      primaryKey: ['rxId'],
      columns: [
        col('rxId', 'int'),
        col('clientId', 'int'),
        col('medicationName', 'varchar', { length: 60, labels: ['medical'] }),
        trap('prescribedOn', 'date', 'event date'),
        trap('refillsRemaining', 'int', 'small count'),
      ],
    },
    2000,
    (i, rng) => ({
      rxId: i,
      clientId: rng.int(1, CLIENTS),
      medicationName: rng.pick(MEDICATIONS),
      prescribedOn: dateBetween(rng, '2019-01-01', '2026-10-31'),
      refillsRemaining: rng.int(0, 5),
    }),
  );

  const household = buildTable(
    seed,
    {
      schema,
      department,
      name: 'household_members',
      primaryKey: ['memberId'],
      columns: [
        col('memberId', 'int'),
        col('clientId', 'int'),
        col('memberName', 'varchar', { length: 80, labels: ['person_name'] }),
        col('relationship', 'varchar', { length: 20 }),
        col('birthDate', 'date', { labels: ['dob'] }),
        col('schoolName', 'varchar', { length: 60 }),
      ],
    },
    2500,
    (i, rng) => {
      const p = person(rng);
      const child = rng.chance(0.7);
      return {
        memberId: i,
        clientId: rng.int(1, CLIENTS),
        memberName: `${p.first} ${p.last}`,
        relationship: child ? rng.pick(['child', 'grandchild', 'foster child']) : rng.pick(['spouse', 'parent', 'sibling', 'grandparent']),
        birthDate: birthDate(rng, child ? CHILDREN : SERVICES),
        schoolName: child ? rng.pick(['Garfield Elementary', 'Central Middle', 'Northeast High', 'Border Star Montessori', 'Lincoln Prep']) : null,
      };
    },
  );

  return [clients, caseworkers, notes, diagnoses, medications, household];
}
