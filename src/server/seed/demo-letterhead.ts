/**
 * The demo offices' kop surat (issue 14): address, phone, e-mail, website, the head who signs with NIP and rank, the
 * signatory details of the staff who sign, and an emblem for each office, drawn here deterministically (a shield
 * in the office's colours with a star) so that every produced letter shows a real kop. Demo mode only.
 */
import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { PNG } from 'pngjs';
import type { DB } from '../db/schema.js';
import type { Config } from '../config.js';
import { storeFile } from '../modules/files/files.service.js';

type Q = Kysely<DB> | Transaction<DB>;

interface DemoKop {
  address: string;
  phone: string;
  email: string;
  website: string;
  head: [name: string, nip: string, rank: string];
}

/** The kop of each demo office, by region code. */
export const DEMO_KOP: Record<string, DemoKop> = {
  '00': {
    address: 'Jalan Medan Merdeka Utara Nomor 7, Jakarta Pusat 10110',
    phone: '(021) 3450038',
    email: 'dukcapil@kemendagri.go.id',
    website: 'dukcapil.kemendagri.go.id',
    head: ['Dr. Ahmad Santoso, S.H., M.Si.', '197003151995031002', 'Pembina Utama (IV/e)'],
  },
  '17': {
    address: 'Jalan Pembangunan Nomor 15, Padang Harapan, Kota Bengkulu 38225',
    phone: '(0736) 21456',
    email: 'disdukcapil@bengkuluprov.go.id',
    website: 'disdukcapil.bengkuluprov.go.id',
    head: ['Drs. Hendra Wijaya, M.M.', '196908121994031004', 'Pembina Utama Muda (IV/c)'],
  },
  '13': {
    address: 'Jalan Rasuna Said Nomor 74, Padang 25129',
    phone: '(0751) 7055290',
    email: 'dp3kbdukcapil@sumbarprov.go.id',
    website: 'dp3kbdukcapil.sumbarprov.go.id',
    head: ['Dra. Nofrita Yusuf, M.Si.', '197105201996032003', 'Pembina Utama Muda (IV/c)'],
  },
  '13.05': {
    address: 'Jalan Syekh Burhanuddin, Parit Malintang, Kabupaten Padang Pariaman 25584',
    phone: '(0751) 6784210',
    email: 'disdukcapil@padangpariamankab.go.id',
    website: 'disdukcapil.padangpariamankab.go.id',
    head: ['Rahmat Hidayat, S.STP., M.Si.', '197808082000121001', 'Pembina Tingkat I (IV/b)'],
  },
  '33': {
    address: 'Jalan Menteri Supeno Nomor 17, Semarang 50243',
    phone: '(024) 8311174',
    email: 'dispermadesdukcapil@jatengprov.go.id',
    website: 'dispermadesdukcapil.jatengprov.go.id',
    head: ['Ir. Bambang Prasetyo, M.T.', '196811101993031005', 'Pembina Utama Muda (IV/c)'],
  },
  '33.05': {
    address: 'Jalan Arumbinang Nomor 15, Kebumen 54311',
    phone: '(0287) 381064',
    email: 'disdukcapil@kebumenkab.go.id',
    website: 'disdukcapil.kebumenkab.go.id',
    head: ['Dwi Haryanto, S.Sos., M.M.', '197204141998031006', 'Pembina Tingkat I (IV/b)'],
  },
  '12': {
    address: 'Jalan Jenderal Gatot Subroto Nomor 350, Medan 20122',
    phone: '(061) 8457352',
    email: 'disdukcapil@sumutprov.go.id',
    website: 'disdukcapil.sumutprov.go.id',
    head: ['Drs. Parlindungan Siregar, M.AP.', '196907251995031003', 'Pembina Utama Muda (IV/c)'],
  },
  '12.73': {
    address: 'Jalan Sisingamangaraja Nomor 12, Sibolga 22513',
    phone: '(0631) 21789',
    email: 'disdukcapil@sibolgakota.go.id',
    website: 'disdukcapil.sibolgakota.go.id',
    head: ['Maruli Tua Hutagalung, S.E., M.Si.', '197601302002121002', 'Pembina (IV/a)'],
  },
};

/** Rank and position of the demo staff who sign, by the suffix of their username (`kebumen.kabid` → kabid). */
const STAFF: Record<string, [rank: string, position: (office: string) => string]> = {
  dirjen: ['Pembina Utama (IV/e)', () => 'Direktur Jenderal Kependudukan dan Pencatatan Sipil'],
  kadis: ['Pembina Utama Muda (IV/c)', (o) => `Kepala ${o}`],
  kabid: ['Pembina (IV/a)', () => 'Kepala Bidang Pengelolaan Informasi Administrasi Kependudukan dan Pemanfaatan Data'],
  kasi: ['Penata Tingkat I (III/d)', () => 'Kepala Seksi Kerja Sama dan Inovasi Pelayanan'],
  kasi_monev: ['Penata Tingkat I (III/d)', () => 'Kepala Seksi Monitoring dan Evaluasi'],
  staf: ['Penata Muda Tingkat I (III/b)', () => 'Analis Pemanfaatan Data Kependudukan'],
  tim: ['Penata (III/c)', () => 'Anggota Tim Pemanfaatan Data'],
};

/** A NIP for a demo person: 18 digits from their username, fixed for the same name. */
export function demoNip(username: string): string {
  const h = crypto.createHash('sha256').update(username).digest();
  const year = 1970 + ((h[0] ?? 0) % 25);
  const month = 1 + ((h[1] ?? 0) % 12);
  const day = 1 + ((h[2] ?? 0) % 28);
  const appointed = year + 22 + ((h[3] ?? 0) % 5);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const seq = String(1 + ((h[4] ?? 0) % 9)).padStart(3, '0');
  return `${year}${p2(month)}${p2(day)}${appointed}${p2(1 + ((h[5] ?? 0) % 12))}${1 + ((h[6] ?? 0) % 2)}${seq}`;
}

/** Fills the demo offices' letterheads and their staff's NIP, position and rank (inside the demo seed). */
export async function seedDemoLetterheads(db: Q): Promise<void> {
  const offices = await db.selectFrom('offices').select(['id', 'code', 'name']).execute();
  for (const o of offices) {
    const kop = DEMO_KOP[o.code];
    if (!kop) continue;
    const [name, nip, rank] = kop.head;
    await db
      .updateTable('offices')
      .set({
        address: kop.address,
        phone: kop.phone,
        email: kop.email,
        website: kop.website,
        head_name: name,
        head_nip: nip,
        head_rank: rank,
      })
      .where('id', '=', o.id)
      .execute();
    const staff = await db.selectFrom('users').select(['id', 'username']).where('office_id', '=', o.id).execute();
    for (const u of staff) {
      const role = STAFF[u.username.slice(u.username.indexOf('.') + 1)];
      if (!role) continue;
      await db
        .updateTable('users')
        .set({ nip: demoNip(u.username), rank: role[0], position: role[1](o.name) })
        .where('id', '=', u.id)
        .execute();
    }
  }
}

/** Colours of an emblem from a seed: a field and a border, fixed for the same seed. */
function colours(seed: string): { field: [number, number, number]; border: [number, number, number] } {
  const h = crypto.createHash('sha256').update(seed).digest();
  const hue = ((h[0] ?? 0) / 255) * 360;
  const rgb = (s: number, l: number): [number, number, number] => {
    const c = (1 - Math.abs(2 * l - 1)) * s;
    const x = c * (1 - Math.abs(((hue / 60) % 2) - 1));
    const m = l - c / 2;
    const [r, g, b] =
      hue < 60
        ? [c, x, 0]
        : hue < 120
          ? [x, c, 0]
          : hue < 180
            ? [0, c, x]
            : hue < 240
              ? [0, x, c]
              : hue < 300
                ? [x, 0, c]
                : [c, 0, x];
    return [Math.round((r + m) * 255), Math.round((g + m) * 255), Math.round((b + m) * 255)];
  };
  return { field: rgb(0.55, 0.42), border: rgb(0.6, 0.22) };
}

function inStar(x: number, y: number, cx: number, cy: number, r: number): boolean {
  const pts: [number, number][] = [];
  for (let i = 0; i < 10; i++) {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const rr = i % 2 === 0 ? r : r * 0.42;
    pts.push([cx + rr * Math.cos(a), cy + rr * Math.sin(a)]);
  }
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i] ?? [0, 0];
    const [xj, yj] = pts[j] ?? [0, 0];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * A simple emblem as PNG: a shield in colours from `seed`, a gold border and a gold star, on a transparent
 * background. The same seed gives the same bytes.
 */
export function emblemPng(seed: string, size = 160): Buffer {
  const w = size;
  const h = Math.round(size * 1.15);
  const png = new PNG({ width: w, height: h });
  const { field, border } = colours(seed);
  const gold: [number, number, number] = [212, 175, 55];
  const shield = (x: number, y: number, inset: number) => {
    const left = inset;
    const right = w - 1 - inset;
    const top = inset;
    const shoulder = h * 0.5;
    if (y < top || x < left || x > right) return false;
    if (y <= shoulder) return true;
    // Below the shoulder the sides curve to a point at the bottom.
    const t = (y - shoulder) / (h - 1 - inset - shoulder);
    if (t > 1) return false;
    const half = ((right - left) / 2) * Math.sqrt(Math.max(0, 1 - t * t));
    return Math.abs(x - w / 2) <= half;
  };
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4;
      let c: [number, number, number] | undefined;
      if (shield(x, y, 2)) c = border;
      if (shield(x, y, 8)) c = gold;
      if (shield(x, y, 12)) c = field;
      if (c === field && inStar(x, y, w / 2, h * 0.42, w * 0.27)) c = gold;
      png.data[i] = c?.[0] ?? 255;
      png.data[i + 1] = c?.[1] ?? 255;
      png.data[i + 2] = c?.[2] ?? 255;
      png.data[i + 3] = c ? 255 : 0;
    }
  }
  return PNG.sync.write(png);
}

/**
 * Gives every demo office without an emblem one (stored in the file store as the office's own upload); an emblem an
 * office uploaded itself is never replaced.
 */
export async function seedDemoEmblems(db: Kysely<DB>, config: Config, now: Date): Promise<void> {
  const offices = await db.selectFrom('offices').select(['id', 'code']).where('emblem_file_id', 'is', null).execute();
  for (const o of offices) {
    if (!DEMO_KOP[o.code]) continue;
    const file = await storeFile({ config, now: () => now }, db, {
      bytes: emblemPng(o.code),
      filename: `lambang-${o.code}.png`,
      contentType: 'image/png',
      uploadedBy: null,
      orgKind: 'office',
      orgId: o.id,
    });
    await db.updateTable('offices').set({ emblem_file_id: file.id }).where('id', '=', o.id).execute();
  }
}
