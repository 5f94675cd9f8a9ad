import type { DocumentKind } from '../../../domain/documents.js';
import { tanggal } from '../../../domain/tanggal.js';
import type { PksContent } from '../../../domain/agreement/pks.js';
import { dutyText } from '../../../domain/balikan/kinds.js';
import { BALIKAN_DUE_DAYS } from '../../../domain/balikan/period.js';
import { elementByCode } from '../../../domain/elements/elements.js';
import type { LetterLayout } from './letter-pdf.js';
import type { TemplateData } from './templates.js';

/** The access methods as a PKS and its letters name them. */
export const METHOD_NAMES: Record<string, string> = {
  card_reader: 'card reader KTP-el',
  web_service: 'web service',
  web_portal: 'web portal',
  v1: 'API v1',
};

/** Element names, comma-separated, from their codes. */
export function elementList(codes: readonly string[]): string {
  return codes.map((c) => elementByCode(c)?.name.id ?? c).join(', ');
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
      paragraphs: [
        `PIHAK KEDUA memberikan data balikan kepada PIHAK KESATU berupa: ${p.dataBalikan}.`,
        // The duties as data (issue 12), each delivered by CSV and tracked against its due date.
        ...(p.dataBalikanDuties ?? []).map(
          (d) => `Data balikan: ${dutyText(d)}, paling lambat ${BALIKAN_DUE_DAYS} hari setelah periode berakhir.`,
        ),
      ],
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

/** The PKS, its draft and the juknis: the agreement's documents (issue 14 part: the PKS as a document). */
export function agreementLayout(
  kind: Extract<DocumentKind, 'draft_pks' | 'pks' | 'juknis'>,
  data: TemplateData,
  base: Omit<LetterLayout, 'sections' | 'signatures'>,
  head: string,
): LetterLayout {
  const inst = data.institution?.name ?? '';
  if (kind === 'draft_pks' || kind === 'pks') {
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
}
