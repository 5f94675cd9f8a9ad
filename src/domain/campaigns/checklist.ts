/**
 * The visit checklist of a control campaign (issue 13): what the team checks at each institution, from the
 * Permendagri 102/2019 duties of a user of population data. Each item is answered yes, no or partial, with a note.
 * Pure: the campaigns service stores it and the report prints it.
 */
import type { Message } from '../errors.js';

/** The items checked at every visit, in printed order. */
export const CHECKLIST_ITEMS = [
  'network',
  'card_reader',
  'operators',
  'data_balikan',
  'no_disclosure',
  'purpose',
] as const;

/** One checklist item's code. */
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];

/** What the team may find for an item. */
export const CHECKLIST_ANSWERS = ['yes', 'no', 'partial'] as const;
/** What the team found for an item. */
export type ChecklistAnswer = (typeof CHECKLIST_ANSWERS)[number];

/** The answers of one institution's visit. */
export type Checklist = Partial<Record<ChecklistItem, { answer: ChecklistAnswer; note: string }>>;

/** What each item asks, as printed. */
export const ITEM_TEXT: Record<ChecklistItem, Message> = {
  network: {
    id: 'Akses dilakukan melalui jaringan tertutup dan aman (pernyataan jaringan)',
    en: 'Access runs over a closed and secure network (network statement)',
  },
  card_reader: {
    id: 'Card reader KTP-el digunakan untuk verifikasi tatap muka',
    en: 'The KTP-el card reader is used for face-to-face verification',
  },
  operators: {
    id: 'Operator yang mengakses data ditunjuk dengan nama',
    en: 'The operators who access the data are named',
  },
  data_balikan: { id: 'Data balikan disampaikan sesuai PKS', en: 'Data balikan is delivered as the PKS says' },
  no_disclosure: {
    id: 'Data tidak diberikan kepada pihak ketiga',
    en: 'The data is not disclosed to third parties',
  },
  purpose: {
    id: 'Data digunakan hanya untuk tujuan yang tercantum dalam PKS',
    en: 'The data is used only for the purpose stated in the PKS',
  },
};

/** Answers in words. */
export const ANSWER_TEXT: Record<ChecklistAnswer, Message> = {
  yes: { id: 'Ya', en: 'Yes' },
  no: { id: 'Tidak', en: 'No' },
  partial: { id: 'Sebagian', en: 'Partly' },
};

/** Whether every item is answered. */
export function checklistComplete(c: Checklist | null | undefined): boolean {
  return !!c && CHECKLIST_ITEMS.every((i) => c[i] !== undefined);
}

/** The items answered no or partial (what a finding usually follows from). */
export function checklistGaps(c: Checklist | null | undefined): ChecklistItem[] {
  return c ? CHECKLIST_ITEMS.filter((i) => c[i] && c[i].answer !== 'yes') : [];
}

/** Counts of answers, for the report's summary. */
export function checklistCounts(c: Checklist | null | undefined): Record<ChecklistAnswer, number> {
  const out: Record<ChecklistAnswer, number> = { yes: 0, no: 0, partial: 0 };
  for (const i of CHECKLIST_ITEMS) {
    const a = c?.[i];
    if (a) out[a.answer] += 1;
  }
  return out;
}
