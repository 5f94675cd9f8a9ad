import { KINDS, type DocumentKind } from '../../../domain/documents.js';
import { tanggal } from '../../../domain/tanggal.js';
import type { ApplicationContent } from '../../../domain/application.js';
import type { PksContent } from '../../../domain/agreement/pks.js';
import { elementByCode } from '../../../domain/elements/elements.js';
import type { LetterLayout } from './letter-pdf.js';
import { agreementLayout, elementList, METHOD_NAMES } from './pks-template.js';
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
  /** A semester usage report (kind usage_report). */
  report?: ReportLetterData;
  /** A warning, suspension or reactivation letter of the obligations ladder. */
  ladder?: LadderLetterData;
  /** A control campaign's report (kind campaign_report, issue 13). */
  campaign?: CampaignReportData;
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
    case 'pks':
    case 'juknis':
      return agreementLayout(kind, data, base, head);
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
    case 'usage_report': {
      const r = data.report;
      return {
        ...base,
        issuer: {
          name: inst || base.issuer.name,
          parent: 'Lembaga Pengguna Data Kependudukan',
          address: data.institution?.address ?? '',
        },
        place: '',
        to: head,
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
        to: `Pimpinan ${inst}`,
        subject:
          kind === 'warning_letter'
            ? 'Peringatan atas kewajiban yang terlambat'
            : kind === 'sanction_letter'
              ? 'Penghentian sementara hak akses pemanfaatan data kependudukan'
              : 'Pengaktifan kembali hak akses pemanfaatan data kependudukan',
        sections: [{ paragraphs: [opening, ...ladderList(l), closing] }],
        signatures: [{ title: head, name: '' }],
      };
    }
    case 'campaign_report':
      return {
        ...base,
        to: 'Direktur Jenderal Kependudukan dan Pencatatan Sipil Kementerian Dalam Negeri',
        subject: data.campaign?.title,
        sections: data.campaign
          ? campaignReportSections(data.campaign)
          : [{ paragraphs: ['(isi laporan belum tersedia)'] }],
        signatures: [
          { title: 'Disusun oleh', name: data.campaign?.preparedBy ?? '' },
          { title: head, name: '' },
        ],
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
