/** Everyday city vocabulary: 311 complaints, programs, facilities, products, crews. */

export const REQUEST_CATEGORIES: readonly string[] = [
  'Pothole', 'Missed trash pickup', 'Streetlight out', 'Illegal dumping', 'Water main break', 'Tall grass/weeds',
  'Abandoned vehicle', 'Graffiti', 'Dead animal removal', 'Sidewalk repair', 'Noise complaint', 'Snow removal',
  'Traffic signal', 'Tree down', 'Bulky item pickup', 'Sewer backup',
];

/** Ordinary 311 notes; `{s}` is a street. */
export const COMPLAINT_TEMPLATES: readonly string[] = [
  'Large pothole in the eastbound lane near {s}, about two feet wide.',
  'Trash was not picked up on the scheduled day for the whole block of {s}.',
  'Streetlight has been out for a week at the corner of {s}.',
  'Someone dumped a couch and tires in the alley behind {s}.',
  'Water running down the street from a break near {s}.',
  'Grass on the vacant lot at {s} is over two feet tall.',
  'Car with flat tires parked on {s} for three weeks.',
  'Graffiti on the retaining wall along {s}.',
  'Dead deer on the shoulder of {s}.',
  'Sidewalk slab raised about three inches in front of {s}; trip hazard.',
  'Loud music every night after 11pm near {s}.',
  'Side street {s} was never plowed after the storm.',
  'Signal stuck on red at {s}.',
  'Tree limb blocking the lane on {s} after the storm.',
  'Resident needs pickup of an old mattress and box spring at {s}.',
  'Sewer smell and water backing up into basements on {s}.',
  'Caller asked for status of previous request; no new information.',
  'Duplicate of an earlier report; crew already scheduled.',
];

export const REQUEST_STATUSES: readonly string[] = ['open', 'assigned', 'in_progress', 'closed', 'closed', 'closed', 'duplicate'];

export const PROGRAMS: ReadonlyArray<readonly [string, string]> = [
  ['SWIM-101', 'Learn to Swim'], ['SOC-U8', 'Youth Soccer U8'], ['BBALL-U12', 'Youth Basketball U12'], ['ART-K', 'Kids Art Studio'],
  ['CAMP-SUM', 'Summer Day Camp'], ['SR-FIT', 'Senior Fitness'], ['YOGA-AD', 'Adult Yoga'], ['TENNIS-1', 'Beginner Tennis'],
  ['PICKLE-1', 'Pickleball League'], ['DANCE-J', 'Junior Dance'],
];

export const FACILITIES: readonly string[] = [
  'Swope Park Shelter 4', 'Loose Park Rose Garden', 'Penn Valley Pavilion', 'Line Creek Community Center', 'Gregg/Klice Gym',
  'Hillcrest Community Center', 'Brush Creek Community Center', 'Tony Aguirre Center', 'Kansas City Museum Lawn', 'Berkley Riverfront Stage',
];

export const CONCESSION_PRODUCTS: readonly string[] = [
  'Hot dog', 'Nachos', 'Bottled water', 'Sports drink', 'Popcorn', 'Soft pretzel', 'Ice cream bar', 'Candy bar', 'Coffee', 'Sunscreen SPF 30',
  'Swim goggles', 'Pool day pass', 'Locker rental', 'Towel rental',
];

export const INVENTORY_PRODUCTS: readonly string[] = [
  'Cold patch asphalt 50 lb', 'Traffic cone 28 in', 'Road salt (ton)', 'LED streetlight head', 'Manhole cover 24 in',
  'Safety vest class 2', 'Barricade type III', 'Paint, traffic white (5 gal)', 'Hydrant wrench', 'Stop sign 30 in',
  'PVC pipe 8 in x 20 ft', 'Ductile iron pipe 12 in', 'Work gloves (dozen)', 'Chainsaw chain 18 in', 'Diesel exhaust fluid (2.5 gal)',
];

export const CREWS: readonly string[] = ['Streets A', 'Streets B', 'Water North', 'Water South', 'Sewer', 'Forestry', 'Signals', 'Solid Waste'];

export const VENDOR_NAMES: readonly string[] = [
  'Heartland Asphalt LLC', 'Prairie Office Supply', 'Midwest Water Works Inc', 'Blue River Landscaping', 'Front Range Fleet Parts',
  'KC Signal & Light', 'Show-Me Janitorial', 'Gateway IT Services', 'Summit Uniforms Co', 'Plaza Catering',
  'River Market Printing', 'Crossroads Electric', 'Arrowhead Tree Care', 'Union Station Couriers', 'Westport Plumbing',
];

export const VIOLATIONS: ReadonlyArray<readonly [string, string]> = [
  ['70-271', 'Speeding 11-15 over'], ['70-272', 'Speeding 16-19 over'], ['70-333', 'Failure to yield'], ['70-341', 'Running red light'],
  ['70-588', 'No proof of insurance'], ['70-617', 'Expired registration'], ['48-31', 'Weeds and grass violation'], ['56-56', 'Trash at curb too early'],
  ['50-161', 'Peace disturbance'], ['14-7', 'Dog at large'],
];

export const PAYMENT_METHODS: readonly string[] = ['VISA', 'MC', 'AMEX', 'DISC', 'ACH', 'CASH', 'CHECK', 'MONEY_ORDER'];
