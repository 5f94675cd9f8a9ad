import type { DocumentKind } from '../../../domain/documents.js';
import { tanggal, tanggalKata } from '../../../domain/tanggal.js';
import type { PksContent, Signatory as PksSignatory } from '../../../domain/agreement/pks.js';
import { dutyText } from '../../../domain/balikan/kinds.js';
import { BALIKAN_DUE_DAYS } from '../../../domain/balikan/period.js';
import { elementByCode } from '../../../domain/elements/elements.js';
import type { LetterLayout, Signatory } from './letter-pdf.js';
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

/** One recorded signature as the signed copy prints it. */
export interface RecordedSignature {
  party: 'office' | 'institution';
  name: string;
  nip: string;
  position: string;
  rank: string;
  /** "2 Desember 2026 pukul 10.15 WIB": when it was recorded, in the office's zone. */
  signedAt: string;
}

/**
 * What the PKS and the juknis print beyond the content (issue 14): the institution's own number, and once the
 * signing is complete, its office-local date and the recorded signatures (the signed copy). The juknis cites the
 * PKS by its number and signing date.
 */
export interface PksDocumentData {
  /** The institution's own number for the agreement; '' until it enters one. */
  institutionNumber: string;
  /** The signed copy: the date (YYYY-MM-DD) of the signing that completed the PKS and who signed when. */
  signing?: { on: string; signatures: RecordedSignature[] };
  /** For the juknis: the PKS it implements. */
  pks?: { number: string; signedOn: string | null };
}

/** Text as one sentence: a full stop added unless it already ends in one ("… bulan." stays, no "bulan.."). */
function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/** A dotted blank for what is filled in at signing. */
export const BLANK = '………………';

/** "Pada hari ini Rabu tanggal dua bulan Desember tahun dua ribu dua puluh enam, bertempat di Kebumen": or blanks. */
export function openingLine(on: string | undefined, place: string): string {
  const where = place ? `, bertempat di ${place}` : '';
  if (!on) return `Pada hari ini ${BLANK} tanggal ${BLANK} bulan ${BLANK} tahun ${BLANK}${where}`;
  const d = tanggalKata(on);
  return `Pada hari ini ${d.hari} tanggal ${d.tanggal} bulan ${d.bulan} tahun ${d.tahun}${where}`;
}

/** The person who signs for a party: the recorded signer on the signed copy, else the one the text names. */
function signer(p: PksContent, party: 'office' | 'institution', doc: PksDocumentData | undefined) {
  const named: PksSignatory | undefined = p.signatories.find((s) => s.party === party);
  const recorded = doc?.signing?.signatures.find((s) => s.party === party);
  return {
    name: recorded?.name || named?.name || '',
    nip: recorded?.nip || named?.nip || '',
    position: recorded?.position || named?.position || '',
    rank: recorded?.rank || named?.rank || '',
    signedAt: recorded?.signedAt,
  };
}

/** "Budi Santoso, NIP 1970…, Kepala Dinas …": how the opening names a party's signatory. */
function who(s: ReturnType<typeof signer>, capacity: string): string {
  return [s.name || BLANK, s.nip ? `NIP ${s.nip}` : '', s.position || capacity].filter(Boolean).join(', ');
}

/** The articles of a PKS, made from its content. */
function pksSections(p: PksContent, doc: PksDocumentData | undefined, place: string): LetterLayout['sections'] {
  const office = signer(p, 'office', doc);
  const inst = signer(p, 'institution', doc);
  return [
    {
      paragraphs: [
        `${openingLine(doc?.signing?.on, place)}, yang bertanda tangan di bawah ini:`,
        `1. ${who(office, p.parties.office.head)}, dalam hal ini bertindak untuk dan atas nama ${p.parties.office.name}, selanjutnya disebut PIHAK KESATU;`,
        `2. ${who(inst, p.parties.institution.head)}, dalam hal ini bertindak untuk dan atas nama ${p.parties.institution.name}, selanjutnya disebut PIHAK KEDUA.`,
        'PIHAK KESATU dan PIHAK KEDUA secara bersama-sama disebut PARA PIHAK, sepakat mengadakan Perjanjian Kerja Sama pemanfaatan Nomor Induk Kependudukan, Data Kependudukan dan KTP-el dengan ketentuan sebagai berikut.',
      ],
    },
    { heading: 'Pasal 1 — Maksud dan Tujuan', paragraphs: [p.purpose] },
    {
      heading: 'Pasal 2 — Ruang Lingkup',
      paragraphs: [
        `Elemen data yang dapat diakses: ${elementList(p.elements)}.`,
        `Metode akses: ${p.methods.map((m) => METHOD_NAMES[m] ?? m).join(', ')}.`,
        ...(p.legalBasis ? [sentence(`Dasar hukum akses elemen terlindungi: ${p.legalBasis}`)] : []),
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
        sentence(`PIHAK KEDUA memberikan data balikan kepada PIHAK KESATU berupa: ${p.dataBalikan}`),
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
    {
      heading: 'Pasal 9 — Petunjuk Teknis',
      paragraphs: [
        'Ketentuan teknis pelaksanaan Perjanjian ini, meliputi tata cara akses, jaringan, keamanan, uji coba koneksi dan pelaporan, diatur dalam Petunjuk Teknis yang disepakati PARA PIHAK dan merupakan bagian yang tidak terpisahkan dari Perjanjian ini.',
      ],
    },
    {
      heading: 'Pasal 10 — Penyelesaian Perselisihan',
      paragraphs: [
        '(1) Apabila terjadi perselisihan dalam pelaksanaan Perjanjian ini, PARA PIHAK sepakat menyelesaikannya secara musyawarah untuk mufakat.',
        '(2) Apabila musyawarah sebagaimana dimaksud pada ayat (1) tidak mencapai mufakat, perselisihan diselesaikan sesuai dengan ketentuan peraturan perundang-undangan.',
      ],
    },
    {
      heading: 'Pasal 11 — Penutup',
      paragraphs: [
        '(1) Hal-hal yang belum diatur dalam Perjanjian ini diatur kemudian atas kesepakatan PARA PIHAK dan dituangkan dalam adendum yang merupakan bagian yang tidak terpisahkan dari Perjanjian ini.',
        '(2) Perjanjian ini dibuat dalam rangkap 2 (dua) asli, masing-masing bermeterai cukup dan mempunyai kekuatan hukum yang sama, satu untuk PIHAK KESATU dan satu untuk PIHAK KEDUA.',
      ],
    },
  ];
}

/** The signer's capacity: their position at the organisation ("Direktur Utama PT …"), else the party's head. */
function capacityOf(s: ReturnType<typeof signer>, capacity: string, org: string): string {
  if (!s.position) return capacity;
  if (s.position.includes(org)) return s.position;
  // "Kepala Dinas" at "Dinas Kependudukan …": the words they share are written once.
  const a = s.position.split(/\s+/);
  const b = org.split(/\s+/);
  for (let n = Math.min(a.length, b.length); n > 0; n--) {
    if (a.slice(-n).join(' ').toLowerCase() === b.slice(0, n).join(' ').toLowerCase()) {
      return [...a, ...b.slice(n)].join(' ');
    }
  }
  return `${s.position} ${org}`;
}

/** A party's signature block on the PKS: capacity, name, NIP and rank, the meterai, the recorded signature. */
function block(
  heading: string,
  s: ReturnType<typeof signer>,
  capacity: string,
  meterai: boolean,
  org: string,
): Signatory {
  return {
    title: `${heading}\n${capacityOf(s, capacity, org)}`,
    name: s.name,
    ...(s.nip ? { nip: s.nip } : {}),
    ...(s.rank ? { rank: s.rank } : {}),
    ...(s.signedAt ? { signedAt: s.signedAt } : {}),
    ...(meterai ? { meterai: true } : {}),
  };
}

/** The PKS, its draft and the juknis: the agreement's documents (issue 14 part: the PKS as a document). */
export function agreementLayout(
  kind: Extract<DocumentKind, 'draft_pks' | 'pks' | 'juknis'>,
  data: TemplateData,
  base: Omit<LetterLayout, 'sections' | 'signatures'>,
  head: string,
): LetterLayout {
  const inst = data.institution?.name ?? '';
  const doc = data.pksDocument;
  if (kind === 'draft_pks' || kind === 'pks') {
    const p = data.pks;
    return {
      ...base,
      form: 'titled',
      title: kind === 'pks' ? 'Perjanjian Kerja Sama' : 'Draf Perjanjian Kerja Sama',
      // The office's number (the agreement's, from its register) and the institution's own.
      numbers: [{ label: 'Nomor', value: doc?.institutionNumber || BLANK }],
      subject: p
        ? `antara ${p.parties.office.name} dan ${p.parties.institution.name} tentang Pemanfaatan Nomor Induk Kependudukan, Data Kependudukan dan KTP-el`
        : undefined,
      sections: p ? pksSections(p, doc, base.place) : [{ paragraphs: ['(isi PKS belum tersedia)'] }],
      signatures: p
        ? [
            block('PIHAK KESATU', signer(p, 'office', doc), p.parties.office.head, true, p.parties.office.name),
            block(
              'PIHAK KEDUA',
              signer(p, 'institution', doc),
              p.parties.institution.head,
              true,
              p.parties.institution.name,
            ),
          ]
        : [],
    };
  }
  const cited = doc?.pks;
  const office = data.pks ? signer(data.pks, 'office', undefined) : undefined;
  const institution = data.pks ? signer(data.pks, 'institution', undefined) : undefined;
  return {
    ...base,
    form: 'titled',
    subject: `Pemanfaatan data kependudukan oleh ${inst}`,
    sections: [
      {
        paragraphs: [
          `Petunjuk teknis ini menjabarkan pelaksanaan Perjanjian Kerja Sama antara ${data.office.name} dan ${inst}${
            cited
              ? ` Nomor ${cited.number}${doc?.institutionNumber ? ` dan Nomor ${doc.institutionNumber}` : ''} tanggal ${cited.signedOn ? tanggal(cited.signedOn) : BLANK}`
              : ''
          }, sebagaimana dimaksud dalam Pasal 9 Perjanjian tersebut, dan merupakan bagian yang tidak terpisahkan darinya.`,
        ],
      },
      ...(data.pks
        ? [
            {
              heading: 'A. Elemen Data dan Metode Akses',
              paragraphs: [
                `Elemen data: ${elementList(data.pks.elements)}.`,
                `Metode akses: ${data.pks.methods.map((m) => METHOD_NAMES[m] ?? m).join(', ')}.`,
              ],
            },
            {
              heading: 'B. Jaringan dan Keamanan',
              paragraphs: [
                'PIHAK KEDUA menggunakan jaringan tertutup dari alamat IP yang didaftarkan, menjaga kerahasiaan User ID, kata sandi dan kredensial akses, dan segera melaporkan kepada PIHAK KESATU setiap dugaan penyalahgunaan.',
              ],
            },
            {
              heading: 'C. Uji Coba dan Akses Produksi',
              paragraphs: [
                'Uji coba koneksi dilakukan bersama PIHAK KESATU sebelum akses produksi dibuka; akses produksi dibuka setelah hasil uji coba dicatat.',
              ],
            },
            {
              heading: 'D. Pelaporan dan Data Balikan',
              paragraphs: [
                'PIHAK KEDUA melaporkan penggunaan data setiap semester dan menyampaikan data balikan sesuai Perjanjian.',
              ],
            },
          ]
        : []),
    ],
    signatures: [
      {
        title: head,
        name: office?.name ?? '',
        ...(office?.nip ? { nip: office.nip } : {}),
        ...(office?.rank ? { rank: office.rank } : {}),
      },
      {
        title: institution ? capacityOf(institution, `Pimpinan ${inst}`, inst) : `Pimpinan ${inst}`,
        name: institution?.name ?? '',
        ...(institution?.nip ? { nip: institution.nip } : {}),
      },
    ],
  };
}
