/** Places for the demo city: streets and cities in Missouri and Colorado, ZIP prefixes, area codes. */

export const STREET_NAMES: readonly string[] = [
  'Main', 'Oak', 'Troost', 'Prospect', 'Broadway', 'Grand', 'Walnut', 'Locust', 'Cherry', 'Holmes',
  'Wornall', 'Paseo', 'Swope', 'Linwood', 'Armour', 'Gillham', 'Independence', 'Truman', 'Blue Ridge', 'Noland',
  'Colfax', 'Federal', 'Sheridan', 'Wadsworth', 'Alameda', 'Evans', 'Hampden', 'Yale', 'Belleview', 'Arapahoe',
  'Maple', 'Cedar', 'Elm', 'Pine', 'Washington', 'Lincoln', 'Jefferson', 'Madison', 'Jackson', 'Chestnut',
  'Meyer', 'Gregory', 'Bannister', 'Red Bridge', 'Antioch', 'Vivion', 'Barry', 'Tiffany Springs', 'Shoal Creek', 'Hickman Mills',
];

export const STREET_SUFFIXES: readonly string[] = ['St', 'Ave', 'Blvd', 'Rd', 'Dr', 'Ln', 'Ct', 'Pkwy', 'Ter', 'Way'];
export const DIRECTIONS: readonly string[] = ['', '', '', 'N ', 'S ', 'E ', 'W ', 'NE ', 'NW '];

/** City, state, 3-digit ZIP prefix. Apostrophes in names exercise literal escaping. */
export const CITIES: ReadonlyArray<readonly [string, string, string]> = [
  ['Kansas City', 'MO', '641'], ['Kansas City', 'MO', '641'], ['Kansas City', 'MO', '641'], ['Kansas City', 'MO', '641'],
  ['Independence', 'MO', '640'], ["Lee's Summit", 'MO', '640'], ['Raytown', 'MO', '641'], ['Gladstone', 'MO', '641'],
  ['Grandview', 'MO', '640'], ['Liberty', 'MO', '640'], ['Blue Springs', 'MO', '640'], ['St. Louis', 'MO', '631'],
  ["O'Fallon", 'MO', '633'], ['Springfield', 'MO', '658'], ['Columbia', 'MO', '652'], ['Jefferson City', 'MO', '651'],
  ['Denver', 'CO', '802'], ['Aurora', 'CO', '800'], ['Lakewood', 'CO', '802'], ['Colorado Springs', 'CO', '809'],
  ['Fort Collins', 'CO', '805'], ['Pueblo', 'CO', '810'], ['Overland Park', 'KS', '662'], ['Olathe', 'KS', '660'],
];

/** NANP area codes of Missouri, Colorado and Kansas. */
export const AREA_CODES: readonly string[] = ['816', '816', '816', '975', '314', '417', '573', '636', '660', '303', '720', '719', '970', '913'];

/** Email domains: reserved example domains only, so no address can belong to anyone. */
export const EMAIL_DOMAINS: readonly string[] = ['example.com', 'example.net', 'example.org', 'mail.example.com', 'inbox.example.net'];
export const CITY_EMAIL_DOMAIN = 'kcmo.example.gov';

/** Countries of foreign utility customers, with a passport-issuing flavour. */
export const FOREIGN_COUNTRIES: readonly string[] = ['DE', 'GB', 'FR', 'NL', 'ES'];
