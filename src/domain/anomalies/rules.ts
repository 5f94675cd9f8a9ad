/**
 * Cross-feature contract (issue 13): the anomaly rules as data — code, severity, rationale, tunable parameters with
 * defaults and bounds. Owned by the detection feature (it fills RULES and may add fields; it keeps these). The
 * review feature reads it for the office's tuning screen and API, and to tune a rule after a false positive.
 *
 * The detector (modules/anomalies/detector*.ts) evaluates these over sliding windows of the sealed audit log; the
 * pure evaluation of each rule lives beside this file (detect.ts). Defaults are set so that a plausible working
 * day of a bank (`gerbang traffic simulate --scenario normal`) raises nothing; each scenario of the simulator
 * raises its rule.
 */

/** One tunable parameter of a rule. */
export interface RuleParam {
  default: number;
  min: number;
  max: number;
  /** How far a false positive moves it (towards fewer findings), bounded by min/max. */
  step: number;
  /** Plain words for the settings screen. */
  label: { id: string; en: string };
  /** Unit in words (e.g. "panggilan" / "calls", "%", "menit"). */
  unit: { id: string; en: string };
}

/** How serious a rule's findings are, mildest first. */
export const SEVERITIES = ['low', 'medium', 'high'] as const;
/** How serious a rule's findings are. */
export type Severity = (typeof SEVERITIES)[number];

/** Which way a false positive moves a parameter: raises it (`up`) or lowers it (`down`). */
export const TUNINGS = ['up', 'down'] as const;
/** Which way a false positive moves a parameter. */
export type Tuning = (typeof TUNINGS)[number];

/** One rule of the detector. */
export interface RuleSpec {
  /** Stable code stored on findings and settings (e.g. `enumeration`). */
  code: string;
  severity: Severity;
  /** Its name on screen. */
  title: { id: string; en: string };
  /** Why it exists and what its threshold means, documented for the office that tunes it. */
  rationale: { id: string; en: string };
  /** Whether a false positive raises (`up`) or lowers (`down`) each parameter; per parameter name. */
  tuning: Record<string, Tuning>;
  params: Record<string, RuleParam>;
}

const CALLS = { id: 'panggilan', en: 'calls' };
const PCT = { id: '%', en: '%' };
const MIN = { id: 'menit', en: 'minutes' };
const TIMES = { id: 'kali', en: 'times' };
const HOUR = { id: 'jam', en: 'o’clock' };

/** The time window a rule counts over (minutes). */
function windowParam(def: number, min: number, max: number, step: number): RuleParam {
  return { default: def, min, max, step, label: { id: 'Jendela waktu', en: 'Window' }, unit: MIN };
}

/** The rule codes, one constant each (findings and settings store these). */
export const RULE_CODES = {
  volume: 'volume',
  credentialStuffing: 'credential_stuffing',
  refusalBurst: 'refusal_burst',
  enumeration: 'enumeration',
  verifyProbing: 'verify_probing',
  outOfArea: 'out_of_area',
  portalNight: 'portal_night',
  operatorOutlier: 'operator_outlier',
  newClientAddress: 'new_client_address',
} as const;

/** Every rule the detector evaluates. */
export const RULES: readonly RuleSpec[] = [
  {
    code: RULE_CODES.volume,
    severity: 'medium',
    title: { id: 'Volume jauh di atas kuota atau kebiasaan', en: 'Volume far above the quota or the usual' },
    rationale: {
      id: 'Lembaga menyatakan kebutuhannya dalam PKS (kuota harian). Bila dalam satu jam sebuah kredensial memakai sebagian besar kuota hariannya, atau memanggil berkali-kali lipat dari kebiasaannya pada jam yang sama di minggu-minggu sebelumnya, data mungkin ditarik untuk keperluan di luar PKS. Kebiasaan dihitung dari empat minggu terakhir per jam dalam minggu; tanpa riwayat hanya kuota yang dipakai.',
      en: 'The institution declared its need in the PKS (the daily quota). When a credential uses most of its daily quota within one hour, or calls many times more than it usually does in the same hour of the week, data may be pulled for a purpose outside the PKS. The usual volume is the mean of the last four weeks by hour of week; without history only the quota applies.',
    },
    tuning: { quotaSharePct: 'up', usualFactor: 'up', minCalls: 'up' },
    params: {
      quotaSharePct: {
        default: 50,
        min: 10,
        max: 100,
        step: 10,
        label: {
          id: 'Bagian kuota harian yang dipakai dalam satu jam',
          en: 'Share of the daily quota used in one hour',
        },
        unit: PCT,
      },
      usualFactor: {
        default: 5,
        min: 2,
        max: 50,
        step: 1,
        label: {
          id: 'Kelipatan dari volume biasa pada jam yang sama',
          en: 'Multiple of the usual volume in that hour',
        },
        unit: TIMES,
      },
      minCalls: {
        default: 200,
        min: 20,
        max: 100_000,
        step: 50,
        label: { id: 'Panggilan minimal dalam satu jam', en: 'Fewest calls in the hour' },
        unit: CALLS,
      },
    },
  },
  {
    code: RULE_CODES.credentialStuffing,
    severity: 'high',
    title: { id: 'Percobaan login beruntun (credential stuffing)', en: 'Credential stuffing' },
    rationale: {
      id: 'Banyak login gagal atas satu kredensial dalam waktu singkat berarti seseorang mencoba kata sandi yang bocor atau menebak. Gerbang sudah memperlambat penebak; aturan ini menangguhkan kredensial yang diserang sampai petugas meninjaunya dan, bila perlu, mengganti rahasianya.',
      en: 'Many failed logins on one credential in a short time mean someone is trying leaked secrets or guessing. Gerbang already slows the guesser down; this rule suspends the credential under attack until the office reviews it and, if need be, rotates its secret.',
    },
    tuning: { failures: 'up', windowMinutes: 'down' },
    params: {
      failures: {
        default: 15,
        min: 5,
        max: 500,
        step: 5,
        label: { id: 'Login gagal dalam jendela waktu', en: 'Failed logins within the window' },
        unit: TIMES,
      },
      windowMinutes: windowParam(10, 1, 120, 1),
    },
  },
  {
    code: RULE_CODES.refusalBurst,
    severity: 'medium',
    title: { id: 'Lonjakan penolakan', en: 'Burst of refusals' },
    rationale: {
      id: 'Panggilan yang ditolak karena alamat IP, jam layanan, kuota, elemen di luar PKS atau parameter yang salah, bila menumpuk, menandakan aplikasi yang salah konfigurasi atau seseorang yang menguji batas hak akses. Temuan dibuka bila jumlah dan bagian penolakan sama-sama melewati ambang.',
      en: 'Calls refused for their address, hours, quota, elements outside the PKS or bad parameters, when they pile up, mean a misconfigured application or someone testing the limits of the grant. A finding opens when both the count and the share of refusals pass their thresholds.',
    },
    tuning: { refusals: 'up', refusalPct: 'up', windowMinutes: 'down' },
    params: {
      refusals: {
        default: 30,
        min: 5,
        max: 10_000,
        step: 10,
        label: { id: 'Penolakan dalam jendela waktu', en: 'Refusals within the window' },
        unit: CALLS,
      },
      refusalPct: {
        default: 50,
        min: 5,
        max: 100,
        step: 5,
        label: { id: 'Bagian panggilan yang ditolak', en: 'Share of calls refused' },
        unit: PCT,
      },
      windowMinutes: windowParam(10, 1, 120, 1),
    },
  },
  {
    code: RULE_CODES.enumeration,
    severity: 'high',
    title: { id: 'Enumerasi NIK', en: 'NIK enumeration' },
    rationale: {
      id: 'Layanan yang sah menanyakan NIK nasabahnya: hampir selalu ditemukan dan tersebar. Orang yang menyisir NIK berurutan (wilayah dan tanggal lahir sama, empat angka terakhir dinaikkan) atau menebak acak menghasilkan banyak NIK dengan awalan 12 angka yang sama, atau banyak "Data Tidak Ditemukan". Kredensial ditangguhkan dalam 60 detik.',
      en: 'A legitimate service looks up its own customers: almost always found, and spread out. Someone walking NIKs in order (same region and birth date, the last four digits counted up) or guessing at random produces many NIKs sharing their first 12 digits, or many "not found" answers. The credential is suspended within 60 seconds.',
    },
    tuning: { minCalls: 'up', notFoundPct: 'up', sameBlock: 'up', windowMinutes: 'down' },
    params: {
      minCalls: {
        default: 25,
        min: 5,
        max: 10_000,
        step: 5,
        label: { id: 'NIK berbeda minimal dalam jendela waktu', en: 'Fewest distinct NIKs in the window' },
        unit: { id: 'NIK', en: 'NIKs' },
      },
      notFoundPct: {
        default: 40,
        min: 5,
        max: 100,
        step: 5,
        label: { id: 'Bagian NIK tidak ditemukan', en: 'Share of NIKs not found' },
        unit: PCT,
      },
      sameBlock: {
        default: 12,
        min: 3,
        max: 1000,
        step: 3,
        label: {
          id: 'NIK dengan awalan 12 angka yang sama (wilayah dan tanggal lahir)',
          en: 'NIKs sharing their first 12 digits (region and birth date)',
        },
        unit: { id: 'NIK', en: 'NIKs' },
      },
      windowMinutes: windowParam(10, 1, 120, 1),
    },
  },
  {
    code: RULE_CODES.verifyProbing,
    severity: 'high',
    title: { id: 'Verifikasi berulang atas satu NIK', en: 'Repeated verification of one NIK' },
    rationale: {
      id: 'Verifikasi elemen hanya menjawab "Sesuai" atau "Tidak Sesuai". Bila satu NIK diverifikasi berkali-kali dengan nilai yang berganti-ganti, jawaban itu dipakai sebagai orakel untuk menebak data seseorang (nama ibu, tanggal lahir). Batas harian per NIK sudah ada; aturan ini menangguhkan kredensial yang mencobanya.',
      en: 'Element verification answers only "match" or "no match". When one NIK is verified over and over with changing values, the answer is being used as an oracle to guess a person’s data (mother’s name, birth date). A daily cap per NIK exists; this rule suspends the credential that tries it.',
    },
    tuning: { perNik: 'up', windowMinutes: 'down' },
    params: {
      perNik: {
        default: 6,
        min: 3,
        max: 10,
        step: 1,
        label: { id: 'Verifikasi satu NIK dalam jendela waktu', en: 'Verifications of one NIK within the window' },
        unit: TIMES,
      },
      windowMinutes: windowParam(60, 5, 1440, 15),
    },
  },
  {
    code: RULE_CODES.outOfArea,
    severity: 'medium',
    title: { id: 'Penduduk di luar wilayah layanan', en: 'Residents outside the service area' },
    rationale: {
      id: 'Lembaga di bawah sebuah dinas melayani penduduk wilayahnya. Bila sebagian besar NIK yang ditanyakan berasal dari kabupaten/kota di luar wilayah dinas itu (dibaca dari kode wilayah NIK), data mungkin dipakai untuk pihak lain. Tidak berlaku untuk lembaga di bawah pusat.',
      en: 'An institution under an office serves the residents of its area. When most NIKs asked for come from regencies outside that office’s area (read from the NIK’s region code), the data may be used for someone else. Not applied to institutions under pusat.',
    },
    tuning: { outsidePct: 'up', minCalls: 'up', windowMinutes: 'down' },
    params: {
      outsidePct: {
        default: 80,
        min: 30,
        max: 100,
        step: 5,
        label: { id: 'Bagian NIK di luar wilayah', en: 'Share of NIKs outside the area' },
        unit: PCT,
      },
      minCalls: {
        default: 40,
        min: 10,
        max: 10_000,
        step: 10,
        label: { id: 'Panggilan minimal dalam jendela waktu', en: 'Fewest calls in the window' },
        unit: CALLS,
      },
      windowMinutes: windowParam(60, 10, 1440, 10),
    },
  },
  {
    code: RULE_CODES.portalNight,
    severity: 'medium',
    title: { id: 'Pencarian web portal pada malam hari', en: 'Portal lookups at night' },
    rationale: {
      id: 'Operator web portal bekerja di jam kantor. Pencarian pada malam hari (waktu setempat dinas) oleh seorang operator berarti akunnya mungkin dipakai orang lain atau data dicari untuk keperluan pribadi.',
      en: 'Portal operators work office hours. Lookups at night (the office’s local time) by one operator mean the account may be used by someone else, or data is looked up for private ends.',
    },
    tuning: { lookups: 'up', nightStartHour: 'up', nightEndHour: 'down' },
    params: {
      lookups: {
        default: 5,
        min: 1,
        max: 500,
        step: 2,
        label: { id: 'Pencarian malam hari dalam satu jam', en: 'Night lookups within one hour' },
        unit: CALLS,
      },
      nightStartHour: {
        default: 21,
        min: 17,
        max: 23,
        step: 1,
        label: { id: 'Malam mulai pukul', en: 'Night starts at' },
        unit: HOUR,
      },
      nightEndHour: {
        default: 6,
        min: 3,
        max: 8,
        step: 1,
        label: { id: 'Malam berakhir pukul', en: 'Night ends at' },
        unit: HOUR,
      },
    },
  },
  {
    code: RULE_CODES.operatorOutlier,
    severity: 'medium',
    title: { id: 'Operator jauh di atas rekan-rekannya', en: 'An operator far above their peers' },
    rationale: {
      id: 'Operator web portal satu lembaga melayani pekerjaan yang serupa. Operator yang dalam satu jam mencari berkali-kali lipat dari median rekan-rekannya mungkin menarik data di luar tugasnya. Perlu setidaknya satu rekan yang aktif pada jam itu.',
      en: 'The portal operators of one institution do similar work. An operator who looks up many times more than the median of their peers within an hour may be pulling data outside their duties. Needs at least one peer active in that hour.',
    },
    tuning: { factor: 'up', minLookups: 'up' },
    params: {
      factor: {
        default: 5,
        min: 2,
        max: 50,
        step: 1,
        label: { id: 'Kelipatan dari median rekan', en: 'Multiple of the peers’ median' },
        unit: TIMES,
      },
      minLookups: {
        default: 40,
        min: 5,
        max: 10_000,
        step: 10,
        label: { id: 'Pencarian minimal dalam satu jam', en: 'Fewest lookups in the hour' },
        unit: CALLS,
      },
    },
  },
  {
    code: RULE_CODES.newClientAddress,
    severity: 'low',
    title: { id: 'Panggilan dari alamat baru', en: 'Calls from a new address' },
    rationale: {
      id: 'Kredensial web service dan perangkat pembaca kartu dipakai dari server dan tempat yang tetap. Panggilan yang lolos login dari alamat IP yang tidak pernah dipakai selama masa ingat berarti ada server baru, atau kredensial dipakai di tempat lain. Kredensial yang belum punya riwayat alamat hanya dipelajari. Operator web portal tidak diperiksa (alamat peramban berganti-ganti).',
      en: 'Web-service credentials and card readers are used from fixed servers and places. A call that passes the login from an address not used within the memory period means a new server, or the credential used elsewhere. A credential without any known address is only learnt. Portal operators are not checked (browser addresses change).',
    },
    tuning: { memoryDays: 'down' },
    params: {
      memoryDays: {
        default: 30,
        min: 1,
        max: 365,
        step: 7,
        label: { id: 'Alamat diingat selama', en: 'Addresses remembered for' },
        unit: { id: 'hari', en: 'days' },
      },
    },
  },
];

/** A rule by code, or undefined. */
export function ruleByCode(code: string): RuleSpec | undefined {
  return RULES.find((r) => r.code === code);
}

/** A rule's parameters: its defaults overridden by an office's stored values (clamped to the bounds). */
export function paramsOf(rule: RuleSpec, stored?: Readonly<Record<string, unknown>> | null): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, p] of Object.entries(rule.params)) {
    const v = stored?.[name];
    out[name] = typeof v === 'number' && Number.isFinite(v) ? Math.min(p.max, Math.max(p.min, v)) : p.default;
  }
  return out;
}
