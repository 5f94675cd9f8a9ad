import { KINDS, type DocumentKind } from '../../../domain/documents.js';
import { tanggal } from '../../../domain/tanggal.js';
import type { ApplicationContent } from '../../../domain/application.js';
import type { PksContent } from '../../../domain/agreement/pks.js';
import { elementByCode } from '../../../domain/elements/elements.js';
import type { LetterLayout } from './letter-pdf.js';

/** What a template may draw on: the office, the institution, the case, the application, the PKS. */
export interface TemplateData {
  office: { name: string; code: string; level: string; headTitle: string; address?: string };
  institution?: { name: string; type: string; address: string };
  caseNumber?: string;
  caseTitle?: string;
  step?: string;
  decision?: string;
  comment?: string;
  actor?: string;
  outputName?: string;
  application?: ApplicationContent;
  pks?: PksContent;
}

/** The government above an office, as its letterhead names it. */
export function parentOf(office: TemplateData['office']): string {
  if (office.level === 'pusat') return 'Kementerian Dalam Negeri Republik Indonesia';
  const region = /(Provinsi|Kabupaten|Kota) .+$/.exec(office.name)?.[0];
  return region ? `Pemerintah ${region}` : 'Pemerintah Daerah';
}

function place(office: TemplateData['office']): string {
  if (office.level === 'pusat') return 'Jakarta';
  return /(?:Provinsi|Kabupaten|Kota) (.+)$/.exec(office.name)?.[1] ?? '';
}

const METHOD_NAMES: Record<string, string> = {
  card_reader: 'card reader KTP-el',
  web_service: 'web service',
  web_portal: 'web portal',
};

function elementList(codes: readonly string[]): string {
  return codes.map((c) => elementByCode(c)?.name.id ?? c).join(', ');
}

function applicationSummary(a: ApplicationContent | undefined): string[] {
  if (!a) return [];
  return [
    `a) Nama pengguna: ${a.userName}`,
    `b) Tujuan pemanfaatan: ${a.purpose}`,
    `c) Elemen data: ${elementList(a.elements)}`,
    `d) Metode akses: ${a.methods.map((m) => METHOD_NAMES[m] ?? m).join(', ')}`,
    `e) Data balikan: ${a.dataBalikan}`,
    `f) Jangka waktu PKS: ${a.durationMonths} bulan`,
  ];
}

/** The articles of a PKS, made from its content. */
function pksSections(p: PksContent): LetterLayout['sections'] {
  return [
    {
      paragraphs: [
        `Pada hari ini, para pihak: (1) ${p.parties.office.name}, diwakili oleh ${p.parties.office.head}, selanjutnya disebut PIHAK KESATU; dan (2) ${p.parties.institution.name}, diwakili oleh ${p.parties.institution.head}, selanjutnya disebut PIHAK KEDUA, sepakat mengadakan Perjanjian Kerja Sama pemanfaatan Nomor Induk Kependudukan, Data Kependudukan dan KTP-el dengan ketentuan sebagai berikut.`,
      ],
    },
    { heading: 'Pasal 1 — Maksud dan Tujuan', paragraphs: [p.purpose] },
    {
      heading: 'Pasal 2 — Ruang Lingkup',
      paragraphs: [
        `Elemen data yang dapat diakses: ${elementList(p.elements)}.`,
        `Metode akses: ${p.methods.map((m) => METHOD_NAMES[m] ?? m).join(', ')}.`,
        ...(p.legalBasis ? [`Dasar hukum akses elemen terlindungi: ${p.legalBasis}.`] : []),
      ],
    },
    {
      heading: 'Pasal 3 — Hak dan Kewajiban',
      paragraphs: [
        ...p.rightsAndDuties.office.map((r, i) => `(${i + 1}) PIHAK KESATU ${r}.`),
        ...p.rightsAndDuties.institution.map(
          (r, i) => `(${p.rightsAndDuties.office.length + i + 1}) PIHAK KEDUA ${r}.`,
        ),
      ],
    },
    {
      heading: 'Pasal 4 — Data Balikan',
      paragraphs: [`PIHAK KEDUA memberikan data balikan kepada PIHAK KESATU berupa: ${p.dataBalikan}.`],
    },
    { heading: 'Pasal 5 — Evaluasi dan Pelaporan', paragraphs: [p.reporting] },
    { heading: 'Pasal 6 — Pembiayaan', paragraphs: [p.financing.text] },
    { heading: 'Pasal 7 — Larangan', paragraphs: [p.prohibition] },
    {
      heading: 'Pasal 8 — Jangka Waktu',
      paragraphs: [
        `Perjanjian ini berlaku ${p.duration.months} bulan, sejak ${tanggal(p.duration.startDate)} sampai dengan ${tanggal(p.duration.endDate)}, dan dapat diperpanjang atas kesepakatan para pihak.`,
      ],
    },
  ];
}

/** Lays out a document of a kind from its data; the PDF renderer draws the result. */
export function layoutFor(
  kind: DocumentKind,
  data: TemplateData,
  meta: { number: string; date: Date; verifyUrl: string },
): LetterLayout {
  const head =
    data.office.level === 'pusat'
      ? 'Direktur Jenderal Kependudukan dan Pencatatan Sipil'
      : `Kepala ${data.office.name}`;
  const base = {
    issuer: { name: data.office.name, parent: parentOf(data.office), address: data.office.address ?? '' },
    title: KINDS[kind].id,
    number: meta.number,
    place: place(data.office),
    date: tanggal(meta.date),
    verifyUrl: meta.verifyUrl,
  };
  const inst = data.institution?.name ?? '';
  const ref = data.caseNumber ? `Nomor agenda kasus: ${data.caseNumber}.` : '';
  switch (kind) {
    case 'receipt':
      return {
        ...base,
        subject: data.outputName ?? 'Tanda terima',
        sections: [
          {
            paragraphs: [
              `Telah diterima dari ${inst || '-'} berkas: ${data.caseTitle ?? '-'}.`,
              ref,
              ...applicationSummary(data.application),
            ].filter(Boolean),
          },
        ],
        signatures: [{ title: 'Petugas penerima', name: data.actor ?? '' }],
      };
    case 'surat_pengantar':
      return {
        ...base,
        to: 'Direktur Jenderal Kependudukan dan Pencatatan Sipil Kementerian Dalam Negeri',
        subject: `Permohonan hak akses pemanfaatan data kependudukan ${inst}`,
        sections: [
          {
            paragraphs: [
              `Bersama ini kami sampaikan permohonan hak akses pemanfaatan data kependudukan dari ${inst} dengan muatan sebagaimana dimaksud Permendagri Nomor 102 Tahun 2019:`,
              ...applicationSummary(data.application),
              `Demikian kami sampaikan untuk dapat diproses lebih lanjut. ${ref}`,
            ],
          },
        ],
        signatures: [{ title: head, name: '' }],
      };
    case 'approval_letter':
    case 'rejection_letter': {
      const ok = kind === 'approval_letter';
      return {
        ...base,
        to: `${data.office.level === 'pusat' ? 'Kepala Dinas Kependudukan dan Pencatatan Sipil' : 'Pimpinan'} — ${inst}`,
        subject: ok
          ? 'Persetujuan pemanfaatan data kependudukan'
          : 'Penolakan permohonan pemanfaatan data kependudukan',
        sections: [
          {
            paragraphs: [
              ok
                ? `Permohonan hak akses pemanfaatan data kependudukan dari ${inst} DISETUJUI, untuk ditindaklanjuti dengan Perjanjian Kerja Sama dan petunjuk teknis.`
                : `Permohonan hak akses pemanfaatan data kependudukan dari ${inst} TIDAK DAPAT DISETUJUI.`,
              ...(data.comment ? [`Catatan: ${data.comment}`] : []),
              ref,
            ].filter(Boolean),
          },
        ],
        signatures: [{ title: head, name: '' }],
      };
    }
    case 'draft_pks':
    case 'pks': {
      const p = data.pks;
      return {
        ...base,
        title: kind === 'pks' ? 'Perjanjian Kerja Sama' : 'Draf Perjanjian Kerja Sama',
        subject: p ? `Pemanfaatan data kependudukan oleh ${p.parties.institution.name}` : undefined,
        sections: p ? pksSections(p) : [{ paragraphs: ['(isi PKS belum tersedia)'] }],
        signatures: p
          ? [
              {
                title: `PIHAK KESATU\n${p.parties.office.head}`,
                name: p.signatories.find((s) => s.party === 'office')?.name ?? '',
              },
              {
                title: `PIHAK KEDUA\n${p.parties.institution.head}`,
                name: p.signatories.find((s) => s.party === 'institution')?.name ?? '',
              },
            ]
          : [],
      };
    }
    case 'juknis':
      return {
        ...base,
        subject: `Petunjuk teknis pemanfaatan data kependudukan oleh ${inst}`,
        sections: [
          {
            paragraphs: [
              `Petunjuk teknis ini menjabarkan pelaksanaan Perjanjian Kerja Sama antara ${data.office.name} dan ${inst}.`,
              ...(data.pks
                ? [
                    `Elemen data: ${elementList(data.pks.elements)}.`,
                    `Metode akses: ${data.pks.methods.map((m) => METHOD_NAMES[m] ?? m).join(', ')}; uji coba koneksi dilakukan sebelum akses produksi dibuka.`,
                    'Pengguna menyatakan jaringan tertutup, menjaga kerahasiaan User ID dan kata sandi, dan melaporkan penggunaan setiap semester.',
                  ]
                : []),
            ],
          },
        ],
        signatures: [
          { title: head, name: '' },
          { title: `Pimpinan ${inst}`, name: '' },
        ],
      };
    case 'access_letter':
      return {
        ...base,
        to: inst,
        subject: 'Pemberian hak akses pemanfaatan data kependudukan',
        sections: [
          {
            paragraphs: [
              `Menindaklanjuti Perjanjian Kerja Sama, kepada ${inst} diberikan hak akses pemanfaatan data kependudukan sesuai elemen dan metode yang tercantum dalam PKS. User ID dan kata sandi diserahkan terpisah dan hanya ditampilkan satu kali.`,
              ref,
            ].filter(Boolean),
          },
        ],
        signatures: [{ title: head, name: '' }],
      };
    case 'nota_dinas':
    case 'sk_tim':
    case 'record':
      return {
        ...base,
        title: kind === 'record' ? (data.outputName ?? KINDS.record.id) : KINDS[kind].id,
        subject: data.caseTitle,
        sections: [
          {
            paragraphs: [
              ...(kind === 'sk_tim' ? [`Membentuk Tim Pemanfaatan Data untuk memproses permohonan ${inst}.`] : []),
              ...(data.step ? [`Langkah: ${data.step}`] : []),
              ...(data.decision ? [`Keputusan: ${data.decision}`] : []),
              ...(data.comment ? [`Catatan: ${data.comment}`] : []),
              ref,
            ].filter(Boolean),
          },
        ],
        signatures: [{ title: data.actor ? 'Dibuat oleh' : head, name: data.actor ?? '' }],
      };
  }
}
