/**
 * The data of the official SOP AP sheet (Permenpan RB 35/2012): the header block, then the procedure
 * table with one column per pelaksana in which the flowchart is drawn with the five standard symbols.
 * Renders nothing: the PDF and web renderers draw from this model, so both show the same sheet.
 */
import type { SopHeader } from './schema.js';
import type { SopDefinition, SopStep } from './types.js';
import { formatDuration, waktuText } from './waktu.js';

/** The flowchart symbol drawn for a step. */
export type SheetSymbol = 'process' | 'decision';

/** An arrow leaving a step's symbol. */
export interface SheetArrow {
  /** A step id or an end id. */
  to: string;
  /** The branch label (Ya, Tidak, Sesuai, …) for a decision. */
  label?: string;
  /** next: plain flow; branch: a decision branch; loop: goes back up the table (revision); fork: one of parallel arrows. */
  kind: 'next' | 'branch' | 'loop' | 'fork';
  /** When the target is on another page: the off-page connector letter/number at both ends. */
  connector?: string;
}

/** A terminator capsule. */
export interface SheetTerminator {
  label: string;
  /** The column (pelaksana index) it is drawn in. */
  column: number;
  /** For an end: its id and outcome. */
  endId?: string;
  outcome?: 'selesai' | 'ditolak' | 'batal';
}

/** One row of the procedure table. */
export interface SheetRow {
  stepId: string;
  no: string;
  kegiatan: string;
  /** Page of the table the row is on, from 1. */
  page: number;
  symbol: SheetSymbol;
  /** Column of the responsible pelaksana (where the symbol goes). */
  column: number;
  /** Columns of the other pelaksana taking part (drawn as a bracketed span or a second box). */
  alsoColumns: number[];
  /** Per pelaksana column: whether this row has the symbol there (true only in `column`). */
  cells: boolean[];
  /** The decision question, for the diamond. */
  question?: string;
  arrows: SheetArrow[];
  /** The start capsule, drawn above this row's symbol (the first step only). */
  startTerminator?: SheetTerminator;
  /** End capsules this row's arrows lead to, drawn below it. */
  endTerminators: SheetTerminator[];
  /** For a step that waits on parallel steps: their ids (the join). */
  joins: string[];
  /** Off-page connectors arriving at this row from a previous page. */
  connectorsIn: string[];
  kelengkapan: string[];
  waktu: string;
  output: string[];
  keterangan: string;
}

/** Everything a renderer needs to draw the sheet. */
export interface SheetModel {
  office: SopDefinition['office'];
  header: SopHeader;
  columns: { code: string; name: string; kind: string }[];
  rows: SheetRow[];
  pages: number;
  /** The printed total (if any) and the sum of the standard times. */
  totalWaktu: { declared?: string; sum: string; sumDeadline: string };
}

/** Options of the sheet layout. */
export interface SheetOptions {
  /** Rows per page of the procedure table before an off-page connector is needed (default 10). */
  rowsPerPage?: number;
}

/** Builds the sheet model of a definition. */
export function sheetModel(def: SopDefinition, options: SheetOptions = {}): SheetModel {
  const perPage = Math.max(1, options.rowsPerPage ?? 10);
  const columnOf = new Map(def.pelaksana.map((p, i) => [p.code, i]));
  const stepById = new Map(def.steps.map((s) => [s.id, s]));
  const endById = new Map(def.ends.map((e) => [e.id, e]));
  const pageOf = (s: SopStep): number => Math.floor(s.index / perPage) + 1;

  let connectorSeq = 0;
  const connectorsIn = new Map<string, string[]>();
  const rows: SheetRow[] = def.steps.map((s) => {
    const column = columnOf.get(s.pelaksana[0] ?? '') ?? 0;
    const arrows: SheetArrow[] = [];
    const endTerminators: SheetTerminator[] = [];
    const targets: { to: string; label?: string }[] =
      s.flow.type === 'decision'
        ? s.flow.branches.flatMap((b) => b.to.map((to) => ({ to, label: b.label })))
        : s.flow.to.map((to) => ({ to }));
    for (const tg of targets) {
      const target = stepById.get(tg.to);
      let kind: SheetArrow['kind'] = s.flow.type === 'decision' ? 'branch' : targets.length > 1 ? 'fork' : 'next';
      if (target && target.index <= s.index) kind = 'loop';
      const arrow: SheetArrow = { to: tg.to, kind, ...(tg.label ? { label: tg.label } : {}) };
      if (target && pageOf(target) !== pageOf(s)) {
        // Numbered connectors, as the printed sheets do with a pentagon on each page.
        connectorSeq += 1;
        arrow.connector = String(connectorSeq);
        connectorsIn.set(target.id, [...(connectorsIn.get(target.id) ?? []), arrow.connector]);
      }
      arrows.push(arrow);
      const end = endById.get(tg.to);
      if (end) endTerminators.push({ label: end.label, column, endId: end.id, outcome: end.outcome });
    }
    return {
      stepId: s.id,
      no: s.no,
      kegiatan: s.kegiatan,
      page: pageOf(s),
      symbol: s.flow.type === 'decision' ? 'decision' : 'process',
      column,
      alsoColumns: s.pelaksana.slice(1).map((c) => columnOf.get(c) ?? 0),
      cells: def.pelaksana.map((_, i) => i === column),
      ...(s.flow.type === 'decision' ? { question: s.flow.question } : {}),
      arrows,
      ...(s.id === def.start ? { startTerminator: { label: 'Mulai', column } } : {}),
      endTerminators,
      joins: [...s.join],
      connectorsIn: [],
      kelengkapan: [...s.kelengkapan],
      waktu: s.waktuTertulis ?? waktuText(s.waktu),
      output: [...s.output],
      // Those informed (tembusan) are printed where the sheet notes the step, as offices write them.
      keterangan: [
        s.keterangan ?? '',
        s.informed.length
          ? `Tembusan: ${s.informed.map((c) => def.pelaksana.find((p) => p.code === c)?.name ?? c).join(', ')}`
          : '',
      ]
        .filter(Boolean)
        .join(' — '),
    };
  });
  for (const r of rows) r.connectorsIn = connectorsIn.get(r.stepId) ?? [];
  return {
    office: def.office,
    header: def.header,
    columns: def.pelaksana.map((p) => ({ code: p.code, name: p.name, kind: p.kind })),
    rows,
    pages: Math.max(1, Math.ceil(def.steps.length / perPage)),
    totalWaktu: {
      ...(def.declaredTotal ? { declared: def.declaredTotal.text } : {}),
      sum: formatDuration(def.sumOfStandardTimes.target),
      sumDeadline: formatDuration(def.sumOfStandardTimes.deadline),
    },
  };
}
