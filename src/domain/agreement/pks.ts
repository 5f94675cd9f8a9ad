/**
 * The PKS (Perjanjian Kerja Sama) as data: what the rules require it to state, its canonical hash, a field-level
 * diff between versions, and its lifecycle. The PDF and the grants are both made from this record.
 */
import crypto from 'node:crypto';
import type { AccessMethod } from '../grant/grant.js';
import type { DataBalikanDuty } from '../balikan/kinds.js';

/**
 * One party's signatory as the text names them. `nip` and `rank` for a civil servant, `position` (jabatan) e.g. a
 * private company's "Direktur Utama". Optional and left out when blank, so contents drafted before them hash as
 * they did (canonical drops undefined keys).
 */
export interface Signatory {
  party: PksParty;
  name: string;
  title: string;
  nip?: string;
  position?: string;
  rank?: string;
}

/** The machine-readable content of one PKS version. */
export interface PksContent {
  parties: {
    office: { name: string; code: string; head: string };
    institution: { name: string; type: string; profitOriented: boolean; head: string };
  };
  purpose: string;
  rightsAndDuties: { office: string[]; institution: string[] };
  /** Element codes of the catalogue (UU 24/2013 art. 58(2)). */
  elements: string[];
  methods: AccessMethod[];
  dataBalikan: string;
  /**
   * The data balikan duties as data (domain/balikan): what is returned and how often; deliveries are tracked
   * against them. Optional, so contents without any hash as before.
   */
  dataBalikanDuties?: DataBalikanDuty[];
  /** The semester usage-report duty. */
  reporting: string;
  financing: { profitOriented: boolean; feePerNikRupiah: number; text: string };
  /** The ban on passing data to third parties or using it outside the PKS. */
  prohibition: string;
  duration: { startDate: string; endDate: string; months: number };
  signatories: Signatory[];
  /** Written legal basis, required when protected elements are granted. */
  legalBasis: string;
}

/**
 * Lifecycle states of a PKS. `scheduled`: signed and activated with a start date still to come; it yields no
 * grants until the scheduler puts it in force on that date (office local time).
 */
export const PKS_STATUSES = [
  'draft',
  'in_review',
  'approved',
  'signed',
  'scheduled',
  'active',
  'expiring',
  'expired',
  'terminated',
] as const;
export type PksStatus = (typeof PKS_STATUSES)[number];

/** How a version of a PKS came about: the first draft, a revision of the draft, an addendum, a renewal. */
export const PKS_VERSION_KINDS = ['original', 'revision', 'addendum', 'renewal'] as const;
export type PksVersionKind = (typeof PKS_VERSION_KINDS)[number];

/** A version's standing: the text in force, an addendum or renewal still in process, or one whose case refused it. */
export const PKS_VERSION_STATES = ['in_force', 'pending', 'rejected'] as const;
export type PksVersionState = (typeof PKS_VERSION_STATES)[number];

/** The two parties of a PKS whose signatories its text names. */
export const PKS_PARTIES = ['office', 'institution'] as const;
export type PksParty = (typeof PKS_PARTIES)[number];

const NEXT: Record<PksStatus, readonly PksStatus[]> = {
  draft: ['in_review', 'terminated'],
  in_review: ['draft', 'approved', 'terminated'],
  approved: ['signed', 'terminated'],
  signed: ['scheduled', 'active', 'expiring', 'terminated'],
  scheduled: ['active', 'expiring', 'expired', 'terminated'],
  active: ['expiring', 'expired', 'terminated'],
  expiring: ['active', 'expired', 'terminated'],
  expired: [],
  terminated: [],
};

/** Whether the lifecycle allows moving from one state to another (terminated is reachable from any live state). */
export function canMove(from: PksStatus, to: PksStatus): boolean {
  return NEXT[from].includes(to);
}

/** A PKS that yields grants: signed and in force. */
export function inForce(status: PksStatus): boolean {
  return status === 'active' || status === 'expiring';
}

/** JSON with keys sorted at every level, so equal content hashes equally. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The content hash that grants and audit records cite. */
export function pksHash(content: PksContent): string {
  return crypto.createHash('sha256').update(canonical(content)).digest('hex');
}

/** One changed field between two versions. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** Field-level differences between two contents, by dotted path; arrays compare as sets of values. */
export function diffContent(a: unknown, b: unknown, prefix = ''): FieldChange[] {
  if (Array.isArray(a) && Array.isArray(b)) {
    return canonical([...a].map(canonical).sort()) === canonical([...b].map(canonical).sort())
      ? []
      : [{ field: prefix, before: a, after: b }];
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) =>
      diffContent((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], prefix ? `${prefix}.${k}` : k),
    );
  }
  // A field present on one side only reads as null on the other, so every change has both sides.
  return canonical(a) === canonical(b) ? [] : [{ field: prefix, before: a ?? null, after: b ?? null }];
}

/** Expiry notices due on `today` (YYYY-MM-DD) for a PKS ending on `endDate`, not yet sent: 90 and 30 days before. */
export function dueNotices(endDate: string, today: string, sent: readonly string[]): ('90' | '30')[] {
  const days = Math.round((Date.parse(`${endDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  const out: ('90' | '30')[] = [];
  if (days <= 90 && days >= 0 && !sent.includes('90')) out.push('90');
  if (days <= 30 && days >= 0 && !sent.includes('30')) out.push('30');
  return out;
}

/** The status a running PKS should have on `today`: active, expiring (90 days or less left) or expired. */
export function statusOn(status: PksStatus, endDate: string | null, today: string): PksStatus {
  if (!inForce(status) || !endDate) return status;
  if (today > endDate) return 'expired';
  const days = Math.round((Date.parse(`${endDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  return days <= 90 ? 'expiring' : 'active';
}

/** Adds whole months to a date (YYYY-MM-DD) and steps back a day: a 12-month PKS from 2026-01-01 ends 2026-12-31. */
export function endAfterMonths(startDate: string, months: number): string {
  const d = new Date(`${startDate}T00:00:00Z`);
  const end = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate()));
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

/** The fee per NIK a profit-oriented user pays up front (PP 10/2023); government and public service pay nothing. */
export function feePerNik(profitOriented: boolean, methods: readonly AccessMethod[]): number {
  if (!profitOriented) return 0;
  return methods.some((m) => m === 'web_service' || m === 'web_portal') ? 1000 : 0;
}
