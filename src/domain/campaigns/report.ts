/**
 * The "Laporan Hasil Pengendalian dan Pengamanan Pemanfaatan Data Kependudukan" (issue 13) as text sections:
 * scope, period, per institution its data dukung in short, the checklist's results, the findings with their
 * recommendations and the follow-ups' state. Pure: the documents module lays it out on the letterhead.
 */
import { tanggal } from '../tanggal.js';
import { ANSWER_TEXT, CHECKLIST_ITEMS, ITEM_TEXT, type Checklist } from './checklist.js';
import type { DataDukung } from './data-dukung.js';
import { FOLLOW_UP_TEXT, SEVERITY_TEXT, type FollowUpStatus, type Severity } from './finding.js';

/** What the report is made of (frozen in the document's version). */
export interface CampaignReportData {
  title: string;
  caseNumber: string;
  period: { from: string; to: string };
  institutions: {
    name: string;
    dataDukung: DataDukung | null;
    checklist: Checklist | null;
    findings: {
      severity: Severity;
      finding: string;
      recommendation: string;
      dueDate: string;
      status: FollowUpStatus;
    }[];
  }[];
  /** Who produced it (the step's holder). */
  preparedBy: string;
}

const angka = (n: number) => n.toLocaleString('id-ID');

function dukungLines(d: DataDukung | null): string[] {
  if (!d) return ['Data dukung belum disiapkan.'];
  const u = d.usage;
  return [
    `PKS: ${d.agreements.map((a) => a.number).join(', ') || '-'}.`,
    `Akses pada periode: ${angka(u.calls)} (dijawab ${angka(u.answered)}, ditolak ${angka(u.refused)}); penduduk yang dilayani: ${angka(u.residentsServed)}.`,
    `Anomali terdeteksi: ${angka(d.anomalies.total)} (terbuka ${angka(d.anomalies.open)}, berat ${angka(d.anomalies.high)}).`,
    `Laporan semester terlambat: ${d.lateReports.length ? d.lateReports.map((l) => `${l.label} (${angka(l.daysLate)} hari)`).join('; ') : 'tidak ada'}.`,
    `Data balikan terlambat: ${d.lateBalikan.length ? d.lateBalikan.map((l) => `${l.label} (${angka(l.daysLate)} hari)`).join('; ') : 'tidak ada'}.`,
    `PKS segera berakhir: ${d.pksExpiring.length ? d.pksExpiring.map((p) => `${p.number} (${tanggal(p.endDate)})`).join('; ') : 'tidak ada'}.`,
    `Operator: ${d.operators.length ? d.operators.map((o) => o.name).join(', ') : '-'}; kredensial: ${angka(d.credentials.length)}; perangkat card reader: ${angka(d.devices.length)}; rentang IP: ${d.ipRanges.join(', ') || '-'}.`,
  ];
}

/** The report's sections, in printed order. */
export function campaignReportSections(r: CampaignReportData): { heading?: string; paragraphs: string[] }[] {
  const sections: { heading?: string; paragraphs: string[] }[] = [
    {
      paragraphs: [
        `Dengan ini disampaikan hasil pengendalian dan pengamanan pemanfaatan data kependudukan (${r.title}) untuk periode ${tanggal(r.period.from)} sampai dengan ${tanggal(r.period.to)}, atas ${r.institutions.length} lembaga pengguna: ${r.institutions.map((i) => i.name).join('; ')}. Nomor agenda kasus: ${r.caseNumber}.`,
      ],
    },
  ];
  r.institutions.forEach((inst, n) => {
    const checklist = CHECKLIST_ITEMS.map((item, k) => {
      const a = inst.checklist?.[item];
      return `${k + 1}. ${ITEM_TEXT[item].id}: ${a ? ANSWER_TEXT[a.answer].id : 'belum diisi'}${a?.note ? ` — ${a.note}` : ''}.`;
    });
    const findings = inst.findings.length
      ? inst.findings.map(
          (f, k) =>
            `${k + 1}. [${SEVERITY_TEXT[f.severity].id}] ${f.finding} Rekomendasi: ${f.recommendation} Tindak lanjut paling lambat ${tanggal(f.dueDate)}: ${FOLLOW_UP_TEXT[f.status].id}.`,
        )
      : ['Tidak ada temuan.'];
    sections.push(
      {
        heading: `${String.fromCharCode(65 + (n % 26))}. ${inst.name}`,
        paragraphs: ['Data dukung:', ...dukungLines(inst.dataDukung)],
      },
      { paragraphs: ['Hasil pemeriksaan lapangan:', ...checklist] },
      { paragraphs: ['Temuan dan rekomendasi:', ...findings] },
    );
  });
  sections.push({
    paragraphs: [
      'Demikian laporan ini disampaikan. Angka data dukung diambil dari catatan Gerbang pada saat disiapkan; status tindak lanjut sebagaimana pada tanggal laporan ini.',
    ],
  });
  return sections;
}
