/** Test helpers: read the shipped SOPs and build small definitions. Test-only; reads files. */
import { readFileSync } from 'node:fs';
import { parseSop } from './load.js';
import { checkSop } from './validate.js';
import type { SopDefinition } from './types.js';

/** The five shipped SOP files, by short name. */
export const SOP_FILES = ['bengkulu', 'sumatera-barat', 'kebumen', 'padang-pariaman', 'sibolga'] as const;

/** Loads a shipped SOP and fails loudly when it does not check. */
export function loadShipped(name: (typeof SOP_FILES)[number]): SopDefinition {
  const file = `sops/${name}.yaml`;
  const r = parseSop(readFileSync(new URL(`../../../${file}`, import.meta.url), 'utf8'), file);
  if (!r.definition) throw new Error(r.errors.map((e) => e.message.en).join('\n'));
  return r.definition;
}

/** A small valid definition object to mutate in tests. */
export function baseFile(): Record<string, unknown> & {
  steps: Record<string, unknown>[];
  pelaksana: Record<string, unknown>[];
  ends: Record<string, unknown>[];
} {
  return {
    format: 'gerbang-sop/1',
    code: 'test.sop',
    office: { region: '33.05', name: 'Kantor Uji', timeZone: 'Asia/Jakarta' },
    header: {
      nomor: '1',
      nama: 'SOP Uji',
      tanggalPembuatan: null,
      tanggalRevisi: null,
      tanggalEfektif: null,
      tanggalPengesahan: null,
      disahkanOleh: { jabatan: 'Kepala Dinas' },
      dasarHukum: [],
      kualifikasiPelaksana: [],
      keterkaitan: [],
      peralatanPerlengkapan: [],
      peringatan: [],
      pencatatanPendataan: [],
    },
    pelaksana: [
      { code: 'lembaga', name: 'Lembaga Pengguna', kind: 'institution' },
      { code: 'kadis', name: 'Kepala Dinas', kind: 'office', role: 'kadis' },
      { code: 'staf', name: 'Staf', kind: 'office', role: 'staf' },
    ],
    steps: [
      { id: 'a', kegiatan: 'Mengajukan', pelaksana: 'lembaga', waktu: '1 hari', next: 'b' },
      {
        id: 'b',
        kegiatan: 'Memeriksa',
        pelaksana: 'staf',
        waktu: '2 jam',
        decision: {
          question: 'Lengkap?',
          branches: [
            { label: 'Ya', to: 'c' },
            { label: 'Tidak', to: 'a' },
          ],
        },
      },
      { id: 'c', kegiatan: 'Menyetujui', pelaksana: 'kadis', waktu: '30 menit', next: 'selesai' },
    ],
    ends: [{ id: 'selesai', label: 'Selesai', outcome: 'selesai' }],
  };
}

/** Checks a definition object and throws when it has errors. */
export function defOf(raw: unknown): SopDefinition {
  const r = checkSop(raw, 'test.yaml');
  if (!r.definition) throw new Error(r.errors.map((e) => e.message.en).join('\n'));
  return r.definition;
}

/**
 * The opening of an SOP file written inline by a test: format, code, optional purpose, office and a blank SOP AP
 * header, so that each test writes only its pelaksana, steps and ends.
 */
export function sopHead(o: { code: string; region: string; name: string; purpose?: string }): string {
  return `format: gerbang-sop/1
code: ${o.code}
${o.purpose ? `purpose: ${o.purpose}\n` : ''}office: { region: '${o.region}', name: '${o.name}', timeZone: Asia/Jakarta }
header:
  nomor: X
  nama: Uji
  tanggalPembuatan: null
  tanggalRevisi: null
  tanggalEfektif: null
  tanggalPengesahan: null
  disahkanOleh: { jabatan: Kepala Dinas }
  dasarHukum: []
  kualifikasiPelaksana: []
  keterkaitan: []
  peralatanPerlengkapan: []
  peringatan: []
  pencatatanPendataan: []
`;
}
