/**
 * A finding's evidence in words (issue 13), pure: the detector stores aggregates under stable names
 * (domain/anomalies/detect.ts: counts, shares, thresholds, hours — never a NIK); the review screens show them as
 * sentences and labelled figures, Indonesian first, with one observed-against-threshold pair for a small chart.
 */
import type { Message } from '../errors.js';
import { tanggalIn } from '../tanggal.js';

type Evidence = Readonly<Record<string, unknown>>;

/** One labelled figure of the evidence. */
export interface EvidenceFact {
  label: Message;
  value: Message;
}

/** The evidence as the screens show it. */
export interface EvidenceWords {
  summary: Message;
  facts: EvidenceFact[];
  /** What the rule measured against the threshold it passed (null when the rule has no such pair). */
  chart: { label: Message; observed: number; threshold: number } | null;
}

const L = (id: string, en: string): Message => ({ id, en });

/** Labels and units of the names the detector uses (anything else is shown under its own name). */
const LABELS: Record<string, { label: Message; unit?: Message }> = {
  failedLogins: { label: L('Login gagal', 'Failed logins'), unit: L('kali', 'times') },
  threshold: { label: L('Ambang', 'Threshold') },
  windowMinutes: { label: L('Jendela waktu', 'Window'), unit: L('menit', 'minutes') },
  calls: { label: L('Panggilan', 'Calls'), unit: L('panggilan', 'calls') },
  notFound: { label: L('Data tidak ditemukan', 'Not found'), unit: L('panggilan', 'calls') },
  notFoundPct: { label: L('Bagian tidak ditemukan', 'Share not found'), unit: L('%', '%') },
  largestBlock: {
    label: L('NIK terbanyak dengan awalan 12 angka yang sama', 'Most NIKs sharing their first 12 digits'),
    unit: L('NIK', 'NIKs'),
  },
  minCalls: { label: L('Panggilan minimal', 'Fewest calls'), unit: L('panggilan', 'calls') },
  notFoundPctThreshold: { label: L('Ambang tidak ditemukan', 'Not-found threshold'), unit: L('%', '%') },
  sameBlockThreshold: { label: L('Ambang awalan sama', 'Same-prefix threshold'), unit: L('NIK', 'NIKs') },
  verificationsOfOneNik: {
    label: L('Verifikasi atas satu NIK', 'Verifications of one NIK'),
    unit: L('kali', 'times'),
  },
  verificationsInWindow: { label: L('Semua verifikasi', 'All verifications'), unit: L('kali', 'times') },
  distinctNiks: { label: L('NIK berbeda', 'Distinct NIKs'), unit: L('NIK', 'NIKs') },
  outside: { label: L('Penduduk di luar wilayah', 'Residents outside the area'), unit: L('panggilan', 'calls') },
  outsidePct: { label: L('Bagian di luar wilayah', 'Share outside the area'), unit: L('%', '%') },
  serviceArea: { label: L('Kode wilayah layanan', 'Service area code') },
  callsInHour: { label: L('Panggilan dalam satu jam', 'Calls in one hour'), unit: L('panggilan', 'calls') },
  hourOfWeek: { label: L('Jam dalam minggu', 'Hour of the week') },
  dailyQuota: { label: L('Kuota harian', 'Daily quota'), unit: L('panggilan', 'calls') },
  quotaSharePct: { label: L('Bagian kuota harian', 'Share of the daily quota'), unit: L('%', '%') },
  quotaShareThreshold: { label: L('Ambang bagian kuota', 'Quota share threshold'), unit: L('%', '%') },
  usualInHour: { label: L('Biasanya pada jam itu', 'Usual in that hour'), unit: L('panggilan', 'calls') },
  usualFactor: { label: L('Ambang kelipatan', 'Multiple threshold'), unit: L('kali', 'times') },
  nightLookupsInHour: { label: L('Pencarian malam dalam satu jam', 'Night lookups in one hour') },
  localHour: { label: L('Jam setempat', 'Local hour') },
  nightStartHour: { label: L('Malam mulai pukul', 'Night starts at') },
  nightEndHour: { label: L('Malam berakhir pukul', 'Night ends at') },
  lookupsInHour: { label: L('Pencarian operator dalam satu jam', "The operator's lookups in one hour") },
  peers: { label: L('Operator sejawat', 'Peer operators'), unit: L('orang', 'people') },
  peersMedian: { label: L('Median sejawat', 'Peer median'), unit: L('pencarian', 'lookups') },
  factor: { label: L('Ambang kelipatan', 'Multiple threshold'), unit: L('kali', 'times') },
  minLookups: { label: L('Pencarian minimal', 'Fewest lookups'), unit: L('pencarian', 'lookups') },
  address: { label: L('Alamat baru', 'New address') },
  knownAddresses: { label: L('Alamat yang dikenal', 'Known addresses'), unit: L('alamat', 'addresses') },
  memoryDays: { label: L('Diingat selama', 'Remembered for'), unit: L('hari', 'days') },
  refusals: { label: L('Penolakan', 'Refusals'), unit: L('panggilan', 'calls') },
  refusalPct: { label: L('Bagian ditolak', 'Share refused'), unit: L('%', '%') },
  refusalPctThreshold: { label: L('Ambang bagian ditolak', 'Refused share threshold'), unit: L('%', '%') },
  accessedAt: { label: L('Tanggal akses', 'Date of the access') },
  institutionName: { label: L('Lembaga', 'Institution') },
  channel: { label: L('Saluran', 'Channel') },
  summary: { label: L('Keterangan pelapor', "The reporter's words") },
};

const CHANNELS: Record<string, Message> = {
  web_service: L('web service', 'web service'),
  v1: L('API v1', 'API v1'),
  card_reader: L('pembaca KTP-el', 'card reader'),
  web_portal: L('web portal', 'web portal'),
};

const fmt = new Intl.NumberFormat('id-ID');
const fmtEn = new Intl.NumberFormat('en-GB');

function num(e: Evidence, key: string): number | null {
  const v = e[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function valueOf(v: unknown, unit: Message | undefined): Message {
  if (typeof v === 'number') {
    const u = unit ? (unit.id === '%' ? unit : { id: ` ${unit.id}`, en: ` ${unit.en}` }) : { id: '', en: '' };
    return { id: `${fmt.format(v)}${u.id}`, en: `${fmtEn.format(v)}${u.en}` };
  }
  if (typeof v === 'boolean') return v ? L('ya', 'yes') : L('tidak', 'no');
  if (v === null || v === undefined) return L('tidak ada', 'none');
  const s = String(v);
  return { id: s, en: s };
}

/** The figures of the evidence in the order the detector wrote them. */
function factsOf(e: Evidence): EvidenceFact[] {
  return Object.entries(e)
    .filter(([, v]) => typeof v !== 'object' || v === null)
    .map(([key, v]) => {
      const known = LABELS[key];
      if (key === 'accessedAt' && typeof v === 'string')
        return {
          label: LABELS.accessedAt?.label ?? L(key, key),
          value: { id: tanggalIn(v, 'id'), en: tanggalIn(v, 'en') },
        };
      if (key === 'channel' && typeof v === 'string' && CHANNELS[v])
        return { label: LABELS.channel?.label ?? L(key, key), value: CHANNELS[v] };
      const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
      return { label: known?.label ?? { id: words, en: words }, value: valueOf(v, known?.unit) };
    });
}

const n = (v: number | null) => (v === null ? '?' : fmt.format(v));
const nEn = (v: number | null) => (v === null ? '?' : fmtEn.format(v));

/** One sentence per rule; the rules are domain/anomalies/rules.ts's (and resident_report). */
function summaryOf(rule: string, e: Evidence): Message | null {
  const g = (k: string) => num(e, k);
  switch (rule) {
    case 'credential_stuffing':
      return {
        id: `${n(g('failedLogins'))} login gagal dalam ${n(g('windowMinutes'))} menit (ambang ${n(g('threshold'))}).`,
        en: `${nEn(g('failedLogins'))} failed logins within ${nEn(g('windowMinutes'))} minutes (threshold ${nEn(g('threshold'))}).`,
      };
    case 'enumeration':
      return {
        id: `${n(g('calls'))} panggilan dalam ${n(g('windowMinutes'))} menit: ${n(g('notFound'))} tidak ditemukan (${n(g('notFoundPct'))}%), dan sampai ${n(g('largestBlock'))} NIK dengan awalan 12 angka yang sama.`,
        en: `${nEn(g('calls'))} calls within ${nEn(g('windowMinutes'))} minutes: ${nEn(g('notFound'))} not found (${nEn(g('notFoundPct'))}%), and up to ${nEn(g('largestBlock'))} NIKs sharing their first 12 digits.`,
      };
    case 'verify_probing':
      return {
        id: `Satu NIK diverifikasi ${n(g('verificationsOfOneNik'))} kali dalam ${n(g('windowMinutes'))} menit (ambang ${n(g('threshold'))}).`,
        en: `One NIK was verified ${nEn(g('verificationsOfOneNik'))} times within ${nEn(g('windowMinutes'))} minutes (threshold ${nEn(g('threshold'))}).`,
      };
    case 'out_of_area':
      return {
        id: `${n(g('outside'))} dari ${n(g('calls'))} penduduk yang dicari (${n(g('outsidePct'))}%) tinggal di luar wilayah layanan lembaga.`,
        en: `${nEn(g('outside'))} of ${nEn(g('calls'))} residents looked up (${nEn(g('outsidePct'))}%) live outside the institution's service area.`,
      };
    case 'volume':
      return {
        id: `${n(g('callsInHour'))} panggilan dalam satu jam${g('dailyQuota') !== null ? `, ${n(g('quotaSharePct'))}% dari kuota harian ${n(g('dailyQuota'))}` : ''}${g('usualInHour') !== null ? `; biasanya ${n(g('usualInHour'))} pada jam itu` : ''}.`,
        en: `${nEn(g('callsInHour'))} calls in one hour${g('dailyQuota') !== null ? `, ${nEn(g('quotaSharePct'))}% of the daily quota of ${nEn(g('dailyQuota'))}` : ''}${g('usualInHour') !== null ? `; usually ${nEn(g('usualInHour'))} in that hour` : ''}.`,
      };
    case 'portal_night':
      return {
        id: `${n(g('nightLookupsInHour'))} pencarian web portal pada malam hari dalam satu jam (ambang ${n(g('threshold'))}).`,
        en: `${nEn(g('nightLookupsInHour'))} portal lookups at night within one hour (threshold ${nEn(g('threshold'))}).`,
      };
    case 'operator_outlier':
      return {
        id: `Operator ini mencari ${n(g('lookupsInHour'))} kali dalam satu jam; median ${n(g('peers'))} rekannya ${n(g('peersMedian'))}.`,
        en: `This operator looked up ${nEn(g('lookupsInHour'))} times in one hour; the median of their ${nEn(g('peers'))} peers was ${nEn(g('peersMedian'))}.`,
      };
    case 'new_client_address':
      return {
        id: `Panggilan dari alamat ${String(e.address ?? '?')} yang belum pernah dipakai (${n(g('knownAddresses'))} alamat dikenal).`,
        en: `Calls from the address ${String(e.address ?? '?')}, never used before (${nEn(g('knownAddresses'))} known addresses).`,
      };
    case 'refusal_burst':
      return {
        id: `${n(g('refusals'))} dari ${n(g('calls'))} panggilan ditolak (${n(g('refusalPct'))}%) dalam ${n(g('windowMinutes'))} menit.`,
        en: `${nEn(g('refusals'))} of ${nEn(g('calls'))} calls refused (${nEn(g('refusalPct'))}%) within ${nEn(g('windowMinutes'))} minutes.`,
      };
    case 'resident_report':
      return {
        id: 'Seorang penduduk melaporkan akses atas datanya yang tidak ia kenali.',
        en: 'A resident reported an access to their data they do not recognise.',
      };
    default:
      return null;
  }
}

/** The measured figure and the threshold it passed, per rule. */
const CHART: Record<string, { observed: string; threshold: string; label: Message }> = {
  credential_stuffing: { observed: 'failedLogins', threshold: 'threshold', label: L('Login gagal', 'Failed logins') },
  enumeration: {
    observed: 'notFoundPct',
    threshold: 'notFoundPctThreshold',
    label: L('Bagian tidak ditemukan (%)', 'Share not found (%)'),
  },
  verify_probing: {
    observed: 'verificationsOfOneNik',
    threshold: 'threshold',
    label: L('Verifikasi atas satu NIK', 'Verifications of one NIK'),
  },
  out_of_area: { observed: 'outsidePct', threshold: 'threshold', label: L('Di luar wilayah (%)', 'Outside (%)') },
  volume: {
    observed: 'quotaSharePct',
    threshold: 'quotaShareThreshold',
    label: L('Bagian kuota harian (%)', 'Share of the daily quota (%)'),
  },
  portal_night: {
    observed: 'nightLookupsInHour',
    threshold: 'threshold',
    label: L('Pencarian malam', 'Night lookups'),
  },
  refusal_burst: { observed: 'refusals', threshold: 'threshold', label: L('Penolakan', 'Refusals') },
};

/** The evidence of a finding of `rule` in words. */
export function evidenceWords(rule: string, evidence: Evidence): EvidenceWords {
  const c = CHART[rule];
  const observed = c ? num(evidence, c.observed) : null;
  const threshold = c ? num(evidence, c.threshold) : null;
  return {
    summary: summaryOf(rule, evidence) ?? L('Pola akses yang tidak biasa.', 'An unusual access pattern.'),
    facts: factsOf(evidence),
    chart: c && observed !== null && threshold !== null ? { label: c.label, observed, threshold } : null,
  };
}
