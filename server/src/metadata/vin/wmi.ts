/**
 * World manufacturer identifiers (a VIN's first three characters) → the make, as data.
 * The npm registry offers no maintained table fit for a make field (universal-vin-decoder
 * holds descriptions such as "Nissan car & Infiniti car"; @cardog/corgi needs a native
 * SQLite build and a downloaded database), so this is a compact table of the common
 * ones. WMIs that several makes share (Stellantis's 1C3/1C4/2C3…) are left out on
 * purpose: an unknown make leaves the field for a person rather than guessing.
 * One line per make, its WMIs separated by spaces; add a line to add a make.
 */
const wmisByMake: Record<string, string> = {
  Acura: '19U JH4',
  'Alfa Romeo': 'ZAR',
  'Aston Martin': 'SCF',
  Audi: 'WAU WA1 WUA TRU',
  Bentley: 'SCB',
  BMW: 'WBA WBS WBY 4US 5UX 5YM',
  Buick: '1G4 2G4 5GA KL4',
  BYD: 'LGX LC0',
  Cadillac: '1G6 1GY',
  Chevrolet: '1G1 1GB 1GC 1GN 2G1 2GN 3G1 3GC 3GN 9BG KL7 KL8',
  Citroën: 'VF7',
  Dacia: 'UU1',
  Dodge: '1B3 2B3',
  Ferrari: 'ZFF',
  Fiat: 'ZFA 9BD',
  Ford: '1FA 1FB 1FC 1FD 1FM 1FT 1ZV 2FA 2FM 2FT 3FA 3FM 6FP MAJ NM0 SFA WF0',
  Genesis: 'KMT',
  GMC: '1GK 1GT 2GK 3GT',
  Honda: '19X 1HG 2HG 2HK 5FN 5J6 7FA JHL JHM SHH SHS',
  Hummer: '5GR',
  Hyundai: '5NM 5NP KM8 KMH',
  Infiniti: 'JNK',
  Jaguar: 'SAJ',
  Jeep: '1J4 1J8',
  Kia: '3KP 5XY KNA KND U5Y',
  Lada: 'XTA',
  Lamborghini: 'ZHW',
  'Land Rover': 'SAL',
  Lexus: '2T2 58A JTH JTJ',
  Lincoln: '1LN 2LM 3LN 5LM',
  Lotus: 'SCC',
  Lucid: '50E',
  Maserati: 'ZAM',
  Mazda: '1YV 3MV 3MZ 7MM JM1 JM3',
  McLaren: 'SBM',
  'Mercedes-Benz': '4JG 55S W1K W1N WDB WDC WDD WDF',
  MG: 'LSJ',
  MINI: 'WMW WMZ',
  Mitsubishi: '4A3 4A4 JA3 JA4 ML3',
  Nissan: '1N4 1N6 3N1 3N6 5N1 JN1 JN8 SJN VSK',
  Opel: 'W0L W0V',
  Peugeot: 'VF3',
  Polestar: 'LPS',
  Pontiac: '1G2 2G2 6G2',
  Porsche: 'WP0 WP1',
  Ram: '1C6 3C6',
  Renault: 'VF1',
  Rivian: '7FC 7PD',
  'Rolls-Royce': 'SCA',
  Saturn: '1G8',
  SEAT: 'VSS',
  Škoda: 'TMB',
  smart: 'WME',
  Subaru: '4S3 4S4 JF1 JF2',
  Suzuki: 'JS2 JS3 MA3 TSM',
  Tesla: '5YJ 7SA LRW XP7',
  Toyota: '2T1 2T3 3TM 3TY 4T1 4T3 4T4 5TD 5TE 5TF 7MU JT2 JT3 JT4 JTD JTE JTM JTN MR0 NMT SB1 VNK',
  Volkswagen: '1V2 1VW 3VV 3VW 9BW WV1 WV2 WVG WVW',
  Volvo: '7JR LVY YV1 YV4',
};

const makeByWmi: ReadonlyMap<string, string> = new Map(
  Object.entries(wmisByMake).flatMap(([make, wmis]) => wmis.split(' ').map((wmi) => [wmi, make] as const)),
);

/** The make a WMI was assigned to, or null when the table does not know it. */
export function makeOfWmi(wmi: string): string | null {
  return makeByWmi.get(wmi) ?? null;
}
