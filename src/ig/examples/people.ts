/**
 * Test data for the example referrals: fictitious people and care units in Skåne. Personnummer here are not
 * real people's numbers: 191212121212 is Skatteverket's well-known test number (Tolvan Tolvansson); the others are
 * made-up birth dates with serials whose check digit is computed with the Luhn rule (standards.md §1). Use
 * Skatteverket's official test series for anything beyond these examples.
 */

export interface TestPatient {
  key: string;
  system: 'personnummer' | 'samordningsnummer';
  /** 12 digits, no separator. */
  number: string;
  family: string;
  given: string;
  gender: 'female' | 'male';
  birthDate: string;
  line: string;
  postalCode: string;
  city: string;
}

export interface TestUnit {
  key: string;
  hsaId: string;
  name: string;
  type: 'vardcentral' | 'psykoterapimottagning';
  phone: string;
  line: string;
  postalCode: string;
  city: string;
}

export interface TestReferrer {
  key: string;
  hsaId: string;
  family: string;
  given: string;
  profession: 'psykolog' | 'lakare' | 'psykoterapeut' | 'kurator' | 'sjukskoterska';
  /** Legitimation code (urn:oid:1.2.752.116.3.1.3), absent for unlicensed professions. */
  legitimation?: 'LK' | 'PS';
  directPhone: string;
}

const patient = (p: TestPatient): TestPatient => p;

export const PATIENTS = {
  anna: patient({ key: 'anna', system: 'personnummer', number: '198503142385', family: 'Testsson', given: 'Anna', gender: 'female', birthDate: '1985-03-14', line: 'Linnégatan 12', postalCode: '21612', city: 'Limhamn' }),
  erik: patient({ key: 'erik', system: 'personnummer', number: '197906224477', family: 'Provsson', given: 'Erik', gender: 'male', birthDate: '1979-06-22', line: 'Södra Förstadsgatan 40', postalCode: '21143', city: 'Malmö' }),
  sara: patient({ key: 'sara', system: 'samordningsnummer', number: '199208741562', family: 'Exempelsdotter', given: 'Sara', gender: 'female', birthDate: '1992-08-14', line: 'Möllevångsgatan 3', postalCode: '21424', city: 'Malmö' }),
  bengt: patient({ key: 'bengt', system: 'personnummer', number: '196809053330', family: 'Fiktivsson', given: 'Bengt', gender: 'male', birthDate: '1968-09-05', line: 'Storgatan 8', postalCode: '22350', city: 'Lund' }),
  maria: patient({ key: 'maria', system: 'personnummer', number: '199502112643', family: 'Testberg', given: 'Maria', gender: 'female', birthDate: '1995-02-11', line: 'Kungsgatan 21', postalCode: '25221', city: 'Helsingborg' }),
  johan: patient({ key: 'johan', system: 'personnummer', number: '200104180914', family: 'Provlund', given: 'Johan', gender: 'male', birthDate: '2001-04-18', line: 'Drottninggatan 5', postalCode: '25221', city: 'Helsingborg' }),
  lina: patient({ key: 'lina', system: 'personnummer', number: '198807305720', family: 'Exempelsson', given: 'Lina', gender: 'female', birthDate: '1988-07-30', line: 'Östra Rönneholmsvägen 2', postalCode: '21147', city: 'Malmö' }),
  karin: patient({ key: 'karin', system: 'personnummer', number: '197601153864', family: 'Testgren', given: 'Karin', gender: 'female', birthDate: '1976-01-15', line: 'Bantorget 4', postalCode: '22229', city: 'Lund' }),
  tolvan: patient({ key: 'tolvan', system: 'personnummer', number: '191212121212', family: 'Tolvansson', given: 'Tolvan', gender: 'male', birthDate: '1912-12-12', line: 'Testvägen 12', postalCode: '21120', city: 'Malmö' }),
  ali: patient({ key: 'ali', system: 'personnummer', number: '199305271182', family: 'Provzadeh', given: 'Ali', gender: 'male', birthDate: '1993-05-27', line: 'Rosengårdsstråket 9', postalCode: '21368', city: 'Malmö' }),
  /** 15 years old on 2025-09-15: below the age limit (REM-AGE-16). */
  ella: patient({ key: 'ella', system: 'personnummer', number: '201003023189', family: 'Yngresson', given: 'Ella', gender: 'female', birthDate: '2010-03-02', line: 'Skolgatan 1', postalCode: '21612', city: 'Limhamn' }),
} as const;

export const UNITS = {
  vcLimhamn: { key: 'vcLimhamn', hsaId: 'SE2321000016-E1LM', name: 'Vårdcentralen Limhamn', type: 'vardcentral', phone: '+46 40 623 10 00', line: 'Linnégatan 60', postalCode: '21612', city: 'Limhamn' },
  vcLund: { key: 'vcLund', hsaId: 'SE2321000016-E2LU', name: 'Vårdcentralen Kärnan Lund', type: 'vardcentral', phone: '+46 46 270 20 00', line: 'Bangatan 2', postalCode: '22224', city: 'Lund' },
  vcHelsingborg: { key: 'vcHelsingborg', hsaId: 'SE2321000016-E3HB', name: 'Vårdcentralen Närlunda', type: 'vardcentral', phone: '+46 42 406 10 00', line: 'Närlundavägen 1', postalCode: '25227', city: 'Helsingborg' },
  ptMalmo: { key: 'ptMalmo', hsaId: 'SE2321000016-P4MA', name: 'KBT-mottagningen Malmö', type: 'psykoterapimottagning', phone: '+46 40 30 12 00', line: 'Stortorget 7', postalCode: '21122', city: 'Malmö' },
  ptLund: { key: 'ptLund', hsaId: 'SE2321000016-P5LU', name: 'Psykoterapimottagningen Lund', type: 'psykoterapimottagning', phone: '+46 46 13 45 00', line: 'Clemenstorget 6', postalCode: '22221', city: 'Lund' },
} as const satisfies Record<string, TestUnit>;

export const REFERRERS = {
  psykolog: { key: 'psykolog', hsaId: 'SE2321000016-R100', family: 'Lindqvist', given: 'Hanna', profession: 'psykolog', legitimation: 'PS', directPhone: '+46 40 623 14 52' },
  lakare: { key: 'lakare', hsaId: 'SE2321000016-R200', family: 'Bergström', given: 'Per', profession: 'lakare', legitimation: 'LK', directPhone: '+46 46 270 21 17' },
  kurator: { key: 'kurator', hsaId: 'SE2321000016-R300', family: 'Nilsson', given: 'Eva', profession: 'kurator', directPhone: '+46 40 623 14 80' },
} as const satisfies Record<string, TestReferrer>;
