import { KINDS, type DocumentKind } from '../../../domain/documents.js';
import { tanggal } from '../../../domain/tanggal.js';
import type { ApplicationContent } from '../../../domain/application.js';
import type { PksContent } from '../../../domain/agreement/pks.js';
import { elementByCode } from '../../../domain/elements/elements.js';
import type { LetterLayout, Signatory } from './letter-pdf.js';
import { agreementLayout, elementList, METHOD_NAMES, type PksDocumentData } from './pks-template.js';
import { isResponseCode, RESPON } from '../../../domain/dukcapil/codes.js';
import { CONTENT_FIELDS, fieldLabel, type ReportContent } from '../../../domain/reports/report.js';
import { campaignReportSections, type CampaignReportData } from '../../../domain/campaigns/report.js';

/** A semester usage report as printed (issue 12): the ledger's figures, the institution's own text, its signer. */
export interface ReportLetterData {
  agreementNumber: string;
  semester: string;
  periodStart: string;
  periodEnd: string;
  figures: {
    calls: number;
    answered: number;
    refused: number;
    byChannel: Record<string, number>;
    byElement: Record<string, number>;
    refusalsByReason: Record<string, number>;
    operators: { id: string; name: string; calls: number }[];
    residentsServed: number;
  };
  content: ReportContent;
  /** The pimpinan who signs it. */
  signer: string;
  /** 1 for the first submission, 2… for resubmissions after a return. */
  revision: number;
}

/** A letter of the obligations ladder (issue 12): what is overdue, and for a sanction or reactivation, since when. */
export interface LadderLetterData {
  items: { label: string; agreementNumber: string; dueDate: string }[];
  /** The office-local date the step was taken. */
  on: string;
  /** For a reactivation: the date access was suspended. */
  suspendedOn?: string;
}

/** A person printed under a signature: name, NIP, position (jabatan), rank (pangkat/golongan); '' when not set. */
export interface LetterPerson {
  name: string;
  nip: string;
  position: string;
  rank: string;
}

/**
 * The issuing office as its letters print it (directory/letterhead.service.ts templateOffice builds it): the kop
 * (address, phone, e-mail, website, the emblem by its stored blob's SHA-256) and the head who signs.
 */
export interface TemplateOffice {
  name: string;
  code: string;
  level: string;
  headTitle: string;
  address?: string;
  phone?: string;
  email?: string;
  website?: string;
  /** IANA time zone of the office (for the time of an electronic signature). */
  timezone?: string;
  head?: { name: string; nip: string; rank: string };
  /** SHA-256 of the emblem's blob in the file store; the renderer loads its bytes. */
  emblem?: string;
}

/** What a template may draw on: the office, the institution, the case, the application, the PKS. */
export interface TemplateData {
  office: TemplateOffice;
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
  /** The PKS and juknis as documents: the institution's number, the signing, the PKS a juknis cites (issue 14). */
  pksDocument?: PksDocumentData;
  /** A semester usage report (kind usage_report). */
  report?: ReportLetterData;
  /** A warning, suspension or reactivation letter of the obligations ladder. */
  ladder?: LadderLetterData;
  /** A control campaign's report (kind campaign_report, issue 13). */
  campaign?: CampaignReportData;
  /** The office user who produced the letter (the actor of the step), when an office user did. */
  signer?: LetterPerson;
  /** The office's receiving officer, who signs a receipt (issue 14). */
  receiver?: LetterPerson;
  /** The PKS a letter cites (the access letter): its number and the date it was signed. */
  agreement?: { number: string; signedOn: string | null };
}

/** The government above an office, as its letterhead names it. */
export function parentOf(office: TemplateOffice): string {
  if (office.level === 'pusat') return 'Kementerian Dalam Negeri Republik Indonesia';
  const region = /(Provinsi|Kabupaten|Kota) .+$/.exec(office.name)?.[0];
  return region ? `Pemerintah ${region}` : 'Pemerintah Daerah';
}

function place(office: TemplateOffice): string {
  if (office.level === 'pusat') return 'Jakarta';
  return /(?:Provinsi|Kabupaten|Kota) (.+)$/.exec(office.name)?.[1] ?? '';
}

const angka = (n: number) => n.toLocaleString('id-ID');

/** "a: 3; b: 1" from counts, largest first, with names; "-" when empty. */
function counts(map: Record<string, number>, name: (k: string) => string): string {
  const rows = Object.entries(map).sort((a, b) => b[1] - a[1]);
  return rows.length ? rows.map(([k, v]) => `${name(k)}: ${angka(v)}`).join('; ') : '-';
}

function reportSections(r: ReportLetterData): LetterLayout['sections'] {
  const f = r.figures;
  return [
    {
      paragraphs: [
        `Berdasarkan Perjanjian Kerja Sama Nomor ${r.agreementNumber}, dengan ini kami sampaikan laporan penggunaan data kependudukan ${r.semester}, periode ${tanggal(r.periodStart)} sampai dengan ${tanggal(r.periodEnd)}.${r.revision > 1 ? ` Laporan ini adalah perbaikan ke-${r.revision - 1} sesuai catatan penelaahan.` : ''}`,
      ],
    },
    {
      heading: 'A. Penggunaan menurut catatan Gerbang',
      paragraphs: [
        `Jumlah akses: ${angka(f.calls)} (dijawab ${angka(f.answered)}, ditolak ${angka(f.refused)}); penduduk yang dilayani: ${angka(f.residentsServed)}.`,
        `Akses per metode: ${counts(f.byChannel, (k) => METHOD_NAMES[k] ?? k)}.`,
        `Elemen data yang diberikan: ${counts(f.byElement, (k) => elementByCode(k)?.name.id ?? k)}.`,
        `Penolakan menurut alasan: ${counts(f.refusalsByReason, (k) => (isResponseCode(k) ? RESPON[k].id : k))}.`,
        `Operator: ${f.operators.length ? f.operators.map((o) => `${o.name} (${angka(o.calls)})`).join('; ') : '-'}.`,
      ],
    },
    {
      heading: 'B. Keterangan lembaga pengguna',
      paragraphs: CONTENT_FIELDS.map((k, i) => `${i + 1}. ${fieldLabel(k).id}: ${r.content[k]}`),
    },
    {
      paragraphs: [
        'Demikian laporan ini kami sampaikan dengan sebenar-benarnya. Angka pada bagian A diambil dari catatan akses Gerbang pada saat laporan disampaikan.',
      ],
    },
  ];
}

function ladderList(l: LadderLetterData): string[] {
  return l.items.map(
    (it, i) => `${i + 1}. ${it.label} (PKS Nomor ${it.agreementNumber}), batas waktu ${tanggal(it.dueDate)}.`,
  );
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

/** The capacity in which the head of an office signs: "Kepala Dinas … Kabupaten Kebumen", or the Dirjen. */
export function headCapacity(office: TemplateOffice): string {
  return office.level === 'pusat' ? 'Direktur Jenderal Kependudukan dan Pencatatan Sipil' : `Kepala ${office.name}`;
}

/** The head's signature block, with the name, NIP and rank of the office's letterhead. */
function headSignatory(office: TemplateOffice): Signatory {
  return person(headCapacity(office), {
    name: office.head?.name ?? '',
    nip: office.head?.nip ?? '',
    rank: office.head?.rank ?? '',
    position: '',
  });
}

/** A signature block for a person, printing only the details that are set. */
function person(title: string, p: LetterPerson | undefined): Signatory {
  return {
    title,
    name: p?.name ?? '',
    ...(p?.nip ? { nip: p.nip } : {}),
    ...(p?.rank ? { rank: p.rank } : {}),
  };
}

/** "Yth. …", "di", the place: how a letter names its addressee. */
function addressee(who: string, where: string): string[] {
  return [`Yth. ${who}`, 'di', where || 'Tempat'];
}

const DIRJEN = 'Direktur Jenderal Kependudukan dan Pencatatan Sipil Kementerian Dalam Negeri';

/**
 * The tembusan of a letter an office sends an institution about its access: the Directorate General, which grants
 * the User ID and oversees every PKS (not when the Directorate General itself writes), and the office's archive.
 */
function accessCc(office: TemplateOffice): string[] {
  return [...(office.level === 'pusat' ? [] : [DIRJEN]), 'Arsip'];
}

/** Lays out a document of a kind from its data; the PDF renderer draws the result. */
export function layoutFor(
  kind: DocumentKind,
  data: TemplateData,
  meta: {
    number: string;
    date: Date;
    verifyUrl: string;
    /** The emblem's bytes (data.office.emblem names them); none: the kop has no emblem. */
    emblem?: Buffer | null;
    /** The public base URL of the service the institution connects to (the access letter). */
    serviceUrl?: string;
  },
): LetterLayout {
  const o = data.office;
  const head = headCapacity(o);
  const base = {
    issuer: {
      name: o.name,
      parent: parentOf(o),
      address: o.address ?? '',
      ...(o.phone ? { phone: o.phone } : {}),
      ...(o.email ? { email: o.email } : {}),
      ...(o.website ? { website: o.website } : {}),
      emblem: meta.emblem ?? null,
    },
    title: KINDS[kind].id,
    number: meta.number,
    place: place(o),
    date: tanggal(meta.date, o.timezone),
    verifyUrl: meta.verifyUrl,
    ...(o.timezone ? { timeZone: o.timezone } : {}),
  };
  const inst = data.institution?.name ?? '';
  const ref = data.caseNumber ? `Nomor agenda kasus: ${data.caseNumber}.` : '';
  const pimpinan = addressee(`Pimpinan ${inst || '-'}`, 'Tempat');
  switch (kind) {
    case 'receipt': {
      // Signed by the office's receiving officer, never by the applicant who submitted.
      const receiver = data.receiver ?? (data.signer?.name ? data.signer : undefined);
      return {
        ...base,
        form: 'titled',
        title: data.outputName ?? KINDS.receipt.id,
        sections: [
          {
            paragraphs: [
              `Telah diterima oleh ${o.name} dari ${inst || '-'} berkas permohonan: ${data.caseTitle ?? '-'}.`,
              ref,
              ...applicationSummary(data.application),
              'Tanda terima ini bukan merupakan persetujuan atas permohonan. Permohonan diproses sesuai standar operasional prosedur dan perkembangannya dapat diikuti di Gerbang.',
            ].filter(Boolean),
          },
        ],
        signatures: [
          receiver ? person(`Petugas Penerima,\n${receiver.position || o.name}`, receiver) : headSignatory(o),
        ],
      };
    }
    case 'surat_pengantar':
      return {
        ...base,
        lampiran: data.application ? '1 (satu) berkas' : '-',
        to: addressee(DIRJEN, 'Jakarta'),
        subject: `Permohonan hak akses pemanfaatan data kependudukan ${inst}`,
        sections: [
          {
            paragraphs: [
              `Bersama ini kami sampaikan permohonan hak akses pemanfaatan data kependudukan dari ${inst} dengan muatan sebagaimana dimaksud Permendagri Nomor 102 Tahun 2019:`,
              ...applicationSummary(data.application),
              `Demikian kami sampaikan untuk dapat diproses lebih lanjut. ${ref}`.trim(),
            ],
          },
        ],
        signatures: [headSignatory(o)],
      };
    case 'approval_letter':
    case 'rejection_letter': {
      const ok = kind === 'approval_letter';
      return {
        ...base,
        to: pimpinan,
        subject: ok
          ? 'Persetujuan pemanfaatan data kependudukan'
          : 'Penolakan permohonan pemanfaatan data kependudukan',
        sections: [
          {
            paragraphs: [
              ok
                ? `Menindaklanjuti permohonan hak akses pemanfaatan data kependudukan dari ${inst}, dengan ini kami sampaikan bahwa permohonan tersebut DISETUJUI, untuk ditindaklanjuti dengan Perjanjian Kerja Sama dan petunjuk teknis.`
                : `Menindaklanjuti permohonan hak akses pemanfaatan data kependudukan dari ${inst}, dengan ini kami sampaikan bahwa permohonan tersebut TIDAK DAPAT DISETUJUI.`,
              ...(data.comment ? [`Catatan: ${data.comment}`] : []),
              ref,
              'Demikian disampaikan, atas perhatiannya diucapkan terima kasih.',
            ].filter(Boolean),
          },
        ],
        signatures: [headSignatory(o)],
        cc: accessCc(o),
      };
    }
    case 'draft_pks':
    case 'pks':
    case 'juknis':
      return agreementLayout(kind, data, base, head);
    case 'access_letter': {
      const a = data.agreement;
      const service = meta.serviceUrl ?? '';
      const methods = data.application?.methods ?? data.pks?.methods ?? [];
      const facts = [
        ...(a
          ? [`Nomor Perjanjian Kerja Sama: ${a.number}${a.signedOn ? `, tanggal ${tanggal(a.signedOn)}` : ''}`]
          : []),
        ...(service ? [`Alamat layanan (web service/API): ${service}/api/v1`, `Alamat portal web: ${service}`] : []),
        ...(methods.length ? [`Metode akses: ${methods.map((m) => METHOD_NAMES[m] ?? m).join(', ')}`] : []),
      ].map((f, n) => `${String.fromCharCode(97 + n)}) ${f}`);
      return {
        ...base,
        sifat: 'Penting',
        to: pimpinan,
        subject: 'Pemberian hak akses pemanfaatan data kependudukan',
        sections: [
          {
            paragraphs: [
              `Menindaklanjuti Perjanjian Kerja Sama${a ? ` Nomor ${a.number}${a.signedOn ? ` tanggal ${tanggal(a.signedOn)}` : ''}` : ''}, kepada ${inst} diberikan hak akses pemanfaatan data kependudukan sesuai elemen dan metode yang tercantum dalam Perjanjian Kerja Sama tersebut, dengan keterangan sebagai berikut:`,
              ...facts,
              'User ID dan kata sandi diserahkan terpisah kepada pengguna yang ditunjuk dan hanya ditampilkan satu kali. Hak akses hanya digunakan sesuai Perjanjian Kerja Sama; penggunaannya tercatat dan dilaporkan setiap semester.',
              ref,
            ].filter(Boolean),
          },
        ],
        signatures: [headSignatory(o)],
        cc: accessCc(o),
      };
    }
    case 'usage_report': {
      const r = data.report;
      return {
        ...base,
        issuer: {
          name: inst || base.issuer.name,
          parent: 'Lembaga Pengguna Data Kependudukan',
          address: data.institution?.address ?? '',
          emblem: null,
        },
        form: 'titled',
        place: '',
        lampiran: '-',
        to: `${head} di ${place(o) || 'Tempat'}`,
        subject: r ? `Laporan penggunaan data kependudukan ${r.semester}` : undefined,
        sections: r ? reportSections(r) : [{ paragraphs: ['(isi laporan belum tersedia)'] }],
        signatures: [{ title: `Pimpinan ${inst}`, name: r?.signer ?? '' }],
      };
    }
    case 'warning_letter':
    case 'sanction_letter':
    case 'reactivation_letter': {
      const l = data.ladder ?? { items: [], on: '' };
      const opening =
        kind === 'warning_letter'
          ? `Berdasarkan catatan kami, kewajiban ${inst} berikut telah melewati batas waktunya dan belum dipenuhi:`
          : kind === 'sanction_letter'
            ? `Kewajiban ${inst} berikut telah terlambat lebih dari tiga bulan:`
            : `Kewajiban ${inst} yang terlambat telah dipenuhi dan diterima. Hak akses yang dihentikan sementara sejak ${tanggal(l.suspendedOn ?? '')} berkaitan dengan kewajiban berikut:`;
      const closing =
        kind === 'warning_letter'
          ? 'Mohon kewajiban tersebut segera dipenuhi melalui Gerbang. Apabila lebih dari tiga bulan sejak batas waktu belum dipenuhi, hak akses pemanfaatan data kependudukan dihentikan sementara sesuai Perjanjian Kerja Sama.'
          : kind === 'sanction_letter'
            ? `Sesuai Perjanjian Kerja Sama, hak akses pemanfaatan data kependudukan ${inst} DIHENTIKAN SEMENTARA sejak ${tanggal(l.on)} melalui semua metode akses, sampai seluruh kewajiban yang terlambat dipenuhi dan diterima. Hak akses diaktifkan kembali secara otomatis sesudahnya.`
            : `Dengan demikian hak akses pemanfaatan data kependudukan ${inst} DIAKTIFKAN KEMBALI sejak ${tanggal(l.on)}, sesuai Perjanjian Kerja Sama yang berlaku.`;
      return {
        ...base,
        sifat: kind === 'reactivation_letter' ? 'Biasa' : 'Penting',
        to: pimpinan,
        subject:
          kind === 'warning_letter'
            ? 'Peringatan atas kewajiban yang terlambat'
            : kind === 'sanction_letter'
              ? 'Penghentian sementara hak akses pemanfaatan data kependudukan'
              : 'Pengaktifan kembali hak akses pemanfaatan data kependudukan',
        sections: [{ paragraphs: [opening, ...ladderList(l), closing] }],
        signatures: [headSignatory(o)],
        cc: accessCc(o),
      };
    }
    case 'campaign_report':
      return {
        ...base,
        form: 'titled',
        to: DIRJEN,
        subject: data.campaign?.title,
        sections: data.campaign
          ? campaignReportSections(data.campaign)
          : [{ paragraphs: ['(isi laporan belum tersedia)'] }],
        signatures: [
          person(
            'Disusun oleh',
            data.signer ?? { name: data.campaign?.preparedBy ?? '', nip: '', rank: '', position: '' },
          ),
          headSignatory(o),
        ],
      };
    case 'nota_dinas':
    case 'sk_tim':
    case 'record': {
      const by = data.signer ?? (data.actor ? { name: data.actor, nip: '', rank: '', position: '' } : undefined);
      return {
        ...base,
        form: 'titled',
        title: kind === 'record' ? (data.outputName ?? KINDS.record.id) : (data.outputName ?? KINDS[kind].id),
        ...(kind === 'sk_tim'
          ? { subject: `tentang Tim Pemanfaatan Data Kependudukan untuk Permohonan ${inst || '-'}` }
          : data.caseTitle
            ? { subject: data.caseTitle }
            : {}),
        ...(kind === 'nota_dinas' ? { to: head } : {}),
        sections: [
          {
            paragraphs: [
              ...(kind === 'sk_tim'
                ? [
                    `Membentuk Tim Pemanfaatan Data untuk memproses permohonan ${inst}, dengan tugas menelaah kelengkapan, menyiapkan Perjanjian Kerja Sama dan petunjuk teknis, dan melaporkan hasilnya kepada ${head}.`,
                  ]
                : []),
              ...(data.step ? [`Langkah: ${data.step}`] : []),
              ...(data.decision ? [`Keputusan: ${data.decision}`] : []),
              ...(data.comment ? [`Catatan: ${data.comment}`] : []),
              ref,
            ].filter(Boolean),
          },
        ],
        signatures: [
          kind === 'sk_tim' || !by
            ? headSignatory(o)
            : person(by.position || (kind === 'record' ? 'Dibuat oleh' : o.name), by),
        ],
      };
    }
  }
}
