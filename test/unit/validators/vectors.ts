import type { ValidatorId } from '../../../src/validators/index.js';

/** Test vectors for one validator: `valid` score 1, `weak` score strictly between 0 and 1, `invalid` score 0. */
export interface Vectors {
  valid: readonly string[];
  weak?: readonly string[];
  invalid: readonly string[];
}

// Check digits below were computed twice: by the validator under test and by hand (shown in
// the comments) and again with an independent script (Python, big-integer arithmetic for IBAN).
// Typed Record<ValidatorId, …>: a validator without vectors does not compile.
export const VECTORS: Record<ValidatorId, Vectors> = {
  ssn: {
    valid: ['536-22-1234', '536221234', '001-01-0001', '772 84 0923', '665.12.3456', '899-99-9999'],
    // Woolworth wallet card, SSA pamphlet, textbook, and an all-same placeholder.
    weak: ['078-05-1120', '219-09-9999', '123-45-6789', '111-11-1111', '078051120'],
    invalid: [
      '000-12-3456', // area 000 never issued
      '666-12-3456', // area 666 never issued
      '900-12-3456', // 900-999 never issued (ITIN range)
      '999-99-9999',
      '536-00-1234', // group 00
      '536-22-0000', // serial 0000
      '53-622-1234', // separators in the wrong places
      '536-22-123', // 8 digits
      '536-22 1234', // mixed separators
      '536--22-1234',
      '536-221234', // one separator of two
      'abc-de-fghi',
      '',
    ],
  },
  itin: {
    valid: ['900-70-1234', '912-50-0001', '999-88-1234', '987-92-5555', '945-94-1234', '900650000', '931 99 1111'],
    invalid: [
      '812-70-1234', // must start with 9
      '900-66-1234', // 66-69 not an ITIN group
      '900-69-1234',
      '900-89-1234', // 89 not an ITIN group
      '900-93-1234', // 93 not an ITIN group
      '900-49-1234', // below 50
      '900-70-123', // 8 digits
      '90-070-1234',
    ],
  },
  ein: {
    valid: ['12-3456789', '45-1234567', '94-1111111', '99-7654321', '123456789', '31-0987654', '01 0000001'],
    invalid: [
      '00-1234567', // prefix 00 never assigned
      '07-1234567', // 07-09 never assigned
      '89-1234567',
      '96-1234567',
      '123-456789', // separator after the third digit
      '12-345678', // 8 digits
      '1a-3456789',
      '12-0000000',
    ],
  },
  card: {
    valid: [
      '4111111111111111', // Visa 16 — test PAN
      '4111 1111 1111 1111',
      '4222222222222', // Visa 13: six 2s + six 2*2=4 + the leading 4 undoubled = 12 + 24 + 4 = 40
      '5555555555554444', // Mastercard 51-55
      '5105105105105100',
      '2223003122003222', // Mastercard 2-series
      '2720000000000005', // Mastercard's last 2-series IIN: 5 + 2*2=4 + 7 + 2*2=4 = 20
      '378282246310005', // Amex 15
      '3714-496353-98431',
      '6011111111111117', // Discover 6011
      '6011000990139424',
      '6440000000000005', // Discover 644
      '3530111333300000', // JCB
      '3566002020360505',
      '30569309025904', // Diners 305, 14 digits
      '38520000023237', // Diners 38, 14 digits
      '36227206271667', // Diners 36
      '6200000000000005', // UnionPay 62
      '6212345678901234569', // UnionPay 19 digits
      '6759649826438453', // Maestro 6759
      '675900000000', // Maestro 12 digits
      '6304000000000000', // Maestro 6304
      '182736450192835', // UATP: 1 + 14 digits (check digit computed by Luhn)
      '1357 9246 8013 578', // UATP, printed in groups
      '5019384756102931', // Dankort 5019, 16 digits
      '5019001122334457',
    ],
    invalid: [
      '4111111111111112', // Luhn fails
      '5555555555554445',
      '378282246310006',
      '1234567812345670', // Luhn passes, no issuer starts with 12
      '9900000000000002', // Luhn passes, no issuer 99
      '41111111111114', // Luhn passes, Visa has no 14-digit PAN
      '3782822463100003', // Luhn passes, Amex is 15 digits
      '2220000000000000', // Luhn passes, 2220 is below Mastercard's 2221
      '2721000000000004', // Luhn passes, 2721 is above Mastercard's 2720
      '3590000000000000', // Luhn passes, JCB ends at 3589
      '8888888888888888', // Luhn passes, all the same digit
      '4111  1111 1111 1111', // double separator
      '4111-1111-1111-111a',
      '411111111111', // too short
      '41111111111111111111', // 20 digits
      '1827364501928377', // Luhn passes, UATP is 15 digits
      '501938475610296', // Luhn passes, Dankort is 16 digits
    ],
  },
  luhn: {
    valid: [
      '79927398713', // 3 + (1*2=2) + 7 + (8*2=16→7) + 9 + (3*2=6) + 7 + (2*2=4) + 9 + (9*2=18→9) + 7 = 70
      '49927398716',
      '1234567812345670',
      '4111 1111 1111 1111',
      '18', // 8 + (1*2) = 10
      '0000000018',
    ],
    invalid: ['79927398710', '49927398717', '1234567812345678', '0000000000', '12a4', '', '7', '4111--1111'],
  },
  aba: {
    valid: [
      '011000015', // FRB Boston: 3(0+0+0) + 7(1+0+1) + (1+0+5) = 20
      '021000021', // JPMorgan Chase NY: 3(0+0+0) + 7(2+0+2) + (1+0+1) = 30
      '026009593', // Bank of America NY: 3(0+0+5) + 7(2+0+9) + (6+9+3) = 110
      '121000358', // Bank of America CA: 3(1+0+3) + 7(2+0+5) + (1+0+8) = 70
      '322271627', // Chase CA (thrift 32): 3(3+2+6) + 7(2+7+2) + (2+1+7) = 120
      '061000104', // Atlanta district: 3(0+0+1) + 7(6+0+0) + (1+0+4) = 50
      '211274450', // thrift 21: 3(2+2+4) + 7(1+7+5) + (1+4+0) = 120
      '661000012', // electronic 66: 3(6+0+0) + 7(6+0+1) + (1+0+2) = 70
      '720000005', // electronic 72: 3(7+0+0) + 7(2+0+0) + (0+0+5) = 40
    ],
    weak: [
      '000000518', // US Treasury (prefix 00): 3(0+0+5) + 7(0+0+1) + (0+0+8) = 30
      '800000006', // traveler's cheques (80): 3(8+0+0) + 7(0+0+0) + (0+0+6) = 30
    ],
    invalid: [
      '011000016', // checksum 21
      '021000022',
      '131000018', // checksum 40 passes, prefix 13 unassigned
      '501000004', // checksum 20 passes, prefix 50 unassigned
      '730000008', // checksum 30 passes, 73 is past the electronic range 61-72
      '330000000', // checksum 30 passes, 33 is past the thrift range 21-32
      '200000004', // checksum 10 passes, 20 unassigned
      '000000000', // all zeros
      '02100002',
      '0210000211',
      '02100002a',
    ],
  },
  iban: {
    valid: [
      'GB82WEST12345698765432', // ECBS example
      'GB82 WEST 1234 5698 7654 32',
      'DE89370400440532013000',
      'DE89 3704 0044 0532 0130 00',
      'FR1420041010050500013M02606',
      'NL91ABNA0417164300',
      'BE68539007547034', // shortest common: 16
      'NO9386011117947', // shortest: 15
      'MT84MALT011000012345MTLCAST001S', // 31, letters in the BBAN
      'LC55HEMM000100010012001200023015', // 32
      'gb82west12345698765432', // lower case is normalised
    ],
    invalid: [
      'GB82WEST12345698765431', // mod-97 fails
      'DE89370400440532013001',
      'GB88WEST1234569876543', // mod-97 passes at 21 characters, GB IBANs are 22
      'XX57WEST12345698765432', // mod-97 passes, XX is not a country
      'US64SVBKUS6S3300958879', // mod-97 passes, the US has no IBAN
      'GB82-WEST-1234-5698-7654-32', // hyphens are not the print format
      'GB82  WEST12345698765432', // double space
      'G B82 WEST 1234 5698 7654 32', // a space inside the country code
      'GB 82WEST12345698765432', // a space before the check digits
      'GB8 2WEST12345698765432', // a space inside the check digits
      '82GBWEST12345698765432',
      'GB8AWEST12345698765432',
      '',
    ],
  },
  npi: {
    valid: [
      // CMS example: Luhn over 80840123456789(3): the prefix contributes 24, the NPI digits
      // right to left 3 + 9*2→9 + 8 + 7*2→5 + 6 + 5*2→1 + 4 + 3*2=6 + 2 + 1*2=2 = 46; 46+24 = 70.
      '1234567893',
      '1245319599', // 9 + 9*2→9 + 5 + 9*2→9 + 1 + 3*2=6 + 5 + 4*2=8 + 2 + 1*2=2 = 56; +24 = 80
      '1003000126', // 6 + 2*2=4 + 1 + 0 + 0 + 0 + 3 + 0 + 0 + 1*2=2 = 16; +24 = 40
      '2000000002', // 2 + 2*2=4 = 6; +24 = 30
      '1982736450',
      '2765432101',
    ],
    invalid: [
      '1234567890', // 43 + 24 = 67
      '1234567894',
      '3234567893', // must start with 1 or 2
      '123456789',
      '12345678931',
      '1234-567893',
      '0000000000',
      '1111111112', // Luhn passes: nine repeated digits and a check digit, a placeholder
      '2222222228',
    ],
  },
  dea: {
    valid: [
      'AB1234563', // (1+3+5) + 2(2+4+6) = 9 + 24 = 33 → 3
      'BJ6125341', // (6+2+3) + 2(1+5+4) = 11 + 20 = 31 → 1
      'FN5623740', // (5+2+7) + 2(6+3+4) = 14 + 26 = 40 → 0
      'AG9876547', // (9+7+5) + 2(8+6+4) = 21 + 36 = 57 → 7
      'B91234563', // business: second character 9
      'CD7654329', // (7+5+3) + 2(6+4+2) = 15 + 24 = 39 → 9
      'MS3141594', // (3+4+5) + 2(1+1+9) = 12 + 22 = 34 → 4
    ],
    invalid: [
      'AB1234564', // check digit should be 3
      'IB1234563', // I is not a registrant type
      'A11234563', // second character a digit other than 9
      'AB123456',
      'AB12345630',
      'ab1234563',
      'MS0000000', // zero serial: arithmetic passes, placeholder
      'AB12345X3',
    ],
  },
  mbi: {
    valid: [
      '1EG4-TE5-MK73', '1EG4TE5MK73', '2AA0AA0AA00', '9XP7-W12-RC45', '3KJ8GH2TU09', '7WN6-D93-FX11',
      '1eg4te5mk73', // systems store MBIs in lower case too
      '9xp7-w12-rc45',
      '3Kj8gH2tU09', // mixed case
    ],
    invalid: [
      '0EG4-TE5-MK73', // position 1 is 1-9
      '1SG4-TE5-MK73', // S excluded
      '1EG4-TB5-MK73', // B excluded
      '1EG4-TE5-MK7',
      '1EG4-TE5-M173', // position 9 a letter
      '1EGA-TE5-MK73', // position 4 a digit
      '1EG4-TE5MK73', // one dash of two
      '1sg4te5mk73', // s excluded in lower case too
      '1eg4-te5-mb73', // b excluded
      '1EG4_TE5_MK73',
    ],
  },
  icd10cm: {
    valid: ['E11.9', 'J45.909', 'S72.001A', 'T36.0X1A', 'E119', 'S72001A', 'C4A.0', 'Z3A.10', 'U07.1', 'O09.A0', 'F32.A'],
    // A bare 3-character category is a real code in a shape many codes share.
    weak: ['I10', 'E11'],
    invalid: [
      'E11.', // dot with nothing after
      'E1.9',
      '11.9',
      'E11.99999', // more than 7 characters
      'S72001AB',
      'e11.9',
      'EE1.9',
      'E1C.9', // third character A or B only
      'E11-9',
      'U99.9', // U reserved outside U07/U09
      'E11.9!',
    ],
  },
  loinc: {
    valid: [
      '2345-7', // glucose: 7 + 5*2→1 + 4 + 3*2=6 + 2 = 20
      '718-7', // hemoglobin: 7 + 8*2→7 + 1 + 7*2→5 = 20
      '4548-4', // HbA1c: 4 + 8*2→7 + 4 + 5*2→1 + 4 = 20
      '2160-0', // creatinine: 0 + 0 + 6 + 1*2 + 2 = 10
      '8480-6', // systolic BP: 6 + 0 + 8 + 4*2 + 8 = 30
      '29463-7', // body weight: 7 + 3*2 + 6 + 4*2 + 9 + 2*2 = 40
      '1-8', // 8 + 1*2 = 10
    ],
    invalid: ['2345-6', '718-8', '0718-7', '2345', '2345-77', '2345_7', '-7', 'ABCD-7', '12345678-4'],
  },
  phone: {
    valid: [
      '(415) 867-5309',
      '415-867-5309',
      '415.867.5309',
      '4158675309',
      '+1 415 867 5309',
      '+1 (415) 867-5309',
      '1-800-275-2273',
      '(212) 555-1234', // 555 outside 01xx is not reserved for fiction
      '+44 20 7946 0958',
      '+49 30 123456',
      '+33 1 42 68 53 00',
    ],
    weak: ['(212) 555-0123', '212-555-0199', '+1 303 555 0100'],
    invalid: [
      '(911) 555-1234', // N11 area code
      '(411) 867-5309',
      '123-456-7890', // area code starts with 1
      '212-055-1234', // exchange starts with 0
      '212-911-1234', // N11 exchange
      '(292) 867-5309', // N9X area codes reserved
      '555-1234', // 7 digits
      '212-5551-234', // digits grouped wrongly
      '(212 555-1234', // unbalanced parenthesis
      '+1234567', // 7 digits
      '+0 123 456 789', // country codes never start with 0
      '+1 415 867 530', // +1 needs 10 national digits
      '415-867-5309 x12',
      '',
    ],
  },
  email: {
    valid: [
      'jane.doe@example.org',
      "j.o'brien+city@mail.denver.gov",
      'a@b.co',
      'user_name-1@sub.domain-x.com',
      'info@xn--mnchen-3ya.de',
      'x@example.xn--p1ai',
      'ÉLODIE@exemple.fr',
    ],
    invalid: [
      'jane.doe@',
      '@example.org',
      'jane..doe@example.org',
      '.jane@example.org',
      'jane.@example.org',
      'jane@example',
      'jane@example.c',
      'jane@-example.org',
      'jane@exa_mple.org',
      'jane doe@example.org',
      'jane@@example.org',
      'jane@example.org.',
      'jane@example.123',
      'jane@exa..mple.org',
    ],
  },
  ipv4: {
    valid: ['192.168.0.1', '10.0.0.255', '8.8.8.8', '172.16.254.3', '1.2.3.4', '0.0.0.1'],
    weak: ['0.0.0.0', '255.255.255.255'],
    invalid: ['256.1.1.1', '192.168.01.1', '1.2.3', '1.2.3.4.5', '192.168.0.-1', '192.168..1', '1.2.3.4.', '1234.1.1.1', 'a.b.c.d'],
  },
  ipv6: {
    valid: [
      '2001:0db8:85a3:0000:0000:8a2e:0370:7334',
      '2001:db8:85a3::8a2e:370:7334',
      'fe80::1',
      '::ffff:192.0.2.128',
      '2001:db8::',
      '1:2:3:4:5:6:7:8',
      '1::8',
      'FE80::0202:B3FF:FE1E:8329',
      '64:ff9b::192.0.2.33',
      'fe80::1%eth0', // zone id (RFC 4007)
      'fe80::1ff:fe23:4567:890a%3',
      'fe80::a:b%en0.1',
    ],
    weak: ['::', '::1', '0:0:0:0:0:0:0:1', '0:0:0:0:0:0:0:0'],
    invalid: [
      '2001:db8:85a3::8a2e::7334', // two ::
      '12345::1',
      '1:2:3:4:5:6:7:8:9',
      'g001::1',
      '1:2:3:4:5:6:7', // 7 groups without ::
      ':1:2:3:4:5:6:7:8',
      '1:2:3:4:5:6:7:8:',
      '1::2:3:4:5:6:7:8', // :: standing for no group
      '::ffff:256.0.0.1',
      '1:2:3:4:5:6:7:1.2.3.4', // IPv4 tail with 7 groups = 9
      ':',
      'fe80::1%', // empty zone id
      'fe80::1%eth 0', // a space in the zone id
      'fe80::1%%eth0',
      'fe80::1%abcdefghijklmnopqrstuvwxyz0123456', // zone id longer than 32
    ],
  },
  date: {
    valid: [
      '1984-03-05',
      '1984-03-05 00:00:00',
      '1984-03-05T13:45:00Z',
      '2000-02-29', // divisible by 400: leap
      '2024-02-29T00:00:00.000+02:00',
      '1984-03-05 00:00:00+00',
      '03/05/1984',
      '3/5/1984',
      '3/5/1984 12:00:00 AM',
      '19840305',
      '05-Mar-1984',
      '5-mar-1984',
      '1984/03/05',
    ],
    invalid: [
      '1985-02-29', // not a leap year
      '1900-02-29', // divisible by 100, not 400
      '2023-02-30',
      '1984-04-31',
      '1984-13-01',
      '1984-00-10',
      '19840230',
      '18000101', // YYYYMMDD only for 1850-2100
      '21010101',
      '13/05/1984', // month 13 in US order
      '05-Foo-1984',
      '1984-03-05T25:00',
      '1984-03-05x',
      '1984-03/05',
      '0000-01-01',
      'March 5',
      '',
    ],
  },
  sctid: {
    // Item ids of our own, partition 00 (concept) or 10 (concept, extension namespace), Verhoeff
    // check digit computed by the validator and checked by a second implementation (the D/P tables
    // applied by hand in a script); plus well-known public concept ids (diabetes mellitus 73211009).
    valid: ['4812002', '4812104', '91827007', '91827105', '5550123008', '5550123106', '77123456000', '77123456102', '31415926535005', '31415926535108', '73211009', '195967001'],
    invalid: [
      '4812003', // check digit off by one
      '91827008',
      '4812012', // partition 01: a description id, not a concept
      '4812022', // partition 02: a relationship id
      '4812202', // partition 20: not a partition
      '048120020', // leading zero
      '12345', // fewer than 6 digits
      '1234567890123456789', // more than 18 digits
      '4812-002',
      '',
    ],
  },
  medicalMorphology: {
    valid: ['Appendicitis', 'Laparoscopic cholecystectomy', 'atorvastatin 40 mg daily', 'LOSARTAN', 'Iron deficiency anemia', 'Peripheral neuropathy', 'Enoxaparin 40mg', 'Furosemide', 'Azithromycin Z-pak'],
    invalid: ['Academia', 'Nostalgia night', 'Empathy', 'April 3', 'Statin', 'Track 5: Lovely Day', 'Pothole repair', 'itis', 'Genesis', ''],
  },
};
