/** The 311 call center: service requests whose free-text notes now and then hold an SSN, a phone or an email. */
import { email, fullName, person, phone, phoneDigits, place, streetLine, streetName, zipPlus4 } from '../contacts.js';
import { addDays, dateBetween, timestampBetween } from '../dates.js';
import { formatSsn, ssnDigits } from '../identifiers.js';
import type { DemoTable } from '../model.js';
import type { Rng } from '../prng.js';
import { buildTable, col, maybe, trap } from '../table.js';
import { COMPLAINT_TEMPLATES, REQUEST_CATEGORIES, REQUEST_STATUSES } from '../vocab-services.js';

const schema = 'call_center_311';
const department = '311 Call Center';
export const CALL_CENTER_311 = { schema, name: department };

/** An ordinary complaint, or (about 2% each) one carrying an SSN, a phone number or an email. */
function requestNote(rng: Rng): string {
  const plain = rng.pick(COMPLAINT_TEMPLATES).replace('{s}', streetName(rng));
  const r = rng.next();
  if (r < 0.02) {
    const d = ssnDigits(rng);
    const ssn = rng.chance(0.8) ? formatSsn(d) : d;
    return rng.pick([
      `${plain} Caller gave SSN ${ssn} for verification.`,
      `Caller insisted on giving her social security number (${ssn}) before reporting. ${plain}`,
      `${plain} ss# ${ssn} provided by resident, not needed.`,
      `Resident read SSN ${ssn} off a letter to confirm identity. ${plain}`,
    ]);
  }
  if (r < 0.04) {
    return rng.pick([`${plain} Call back at ${phone(rng)}.`, `${plain} Caller's cell ${phone(rng)}, prefers text.`]);
  }
  if (r < 0.06) {
    return rng.pick([`${plain} Send updates to ${email(rng)}.`, `Reported by email from ${email(rng)}. ${plain}`]);
  }
  return plain;
}

/** Builds the department's tables. */
export function callCenter311(seed: number): DemoTable[] {
  const requests = buildTable(
    seed,
    {
      schema,
      department,
      name: 'service_requests',
      primaryKey: ['request_id'],
      columns: [
        col('request_id', 'int'),
        trap('opened_at', 'timestamp', 'event timestamp, not a birth date'),
        trap('closed_at', 'timestamp', 'event timestamp, not a birth date'),
        col('category', 'varchar', { length: 40 }),
        col('status', 'varchar', { length: 16 }),
        col('caller_name', 'varchar', { length: 80, labels: ['person_name'] }),
        col('caller_phone', 'varchar', { length: 20, labels: ['phone'] }),
        col('caller_email', 'varchar', { length: 120, labels: ['email'] }),
        col('incident_address', 'varchar', { length: 120, labels: ['address'] }),
        col('zip_code', 'varchar', { length: 10, labels: ['address'] }) /* ZIP+4 (64106-1234): an address component, never an SSN */,
        col('notes', 'text', { labels: ['ssn', 'phone', 'email'] }),
        trap('work_order_ref', 'varchar', 'random 12-16 digit work-order reference, not a card number', { length: 16 }),
      ],
    },
    3000,
    (i, rng) => {
      const opened = timestampBetween(rng, '2023-01-01', '2026-10-30');
      const status = rng.pick(REQUEST_STATUSES);
      const anonymous = rng.chance(0.25);
      const p = person(rng);
      const pl = place(rng);
      return {
        request_id: 100000 + i,
        opened_at: opened,
        closed_at: status.startsWith('closed') ? `${addDays(opened, rng.int(0, 40))} ${opened.slice(11)}` : null,
        category: rng.pick(REQUEST_CATEGORIES),
        status,
        caller_name: anonymous ? null : fullName(rng, p),
        caller_phone: anonymous ? null : maybe(rng, 0.2, phone(rng)),
        caller_email: anonymous ? null : maybe(rng, 0.55, email(rng, p)),
        incident_address: streetLine(rng),
        zip_code: zipPlus4(rng, pl.zip),
        notes: requestNote(rng),
        work_order_ref: maybe(rng, 0.4, String(rng.int(1, 9)) + rng.digits(rng.int(11, 15))),
      };
    },
  );

  const agents = buildTable(
    seed,
    {
      schema,
      department,
      name: 'agents',
      primaryKey: ['agent_id'],
      columns: [
        col('agent_id', 'int'),
        trap('username', 'varchar', 'login name, not a person name', { length: 32 }),
        col('full_name', 'varchar', { length: 80, labels: ['person_name'] }),
        trap('desk_extension', 'int', 'four-digit desk extension, not a phone number'),
        trap('hire_date', 'date', 'hire date, not a birth date'),
        col('team', 'varchar', { length: 20 }),
      ],
    },
    200,
    (i, rng) => {
      const p = person(rng);
      return {
        agent_id: i,
        username: `${p.first.normalize('NFD').replace(/[^A-Za-z]/g, '')[0]!.toLowerCase()}${p.last.replace(/[^A-Za-z]/g, '').toLowerCase()}${i}`,
        full_name: `${p.first} ${p.last}`,
        desk_extension: 4000 + rng.int(0, 999),
        hire_date: dateBetween(rng, '1995-01-01', '2026-09-30'),
        team: rng.pick(['Days', 'Evenings', 'Weekend', 'Spanish line', 'Escalations']),
      };
    },
  );

  const history = buildTable(
    seed,
    {
      schema,
      department,
      name: 'request_status_history',
      primaryKey: ['history_id'],
      columns: [
        col('history_id', 'int'),
        col('request_id', 'int'),
        trap('changed_at', 'timestamp', 'event timestamp'),
        col('old_status', 'varchar', { length: 16 }),
        col('new_status', 'varchar', { length: 16 }),
        col('agent_id', 'int'),
      ],
    },
    3000,
    (i, rng) => {
      const from = rng.pick(['open', 'assigned', 'in_progress']);
      return {
        history_id: i,
        request_id: 100000 + rng.int(1, 3000),
        changed_at: timestampBetween(rng, '2023-01-01', '2026-10-30'),
        old_status: from,
        new_status: rng.pick(REQUEST_STATUSES.filter((s) => s !== from)),
        agent_id: rng.int(1, 200),
      };
    },
  );

  const callbacks = buildTable(
    seed,
    {
      schema,
      department,
      name: 'callbacks',
      primaryKey: ['callback_id'],
      columns: [
        col('callback_id', 'int'),
        col('request_id', 'int'),
        col('callback_number', 'varchar', { length: 20, labels: ['phone'] }),
        trap('scheduled_for', 'timestamp', 'appointment timestamp'),
        col('outcome', 'varchar', { length: 20 }),
        trap('attempts', 'int', 'small count'),
      ],
    },
    600,
    (i, rng) => {
      const d = phoneDigits(rng);
      return {
        callback_id: i,
        request_id: 100000 + rng.int(1, 3000),
        // NOTE: callback numbers are stored as the agent typed them: mostly 10 digits, some dashed.
        callback_number: rng.chance(0.6) ? d : `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`,
        scheduled_for: timestampBetween(rng, '2023-01-01', '2026-11-15'),
        outcome: rng.pick(['reached', 'voicemail', 'no answer', 'wrong number']),
        attempts: rng.int(1, 4),
      };
    },
  );
  return [requests, agents, history, callbacks];
}
