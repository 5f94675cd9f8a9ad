/**
 * A deterministic synthetic population: families (KK) with a head, usually a spouse, and children whose
 * parents' NIKs and names point to members of the same family; NIKs and KK numbers built from real
 * Kemendagri district codes and birth or issue dates; Indonesian names from faker's id_ID locale. Never real
 * people. The same seed and options always give the same residents, whatever the batch size.
 *
 * Speed: faker runs only once, to fill name and street pools from the seed; each resident then costs a few
 * PRNG draws, table look-ups and string concatenations. Dates are day numbers with precomputed strings, and
 * NIK/KK serials are counted in fixed-size typed arrays (district × day × sex), so memory does not grow with
 * the population and a million residents stream in batches.
 */
// The id_ID entry point alone (locale chain id_ID → en → base): the package root loads every locale, ~100 ms
// more at each start of the CLI, the server and the generation worker.
import { faker as idFaker } from '@faker-js/faker/locale/id_ID';
import type { ResidentFields } from '../elements/elements.js';
import { buildNikFast } from '../nik/nik.js';
import { localitiesIn, type Locality } from '../nik/regions.js';
import { createRng, weighted } from './random.js';

/** A resident of the warehouse: every element field plus life and record status. */
export type Resident = ResidentFields & {
  /** False once a death is registered (answers code 11). */
  alive: boolean;
  /** False for a deactivated record, e.g. a duplicate being resolved (answers code 14). */
  active: boolean;
};

/** Options of generatePopulation. */
export interface PopulationOptions {
  /** How many residents to produce (exactly). */
  count: number;
  /** Same seed, same people. Default 1. */
  seed?: number | string;
  /** Region codes to draw homes from (province, regency or district, dots allowed); default all reference regions. */
  regions?: readonly string[];
  /** Residents per yielded batch. Default 1000. */
  batchSize?: number;
  /** The day the population is "as of", YYYY-MM-DD: nobody is born after it. Default 2025-12-31. */
  asOf?: string;
  /** Share of deceased residents. Default 0.015. */
  deceasedShare?: number;
  /** Share of inactive records. Default 0.01. */
  inactiveShare?: number;
}

const DAY_MS = 86_400_000;
const SPAN_YEARS = 99; // a NIK has a two-digit year: keep every birth within 100 years so NIKs cannot collide

const ROMAN = ['', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

const pad2 = (n: number): string => (n < 10 ? '0' + n : String(n));
const pad3 = (n: number): string => (n < 10 ? '00' + n : n < 100 ? '0' + n : String(n));
const pad4 = (n: number): string => (n < 10 ? '000' + n : n < 100 ? '00' + n : n < 1000 ? '0' + n : String(n));

const religionDefault = weighted<string>([
  ['ISLAM', 870],
  ['KRISTEN', 70],
  ['KATHOLIK', 30],
  ['HINDU', 15],
  ['BUDHA', 10],
  ['KHONGHUCU', 3],
  ['KEPERCAYAAN TERHADAP TUHAN YME', 2],
]);
// North Sumatra (Sibolga) is far more Christian than the national mix.
const religionSumut = weighted<string>([
  ['KRISTEN', 50],
  ['ISLAM', 42],
  ['KATHOLIK', 7],
  ['BUDHA', 1],
]);
const bloodType = weighted<string>([
  ['TIDAK TAHU', 40],
  ['O', 22],
  ['B', 16],
  ['A', 13],
  ['AB', 4],
  ['O+', 2],
  ['A+', 1],
  ['B+', 1],
  ['AB+', 1],
]);
const adultEducation = weighted<string>([
  ['TIDAK/BELUM SEKOLAH', 5],
  ['BELUM TAMAT SD/SEDERAJAT', 7],
  ['TAMAT SD/SEDERAJAT', 25],
  ['SLTP/SEDERAJAT', 18],
  ['SLTA/SEDERAJAT', 30],
  ['DIPLOMA I/II', 2],
  ['AKADEMI/DIPLOMA III/S. MUDA', 3],
  ['DIPLOMA IV/STRATA I', 8],
  ['STRATA II', 1.5],
  ['STRATA III', 0.2],
]);
const adultJob = weighted<string>([
  ['PETANI/PEKEBUN', 18],
  ['WIRASWASTA', 18],
  ['KARYAWAN SWASTA', 16],
  ['BURUH HARIAN LEPAS', 10],
  ['PEDAGANG', 6],
  ['NELAYAN/PERIKANAN', 3],
  ['PEGAWAI NEGERI SIPIL (PNS)', 4],
  ['GURU', 2],
  ['TENTARA NASIONAL INDONESIA (TNI)', 0.8],
  ['KEPOLISIAN RI (POLRI)', 0.8],
  ['SOPIR', 2],
  ['BIDAN', 0.4],
  ['PERAWAT', 0.5],
  ['DOKTER', 0.2],
  ['BELUM/TIDAK BEKERJA', 6],
]);
const disability = weighted<string>([
  ['TIDAK ADA', 980],
  ['CACAT FISIK', 8],
  ['CACAT NETRA/BUTA', 3],
  ['CACAT RUNGU/WICARA', 3],
  ['CACAT MENTAL/JIWA', 3],
  ['CACAT FISIK DAN MENTAL', 1],
  ['CACAT LAINNYA', 2],
]);
const childCount = weighted<number>([
  [0, 12],
  [1, 22],
  [2, 30],
  [3, 20],
  [4, 10],
  [5, 6],
]);

interface Pools {
  maleGiven: string[];
  femaleGiven: string[];
  maleFamily: string[];
  femaleFamily: string[];
  streets: string[];
}

// Faker is seeded from the run's seed, so pools (and thus names) change with the seed; each pool is large
// enough that names repeat no more than in a real kelurahan.
function buildPools(seed: number | string): Pools {
  // The module's shared instance, reseeded here and drained synchronously below: nothing else draws from it.
  const faker = idFaker;
  const rng = createRng(`pools:${seed}`);
  faker.seed(Math.floor(rng.next() * 2 ** 31));
  const take = (n: number, f: () => string): string[] => Array.from({ length: n }, () => f().toUpperCase());
  return {
    maleGiven: take(1500, () => faker.person.firstName('male')),
    femaleGiven: take(1500, () => faker.person.firstName('female')),
    maleFamily: take(800, () => faker.person.lastName('male')),
    femaleFamily: take(800, () => faker.person.lastName('female')),
    streets: take(600, () => faker.location.street()),
  };
}

interface Place {
  loc: Locality;
  districtIndex: number;
  districtNumber: number;
  birthPlace: string;
  noProp: string;
  noKab: string;
  noKec: string;
  noKel: string;
  kabCode: string;
  dusunPrefix: string | null;
}

function birthPlaceOf(regencyName: string): string {
  return regencyName.replace(/^KOTA (ADM\. )?/, '');
}

/** Streams residents in batches; deterministic for a seed. */
export function* generatePopulation(options: PopulationOptions): Generator<Resident[], void, undefined> {
  const count = Math.max(0, Math.floor(options.count));
  const seed = options.seed ?? 1;
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 1000));
  const deceasedShare = options.deceasedShare ?? 0.015;
  const inactiveShare = options.inactiveShare ?? 0.01;
  const asOfMs = Date.parse(`${options.asOf ?? '2025-12-31'}T00:00:00Z`);
  if (Number.isNaN(asOfMs)) throw new RangeError('asOf must be YYYY-MM-DD');
  if (count === 0) return;

  const rng = createRng(seed);
  const pools = buildPools(seed);
  const localities = localitiesIn(options.regions);
  // Every reference district can be a place of first registration (people move); homes come from `regions`.
  const allLocalities = localitiesIn();
  const districtCodes = [...new Set(allLocalities.map((l) => l.district.code))];
  const districtIndex = new Map(districtCodes.map((c, i) => [c, i]));
  const toPlace = (loc: Locality): Place => ({
    loc,
    districtIndex: districtIndex.get(loc.district.code) ?? 0,
    districtNumber: Number(loc.district.code),
    birthPlace: birthPlaceOf(loc.regency.name),
    noProp: loc.province.code,
    noKab: loc.regency.code.slice(2),
    noKec: loc.district.code.slice(4),
    noKel: loc.village.code.slice(6),
    kabCode: loc.regency.code,
    dusunPrefix: loc.village.kind === 'desa' ? 'DUSUN ' : null,
  });
  const homes = localities.map(toPlace);
  const elsewhere = allLocalities.map(toPlace);

  // Day tables: day 0 is the earliest possible birth, lastDay is asOf.
  const asOfDay = Math.floor(asOfMs / DAY_MS);
  const asOfYear = new Date(asOfMs).getUTCFullYear();
  const firstDay = Math.floor(Date.UTC(asOfYear - SPAN_YEARS, 0, 1) / DAY_MS);
  const span = asOfDay - firstDay + 1;
  const dayY = new Uint16Array(span);
  const dayM = new Uint8Array(span);
  const dayD = new Uint8Array(span);
  const dayIso: string[] = new Array<string>(span);
  for (let i = 0; i < span; i++) {
    const dt = new Date((firstDay + i) * DAY_MS);
    const y = dt.getUTCFullYear();
    const m = dt.getUTCMonth() + 1;
    const d = dt.getUTCDate();
    dayY[i] = y;
    dayM[i] = m;
    dayD[i] = d;
    dayIso[i] = `${y}-${pad2(m)}-${pad2(d)}`;
  }
  const ddmmyyyy = (i: number): string => pad2(dayD[i] ?? 1) + pad2(dayM[i] ?? 1) + (dayY[i] ?? 2000);
  const daysPerYear = 365.2425;
  const dayOfAge = (years: number): number => Math.max(0, span - 1 - Math.floor(years * daysPerYear) - rng.int(365));

  // Serial counters. NIK: district × birth day × sex. KK: district × issue day.
  const nDistricts = districtCodes.length;
  const nikSerial = new Uint16Array(nDistricts * span * 2);
  const kkSerial = new Uint16Array(nDistricts * span);

  const nikFor = (place: Place, day: number, female: boolean): string => {
    let di = place.districtIndex;
    let districtNumber = place.districtNumber;
    // A district-day-sex with 9999 NIKs is full: register the person in the next district instead.
    for (let tries = 0; tries < nDistricts; tries++) {
      const slot = (di * span + day) * 2 + (female ? 1 : 0);
      const s = (nikSerial[slot] ?? 0) + 1;
      if (s <= 9999) {
        nikSerial[slot] = s;
        return buildNikFast(districtNumber, dayD[day] ?? 1, dayM[day] ?? 1, dayY[day] ?? 2000, female, s);
      }
      di = (di + 1) % nDistricts;
      districtNumber = Number(districtCodes[di]);
    }
    throw new RangeError('population too large for the reference districts');
  };

  const kkFor = (place: Place, day: number): string => {
    for (let d = day; d >= 0; d--) {
      const slot = place.districtIndex * span + d;
      const s = (kkSerial[slot] ?? 0) + 1;
      if (s <= 9999) {
        kkSerial[slot] = s;
        return (
          String(place.districtNumber) +
          pad2(dayD[d] ?? 1) +
          pad2(dayM[d] ?? 1) +
          pad2((dayY[d] ?? 2000) % 100) +
          pad4(s)
        );
      }
    }
    throw new RangeError('too many families for one district');
  };

  const personName = (female: boolean): string => {
    const given = rng.pick(female ? pools.femaleGiven : pools.maleGiven);
    const r = rng.next();
    if (r < 0.2) return given;
    if (r < 0.45) return given + ' ' + rng.pick(female ? pools.femaleGiven : pools.maleGiven);
    return given + ' ' + rng.pick(female ? pools.femaleFamily : pools.maleFamily);
  };
  const address = (): string => rng.pick(pools.streets) + ' NO. ' + rng.range(1, 150);
  const previousAddress = (): string => {
    const p = rng.pick(elsewhere);
    return address() + ', ' + p.loc.village.name + ', ' + p.loc.regency.name;
  };

  let emitted = 0;
  let batch: Resident[] = [];
  let akta = 0;

  const birthCertificate = (place: Place, birthDay: number): [string, string] => {
    const birthYear = dayY[birthDay] ?? 2000;
    const has = birthYear >= 1995 ? rng.chance(0.96) : rng.chance(0.55);
    if (!has) return ['TIDAK ADA', ''];
    const issueDay = Math.min(span - 1, birthDay + rng.range(7, 2000));
    akta++;
    return ['ADA', place.kabCode + '-LT-' + ddmmyyyy(issueDay) + '-' + pad4((akta % 9999) + 1)];
  };

  const emit = (r: Resident): boolean => {
    batch.push(r);
    emitted++;
    return emitted >= count;
  };

  type Person = { nik: string; name: string };
  const make = (
    place: Place,
    kk: string,
    female: boolean,
    birthDay: number,
    name: string,
    relation: string,
    marital: string,
    religion: string,
    street: string,
    rt: string,
    rw: string,
    dusun: string,
    mother: Person | null,
    father: Person | null,
    marriageDay: number,
    divorceDay: number,
    marriageNo: string,
    divorceNo: string,
  ): Resident => {
    const age = (span - 1 - birthDay) / daysPerYear;
    // Most people keep the NIK of the district where they live; one in ten was first registered elsewhere.
    const moved = age >= 17 && rng.chance(0.1);
    const origin = moved ? rng.pick(elsewhere) : place;
    const nik = nikFor(origin, birthDay, female);
    const [aktaHas, aktaNo] = birthCertificate(origin, birthDay);
    const recorded = age >= 17 && rng.chance(0.93) ? 'TEREKAM' : 'BELUM TEREKAM';
    let education: string;
    let job: string;
    if (age < 6) {
      education = 'TIDAK/BELUM SEKOLAH';
      job = 'BELUM/TIDAK BEKERJA';
    } else if (age < 13) {
      education = 'BELUM TAMAT SD/SEDERAJAT';
      job = 'PELAJAR/MAHASISWA';
    } else if (age < 16) {
      education = 'TAMAT SD/SEDERAJAT';
      job = 'PELAJAR/MAHASISWA';
    } else if (age < 19) {
      education = 'SLTP/SEDERAJAT';
      job = 'PELAJAR/MAHASISWA';
    } else {
      education = adultEducation(rng);
      job =
        age < 23 && rng.chance(0.5)
          ? 'PELAJAR/MAHASISWA'
          : age >= 58 && rng.chance(0.35)
            ? 'PENSIUNAN'
            : female && relation === 'ISTRI' && rng.chance(0.45)
              ? 'MENGURUS RUMAH TANGGA'
              : adultJob(rng);
    }
    const loc = place.loc;
    const deceased = rng.chance(deceasedShare);
    return {
      NO_KK: kk,
      NIK: nik,
      NAMA_LGKP: name,
      JENIS_KLMIN: female ? 'PEREMPUAN' : 'LAKI-LAKI',
      TMPT_LHR: origin.birthPlace,
      TGL_LHR: dayIso[birthDay] ?? '',
      GOL_DARAH: bloodType(rng),
      AGAMA: religion,
      STATUS_KAWIN: marital,
      STAT_HBKEL: relation,
      PNYDNG_CCT: disability(rng),
      PDDK_AKH: education,
      JENIS_PKRJN: job,
      NIK_IBU: mother?.nik ?? '',
      NAMA_LGKP_IBU: mother?.name ?? personName(true),
      NIK_AYAH: father?.nik ?? '',
      NAMA_LGKP_AYAH: father?.name ?? personName(false),
      ALAMAT_SBLM: moved ? previousAddress() : '',
      ALAMAT: street,
      NO_RT: rt,
      NO_RW: rw,
      DUSUN: dusun,
      NO_PROP: place.noProp,
      PROP_NAME: loc.province.name,
      NO_KAB: place.noKab,
      KAB_NAME: loc.regency.name,
      NO_KEC: place.noKec,
      KEC_NAME: loc.district.name,
      NO_KEL: place.noKel,
      KEL_NAME: loc.village.name,
      AKTA_LHR: aktaHas,
      NO_AKTA_LHR: aktaNo,
      AKTA_KWN: marriageNo ? 'ADA' : 'TIDAK ADA',
      NO_AKTA_KWN: marriageNo,
      TGL_KWN: marriageDay >= 0 ? (dayIso[marriageDay] ?? '') : '',
      AKTA_CRAI: divorceNo ? 'ADA' : 'TIDAK ADA',
      NO_AKTA_CRAI: divorceNo,
      TGL_CRAI: divorceDay >= 0 ? (dayIso[divorceDay] ?? '') : '',
      SIDIK_JARI: recorded,
      IRIS_MATA: recorded,
      TTD: recorded,
      AIB: 'TIDAK ADA',
      alive: !deceased,
      active: !rng.chance(inactiveShare),
    };
  };

  let marriages = 0;
  while (emitted < count) {
    // Batches are cut at exactly batchSize, so a family may span two batches.
    while (batch.length >= batchSize) {
      yield batch.slice(0, batchSize);
      batch = batch.slice(batchSize);
    }
    const place = rng.pick(homes);
    const religion = place.noProp === '12' ? religionSumut(rng) : religionDefault(rng);
    const street = address();
    const rt = pad3(rng.range(1, 15));
    const rw = pad3(rng.range(1, 8));
    const dusun = place.dusunPrefix ? place.dusunPrefix + (ROMAN[rng.range(1, 6)] ?? 'I') : '';

    const femaleHead = rng.chance(0.12);
    const headAge = rng.range(21, 80);
    const headDay = dayOfAge(headAge);
    let headMarital: string;
    if (femaleHead) headMarital = rng.chance(0.6) ? 'CERAI MATI' : rng.chance(0.75) ? 'CERAI HIDUP' : 'BELUM KAWIN';
    else {
      const r = rng.next();
      headMarital = r < 0.85 ? 'KAWIN' : r < 0.9 ? 'CERAI HIDUP' : r < 0.96 ? 'CERAI MATI' : 'BELUM KAWIN';
    }
    const married = headMarital !== 'BELUM KAWIN';
    const wifeAge = femaleHead ? headAge : Math.max(19, headAge - rng.range(0, 8));
    const wifeDay = femaleHead ? headDay : dayOfAge(wifeAge);
    // Married when the wife was 18–28, never after asOf.
    const marriageDay = married ? Math.min(span - 30, wifeDay + Math.floor(rng.range(18, 28) * daysPerYear)) : -1;
    let marriageNo = '';
    if (married && rng.chance(0.88)) {
      marriages++;
      marriageNo =
        pad4((marriages % 9999) + 1) +
        '/' +
        place.noKec +
        '/' +
        (ROMAN[dayM[marriageDay] ?? 1] ?? 'I') +
        '/' +
        (dayY[marriageDay] ?? 2000);
    }
    const divorced = headMarital === 'CERAI HIDUP';
    const divorceDay = divorced
      ? Math.min(span - 1, marriageDay + rng.range(365, Math.max(366, span - 1 - marriageDay)))
      : -1;
    const divorceNo =
      divorced && rng.chance(0.7)
        ? `${pad4(rng.range(1, 3000))}/AC/${dayY[divorceDay] ?? 2000}/PA.${place.kabCode}`
        : '';
    // The KK was issued after the family formed (or the head came of age), within the last twenty years.
    const formed = married ? marriageDay : headDay + Math.floor(21 * daysPerYear);
    const kkDay =
      Math.max(formed, span - 1 - Math.floor(20 * daysPerYear)) +
      rng.int(Math.max(1, Math.min(3650, span - 1 - formed)));
    const kk = kkFor(place, Math.min(span - 1, kkDay));

    const headName = personName(femaleHead);
    const headRecord = make(
      place,
      kk,
      femaleHead,
      headDay,
      headName,
      'KEPALA KELUARGA',
      headMarital,
      religion,
      street,
      rt,
      rw,
      dusun,
      null,
      null,
      married ? marriageDay : -1,
      divorceDay,
      marriageNo,
      divorceNo,
    );
    if (emit(headRecord)) break;
    const head: Person = { nik: headRecord.NIK, name: headName };

    let wife: Person | null = null;
    if (headMarital === 'KAWIN') {
      const wifeName = personName(true);
      const w = make(
        place,
        kk,
        true,
        wifeDay,
        wifeName,
        'ISTRI',
        'KAWIN',
        religion,
        street,
        rt,
        rw,
        dusun,
        null,
        null,
        marriageDay,
        -1,
        marriageNo,
        '',
      );
      if (emit(w)) break;
      wife = { nik: w.NIK, name: wifeName };
    }
    if (!married) continue;
    // A parent outside the family (widowed or divorced head) is named once per family, with no NIK, so
    // siblings agree on who their other parent is.
    const mother: Person = femaleHead ? head : (wife ?? { nik: '', name: personName(true) });
    const father: Person = femaleHead ? { nik: '', name: personName(false) } : head;
    // Children born to the mother between 19 and 42, after the marriage, not after asOf.
    const motherDay = femaleHead ? headDay : wifeDay;
    const earliest = Math.max(marriageDay + 280, motherDay + Math.floor(19 * daysPerYear));
    const latest = Math.min(span - 1, motherDay + Math.floor(42 * daysPerYear));
    const kids = earliest < latest ? childCount(rng) : 0;
    let done = false;
    for (let k = 0; k < kids; k++) {
      const birth = earliest + rng.int(latest - earliest + 1);
      const female = rng.chance(0.49);
      // About a third of children carry the father's last name part.
      let name = personName(female);
      if (rng.chance(0.3)) {
        const sp = father.name.lastIndexOf(' ');
        if (sp > 0) name = (name.split(' ')[0] ?? name) + father.name.slice(sp);
      }
      const child = make(
        place,
        kk,
        female,
        birth,
        name,
        'ANAK',
        'BELUM KAWIN',
        religion,
        street,
        rt,
        rw,
        dusun,
        mother,
        father,
        -1,
        -1,
        '',
        '',
      );
      if (emit(child)) {
        done = true;
        break;
      }
    }
    if (done) break;
  }
  // The remainder, still cut at batchSize.
  for (let i = 0; i < batch.length; i += batchSize) yield batch.slice(i, i + batchSize);
}
