/**
 * A small reference table of Kemendagri region codes (Permendagri 72/2019 numbering) for the regions the
 * source SOPs come from and a few populous ones, used to generate well-formed synthetic people.
 * Province, regency/city and district (kecamatan) codes are the real ones. Village names are real villages of
 * the district; their four-digit suffixes follow the Kemendagri convention (1xxx kelurahan, 2xxx desa) but are
 * numbered here in listing order, so they are not guaranteed to equal the official village codes.
 * Not a complete register: a real deployment loads the full Kemendagri table.
 */

/** A kelurahan (urban) or desa (rural) village. */
export interface Village {
  /** Ten digits: district code + four-digit village number. */
  readonly code: string;
  readonly name: string;
  readonly kind: 'kelurahan' | 'desa';
}

/** A kecamatan. */
export interface District {
  /** Six digits, e.g. "330512". */
  readonly code: string;
  readonly name: string;
  readonly villages: readonly Village[];
}

/** A kabupaten (regency) or kota (city). */
export interface Regency {
  /** Four digits, e.g. "3305". */
  readonly code: string;
  /** Name as Dukcapil prints it (KAB_NAME), e.g. "KEBUMEN", "KOTA SIBOLGA". */
  readonly name: string;
  readonly kind: 'kabupaten' | 'kota';
  readonly districts: readonly District[];
}

/** A province. */
export interface Province {
  /** Two digits, e.g. "17". */
  readonly code: string;
  /** Name as Dukcapil prints it (PROP_NAME). */
  readonly name: string;
  /** Office time zone of the province (all provinces here are WIB). */
  readonly timeZone: string;
  readonly regencies: readonly Regency[];
}

type V = readonly string[];

function district(code: string, name: string, kind: 'kelurahan' | 'desa', villages: V): District {
  const base = kind === 'kelurahan' ? 1001 : 2001;
  return {
    code,
    name,
    villages: villages.map((v, i) => ({ code: code + String(base + i), name: v, kind })),
  };
}

/** The reference regions. */
export const REGIONS: readonly Province[] = [
  {
    code: '12',
    name: 'SUMATERA UTARA',
    timeZone: 'Asia/Jakarta',
    regencies: [
      {
        code: '1273',
        name: 'KOTA SIBOLGA',
        kind: 'kota',
        districts: [
          district('127301', 'SIBOLGA UTARA', 'kelurahan', [
            'ANGIN NAULI',
            'HUTABARANGAN',
            'SIBOLGA ILIR',
            'HUTA TONGA-TONGA',
            'SIMARE-MARE',
          ]),
          district('127302', 'SIBOLGA KOTA', 'kelurahan', [
            'PASAR BARU',
            'PASAR BELAKANG',
            'PANCURAN GEROBAK',
            'KOTA BERINGIN',
          ]),
          district('127303', 'SIBOLGA SELATAN', 'kelurahan', [
            'AEK HABIL',
            'AEK MANIS',
            'AEK PAROMBUNAN',
            'AEK MUARA PINANG',
          ]),
          district('127304', 'SIBOLGA SAMBAS', 'kelurahan', [
            'PANCURAN DEWA',
            'PANCURAN KERAMBIL',
            'PANCURAN PINANG',
            'PANCURAN BAMBU',
          ]),
        ],
      },
    ],
  },
  {
    code: '13',
    name: 'SUMATERA BARAT',
    timeZone: 'Asia/Jakarta',
    regencies: [
      {
        code: '1305',
        name: 'PADANG PARIAMAN',
        kind: 'kabupaten',
        districts: [
          district('130501', 'LUBUK ALUNG', 'desa', ['LUBUK ALUNG', 'SUNGAI ABANG', 'PUNGGUANG KASIAK', 'SIKABU']),
          district('130502', 'BATANG ANAI', 'desa', ['KASANG', 'SUNGAI BULUH', 'KATAPIANG', 'BUAYAN']),
          district('130503', 'NAN SABARIS', 'desa', ['PAUH KAMBAR', 'KAPALO KOTO', 'SUNGAI ASAM']),
          district('130505', 'VII KOTO SUNGAI SARIK', 'desa', ['SUNGAI SARIK', 'LAREH NAN PANJANG', 'SUNGAI DURIAN']),
          district('130510', 'ULAKAN TAPAKIH', 'desa', ['ULAKAN', 'TAPAKIS', 'SUNGAI GIMBAR']),
          district('130517', 'ENAM LINGKUNG', 'desa', ['PAKANDANGAN', 'PARIT MALINTANG', 'TOBOH KETEK']),
        ],
      },
      {
        code: '1371',
        name: 'KOTA PADANG',
        kind: 'kota',
        districts: [
          district('137103', 'PADANG BARAT', 'kelurahan', ['OLO', 'BELAKANG TANGSI', 'PURUS', 'KAMPUNG PONDOK']),
          district('137102', 'PADANG TIMUR', 'kelurahan', ['SAWAHAN', 'JATI', 'SIMPANG HARU', 'KUBU MARAPALAM']),
          district('137111', 'KOTO TANGAH', 'kelurahan', [
            'LUBUK BUAYA',
            'DADOK TUNGGUL HITAM',
            'BATANG KABUNG GANTING',
          ]),
        ],
      },
    ],
  },
  {
    code: '17',
    name: 'BENGKULU',
    timeZone: 'Asia/Jakarta',
    regencies: [
      {
        code: '1701',
        name: 'BENGKULU SELATAN',
        kind: 'kabupaten',
        districts: [
          district('170101', 'KEDURANG', 'desa', ['LUBUK LADUNG', 'TANJUNG AGUNG', 'PALAK SIRING']),
          district('170102', 'SEGINIM', 'desa', ['SEGINIM', 'GUNUNG AYU', 'AIR SULAU']),
          district('170104', 'MANNA', 'desa', ['TEBAT KUBU', 'PADANG KEDONDONG', 'GUNUNG MESIR']),
          district('170105', 'KOTA MANNA', 'kelurahan', ['PASAR BARU', 'IBUL', 'KETAPANG BESAR', 'KOTA MEDAN']),
        ],
      },
      {
        code: '1702',
        name: 'REJANG LEBONG',
        kind: 'kabupaten',
        districts: [
          district('170209', 'CURUP', 'kelurahan', [
            'PASAR TENGAH',
            'PELABUHAN BARU',
            'TALANG RIMBO LAMA',
            'AIR RAMBAI',
          ]),
          district('170210', 'BERMANI ULU', 'desa', ['AIR BENING', 'BABAKAN BARU', 'TABA PADANG']),
        ],
      },
    ],
  },
  {
    code: '31',
    name: 'DKI JAKARTA',
    timeZone: 'Asia/Jakarta',
    regencies: [
      {
        code: '3171',
        name: 'KOTA ADM. JAKARTA PUSAT',
        kind: 'kota',
        districts: [
          district('317101', 'GAMBIR', 'kelurahan', [
            'GAMBIR',
            'KEBON KELAPA',
            'PETOJO SELATAN',
            'DURI PULO',
            'CIDENG',
            'PETOJO UTARA',
          ]),
          district('317104', 'SENEN', 'kelurahan', ['SENEN', 'KWITANG', 'KENARI', 'PASEBAN', 'KRAMAT', 'BUNGUR']),
          district('317106', 'MENTENG', 'kelurahan', ['MENTENG', 'PEGANGSAAN', 'CIKINI', 'GONDANGDIA', 'KEBON SIRIH']),
          district('317107', 'TANAH ABANG', 'kelurahan', [
            'GELORA',
            'BENDUNGAN HILIR',
            'KARET TENGSIN',
            'PETAMBURAN',
            'KEBON MELATI',
          ]),
        ],
      },
    ],
  },
  {
    code: '32',
    name: 'JAWA BARAT',
    timeZone: 'Asia/Jakarta',
    regencies: [
      {
        code: '3271',
        name: 'KOTA BOGOR',
        kind: 'kota',
        districts: [
          district('327101', 'BOGOR SELATAN', 'kelurahan', ['BATUTULIS', 'BONDONGAN', 'EMPANG', 'LAWANGGINTUNG']),
          district('327103', 'BOGOR TENGAH', 'kelurahan', ['PALEDANG', 'BABAKAN', 'SEMPUR', 'TEGALLEGA', 'PABATON']),
          district('327105', 'BOGOR UTARA', 'kelurahan', ['BANTARJATI', 'TEGAL GUNDIL', 'CIMAHPAR', 'CILUAR']),
        ],
      },
    ],
  },
  {
    code: '33',
    name: 'JAWA TENGAH',
    timeZone: 'Asia/Jakarta',
    regencies: [
      {
        code: '3305',
        name: 'KEBUMEN',
        kind: 'kabupaten',
        districts: [
          district('330501', 'AYAH', 'desa', ['AYAH', 'JINTUNG', 'ARGOPENI', 'KALIBANGKANG']),
          district('330504', 'PETANAHAN', 'desa', ['PETANAHAN', 'KARANGGADUNG', 'TRESNOREJO']),
          district('330512', 'KEBUMEN', 'kelurahan', ['KEBUMEN', 'PANJER', 'BUMIREJO', 'TAMANWINANGUN', 'KUTOSARI']),
          district('330519', 'GOMBONG', 'desa', ['GOMBONG', 'WERO', 'SEMANDING', 'WONOKRIYO']),
          district('330520', 'KARANGANYAR', 'desa', ['KARANGANYAR', 'PANJATAN', 'PLARANGAN']),
        ],
      },
      {
        code: '3374',
        name: 'KOTA SEMARANG',
        kind: 'kota',
        districts: [
          district('337401', 'SEMARANG TENGAH', 'kelurahan', ['SEKAYU', 'PEKUNDEN', 'MIROTO', 'KAUMAN', 'PANDANSARI']),
        ],
      },
    ],
  },
  {
    code: '35',
    name: 'JAWA TIMUR',
    timeZone: 'Asia/Jakarta',
    regencies: [
      {
        code: '3578',
        name: 'KOTA SURABAYA',
        kind: 'kota',
        districts: [
          district('357805', 'TEGALSARI', 'kelurahan', [
            'TEGALSARI',
            'KEDUNGDORO',
            'DR. SOETOMO',
            'KEPUTRAN',
            'WONOREJO',
          ]),
          district('357807', 'GENTENG', 'kelurahan', ['GENTENG', 'EMBONG KALIASIN', 'KETABANG', 'KAPASARI', 'PENELEH']),
          district('357808', 'GUBENG', 'kelurahan', [
            'GUBENG',
            'AIRLANGGA',
            'KERTAJAYA',
            'PUCANG SEWU',
            'BARATAJAYA',
            'MOJO',
          ]),
        ],
      },
    ],
  },
];

const PROVINCE_BY_CODE = new Map(REGIONS.map((p) => [p.code, p]));
const REGENCY_BY_CODE = new Map(REGIONS.flatMap((p) => p.regencies.map((r) => [r.code, r] as const)));
const DISTRICT_BY_CODE = new Map(
  REGIONS.flatMap((p) => p.regencies.flatMap((r) => r.districts.map((d) => [d.code, d] as const))),
);

/** Strips the dots of a Kemendagri code: "33.05.12" → "330512". */
export function plainRegionCode(code: string): string {
  return code.replace(/\./g, '');
}

/** Writes a plain code the Kemendagri way: "3305122001" → "33.05.12.2001". */
export function dottedRegionCode(code: string): string {
  const c = plainRegionCode(code);
  const parts = [c.slice(0, 2), c.slice(2, 4), c.slice(4, 6), c.slice(6)].filter((p) => p.length > 0);
  return parts.join('.');
}

/** The province with this two-digit code (dots allowed), or undefined. */
export function provinceByCode(code: string): Province | undefined {
  return PROVINCE_BY_CODE.get(plainRegionCode(code));
}

/** The regency/city with this four-digit code (dots allowed), or undefined. */
export function regencyByCode(code: string): Regency | undefined {
  return REGENCY_BY_CODE.get(plainRegionCode(code));
}

/** The district with this six-digit code (dots allowed), or undefined. */
export function districtByCode(code: string): District | undefined {
  return DISTRICT_BY_CODE.get(plainRegionCode(code));
}

/** One place a resident can live: a village with its district, regency and province. */
export interface Locality {
  readonly province: Province;
  readonly regency: Regency;
  readonly district: District;
  readonly village: Village;
}

/**
 * Every village under the given region codes (province "17", regency "3305", district "330512" or dotted);
 * all reference villages when no code is given. Throws on a code that selects nothing, so a typo in
 * `--region` is reported rather than silently producing an empty population.
 */
export function localitiesIn(codes?: readonly string[]): Locality[] {
  const wanted = (codes ?? []).map(plainRegionCode);
  const out: Locality[] = [];
  for (const province of REGIONS)
    for (const regency of province.regencies)
      for (const d of regency.districts)
        for (const village of d.villages) {
          if (wanted.length === 0 || wanted.some((w) => village.code.startsWith(w)))
            out.push({ province, regency, district: d, village });
        }
  for (const w of wanted)
    if (!out.some((l) => l.village.code.startsWith(w))) throw new RangeError(`unknown region code "${w}"`);
  return out;
}

/** A region an office can serve: a province or a kabupaten/kota, with its dotted Kemendagri code. */
export interface OfficeRegion {
  code: string;
  name: string;
  level: 'provinsi' | 'kabupaten' | 'kota';
  /** The province's code, for a kabupaten/kota. */
  parentCode: string | null;
  timeZone: string;
}

/** Provinces and kabupaten/kota of the reference table, for choosing a new office's region. */
export function officeRegions(): OfficeRegion[] {
  return REGIONS.flatMap((p) => [
    { code: p.code, name: p.name, level: 'provinsi' as const, parentCode: null, timeZone: p.timeZone },
    ...p.regencies.map((r) => ({
      code: dottedRegionCode(r.code),
      name: r.name,
      level: r.kind,
      parentCode: p.code,
      timeZone: p.timeZone,
    })),
  ]);
}
