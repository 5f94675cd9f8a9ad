/**
 * The action vocabulary of SOP steps. Effects are declared, never inferred: a step (or a decision branch) says
 * what completing it does, and the server runs exactly that — output names stay free text for the printed sheet.
 * Pure: the server's case module dispatches each action to the module that owns the case's subject.
 */
import type { Message } from '../errors.js';
import type { ActionFile } from './schema.js';
import type { ActionWord, ProducedKind, SopActor, StepAction } from './types.js';

/** Each action word, who may hold its step, and what it does (for docs, `sop check` and the sheet). */
export const ACTION_WORDS: Record<
  ActionWord,
  { holder: 'institution' | 'office' | 'pusat' | 'parties'; does: Message }
> = {
  'application.submit': {
    holder: 'institution',
    does: {
      id: 'lembaga mengajukan permohonan (langkah ini selesai saat permohonan diajukan di Gerbang)',
      en: 'the institution submits its application (the step is done when the application is submitted)',
    },
  },
  'pks.draft': {
    holder: 'office',
    does: {
      id: 'menyusun naskah PKS dari permohonan (atau naskah adendum/perpanjangan)',
      en: 'drafts the PKS from the application (or the addendum/renewal text)',
    },
  },
  'pks.submit': {
    holder: 'office',
    does: { id: 'mengajukan naskah PKS untuk ditelaah', en: 'submits the PKS text for review' },
  },
  'pks.approve': {
    holder: 'pusat',
    does: {
      id: 'Dirjen menyetujui naskah PKS (pada cabang persetujuan)',
      en: 'the Director General approves the PKS text (on the approving branch)',
    },
  },
  'pks.sign': {
    holder: 'parties',
    does: {
      id: 'para pihak menandatangani naskah (langkah bersama: menunggu semua pihak)',
      en: 'the parties sign the text (a joint step: waits for every party)',
    },
  },
  'pks.activate': {
    holder: 'office',
    does: { id: 'memberlakukan PKS yang sudah ditandatangani', en: 'puts the signed PKS in force' },
  },
  'juknis.approve': {
    holder: 'office',
    does: {
      id: 'menyetujui petunjuk teknis; hak akses baru dapat dibuka sesudahnya',
      en: 'approves the technical guidelines; access can be provisioned only after',
    },
  },
  'access.request': {
    holder: 'office',
    does: {
      id: 'mencatat permohonan User ID dan IP address kepada Dirjen',
      en: 'records the request for User ID and IP address to the Director General',
    },
  },
  'trial.result': {
    holder: 'office',
    does: { id: 'mencatat hasil uji coba koneksi', en: 'records the result of the connection trial' },
  },
  'report.accept': {
    holder: 'office',
    does: {
      id: 'menerima laporan penggunaan semester (pada cabang penerimaan)',
      en: 'accepts the semester usage report (on the accepting branch)',
    },
  },
  'report.return': {
    holder: 'office',
    does: {
      id: 'mengembalikan laporan kepada lembaga dengan catatan untuk diperbaiki',
      en: 'returns the report to the institution with notes for correction',
    },
  },
  'campaign.prepare': {
    holder: 'office',
    does: {
      id: 'Gerbang menyiapkan data dukung pengendalian per lembaga (penggunaan, penolakan, anomali, kewajiban, PKS, operator, kredensial, perangkat, IP) dan membekukannya',
      en: 'Gerbang prepares the control data dukung per institution (usage, refusals, anomalies, obligations, PKS, operators, credentials, devices, IP) and freezes it',
    },
  },
  'campaign.visit': {
    holder: 'office',
    does: {
      id: 'mencatat kunjungan lapangan: langkah ini selesai bila daftar periksa setiap lembaga sudah diisi',
      en: "records the field visit: the step is done once every institution's checklist is filled in",
    },
  },
  'campaign.report': {
    holder: 'office',
    does: {
      id: 'menyusun Laporan Hasil Pengendalian dan Pengamanan Pemanfaatan Data Kependudukan (PDF bernomor dengan QR) dari kampanye',
      en: 'produces the control report (numbered PDF with QR) from the campaign',
    },
  },
  'report.resubmit': {
    holder: 'institution',
    does: {
      id: 'lembaga memperbaiki dan menyampaikan kembali laporannya (langkah ini selesai saat laporan disampaikan kembali di Gerbang)',
      en: 'the institution corrects and resubmits its report (the step is done when the report is resubmitted)',
    },
  },
  'anomaly.decide': {
    holder: 'office',
    does: {
      id: 'peninjau memutuskan temuan anomali: benar atau keliru, dan memulihkan atau mencabut yang ditangguhkan (langkah ini selesai saat keputusan dicatat di Gerbang)',
      en: 'the reviewer decides an anomaly finding: true or false, and resumes or revokes what was suspended (the step is done when the decision is recorded)',
    },
  },
};

/** Action words of a control campaign (purpose control or evaluation), not of a PKS. */
export const CAMPAIGN_WORDS: readonly ActionWord[] = ['campaign.prepare', 'campaign.visit', 'campaign.report'];
/** Action words of the semester report review (purpose report_review), not of a PKS. */
export const REPORT_WORDS: readonly ActionWord[] = ['report.accept', 'report.return', 'report.resubmit'];
/** Action words of the review of an anomaly finding (purpose anomaly_review). */
export const ANOMALY_WORDS: readonly ActionWord[] = ['anomaly.decide'];

/** Documents `produce` can make, with what each is. */
export const PRODUCED_KINDS: Record<ProducedKind, Message> = {
  receipt: { id: 'tanda terima', en: 'receipt' },
  surat_pengantar: { id: 'surat pengantar', en: 'cover letter' },
  nota_dinas: { id: 'nota dinas', en: 'internal memo' },
  sk_tim: { id: 'SK tim', en: 'team decree' },
  approval_letter: { id: 'surat persetujuan', en: 'approval letter' },
  rejection_letter: { id: 'surat penolakan', en: 'rejection letter' },
  access_letter: { id: 'surat pemberian hak akses', en: 'letter granting access' },
  record: { id: 'catatan', en: 'record' },
};

/** Order in which the PKS lifecycle actions must happen (the enforced minimum appends in this order). */
export const LIFECYCLE: readonly ActionWord[] = [
  'application.submit',
  'pks.draft',
  'pks.submit',
  'pks.approve',
  'pks.sign',
  'pks.activate',
  'juknis.approve',
  'access.request',
  'trial.result',
];

function isWord(w: string): w is ActionWord {
  return Object.hasOwn(ACTION_WORDS, w);
}

function isKind(k: string): k is ProducedKind {
  return Object.hasOwn(PRODUCED_KINDS, k);
}

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j] ?? 0;
      row[j] = Math.min(cur + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length] ?? 0;
}

/** The known word nearest to `word`. */
export function nearest(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = distance(word.toLowerCase(), k);
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return best;
}

/** Reads one action as written; on an unknown word or kind, the message names the nearest known one. */
export function readAction(a: ActionFile): { action: StepAction } | { problem: Message } {
  if (typeof a === 'string') {
    if (isWord(a)) return { action: { type: a } };
    const near = nearest(a, Object.keys(ACTION_WORDS));
    const produce = /^produce[:\s]/.exec(a) ? '; dokumen ditulis { produce: jenis }' : '';
    return {
      problem: {
        id: `aksi "${a}" tidak dikenal; maksudnya "${near}"?${produce} (kosakata: ${Object.keys(ACTION_WORDS).join(', ')}, { produce: … })`,
        en: `unknown action "${a}"; did you mean "${near}"? (vocabulary: ${Object.keys(ACTION_WORDS).join(', ')}, { produce: … })`,
      },
    };
  }
  if (isKind(a.produce))
    return { action: { type: 'produce', kind: a.produce, ...(a.title ? { title: a.title } : {}) } };
  const near = nearest(a.produce, Object.keys(PRODUCED_KINDS));
  return {
    problem: {
      id: `dokumen "${a.produce}" tidak dikenal; maksudnya "${near}"? (jenis: ${Object.keys(PRODUCED_KINDS).join(', ')})`,
      en: `unknown document kind "${a.produce}"; did you mean "${near}"? (kinds: ${Object.keys(PRODUCED_KINDS).join(', ')})`,
    },
  };
}

/** Whether an actor may hold a step with this action; undefined when it may, else why not. */
export function holderProblem(word: ActionWord, responsible: SopActor, all: readonly SopActor[]): Message | undefined {
  const holder = ACTION_WORDS[word].holder;
  const org = responsible.assignee.org;
  if (holder === 'parties') {
    const bad = all.find((a) => a.assignee.org === 'pusat');
    return bad
      ? {
          id: `${word}: penandatangan adalah para pihak (kantor dan lembaga), bukan "${bad.code}"`,
          en: `${word}: the signatories are the parties (office and institution), not "${bad.code}"`,
        }
      : undefined;
  }
  if (holder === 'pusat' && (org !== 'pusat' || responsible.assignee.role !== 'dirjen')) {
    return {
      id: `${word} hanya dapat dilakukan Dirjen (pelaksana kind dirjen), bukan "${responsible.code}"`,
      en: `${word} can only be done by the Director General (a pelaksana of kind dirjen), not "${responsible.code}"`,
    };
  }
  if (holder !== 'pusat' && org !== holder) {
    const who =
      holder === 'institution'
        ? { id: 'lembaga pengguna', en: 'the user institution' }
        : { id: 'kantor', en: 'the office' };
    return {
      id: `${word} dilakukan oleh ${who.id}, bukan "${responsible.code}"`,
      en: `${word} is done by ${who.en}, not "${responsible.code}"`,
    };
  }
  return undefined;
}

/** Whether a list of actions holds a word. */
export function hasAction(actions: readonly StepAction[], word: ActionWord): boolean {
  return actions.some((a) => a.type === word);
}
