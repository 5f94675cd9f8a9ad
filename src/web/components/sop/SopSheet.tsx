/**
 * The official SOP AP sheet (Permenpan RB 35/2012) in HTML/SVG, from the same sheet model as the PDF:
 * the identity block, then the procedure table per page with the flowchart drawn across the pelaksana
 * columns (terminator, process, decision, arrows, off-page connectors). Each row draws its own part of the
 * flowchart in an SVG anchored at the row's top, centre and bottom, so rows can grow with their text.
 * Printable: @media print hides everything but the sheet.
 */
import type { ReactElement, ReactNode } from 'react';
import type { SheetArrow, SheetModel, SheetRow } from '../../../domain/sop/sheet.js';
import { tanggal } from '../../../domain/tanggal.js';

/** Width of one pelaksana column, px. */
const CW = 92;
const PROC_H = 24;
const DEC_H = 32;
const CAP_H = 18;
const PENT = 16;
const GAP = 10;

type Side = 'bottom' | 'left' | 'right';
type Anchor = 'top' | 'center' | 'bottom';

/** A vertical line between two anchors of a row (drawn under the symbols). */
interface VLine {
  x: number;
  from: Anchor;
  to: Anchor;
}

/** Everything one row draws. Shapes are relative to the centre line, unless in `top`/`bottom`. */
interface RowDrawing {
  vlines: VLine[];
  center: ReactNode[];
  top: ReactNode[];
  bottom: ReactNode[];
  minHeight: number;
}

function kopLines(officeName: string): string[] {
  const m = /^(.*?)\s+((?:Kabupaten|Kota|Provinsi)\s+.+)$/i.exec(officeName);
  if (!m?.[1] || !m[2]) return [officeName.toUpperCase()];
  return [`PEMERINTAH ${m[2].toUpperCase()}`, m[1].toUpperCase()];
}

function List({ items }: { items: readonly string[] }): ReactElement {
  if (items.length === 0) return <>-</>;
  if (items.length === 1) return <>{items[0]}</>;
  return (
    <ol className="sop-sheet__list">
      {items.map((t, i) => (
        <li key={i}>{t}</li>
      ))}
    </ol>
  );
}

// ---------------------------------------------------------------- geometry

const cx = (col: number): number => col * CW + CW / 2;

/** Horizontal extent of a row's symbol: the responsible column, or the span with adjacent co-pelaksana. */
function symbolExtent(row: SheetRow): { left: number; right: number; half: number } {
  if (row.symbol === 'decision') return { left: cx(row.column) - 30, right: cx(row.column) + 30, half: DEC_H / 2 };
  const cols = [row.column, ...row.alsoColumns].sort((a, b) => a - b);
  const from = cols[0] ?? row.column;
  const to = cols[cols.length - 1] ?? row.column;
  const contiguous = to - from === cols.length - 1;
  const inset = 10;
  return contiguous
    ? { left: from * CW + inset, right: (to + 1) * CW - inset, half: PROC_H / 2 }
    : { left: row.column * CW + inset, right: (row.column + 1) * CW - inset, half: PROC_H / 2 };
}

function arrowHead(x: number, y: number, dir: 'down' | 'left' | 'right', key: string): ReactElement {
  const s = 5;
  const pts =
    dir === 'down'
      ? `${x},${y} ${x - s / 1.6},${y - s} ${x + s / 1.6},${y - s}`
      : dir === 'right'
        ? `${x},${y} ${x - s},${y - s / 1.6} ${x - s},${y + s / 1.6}`
        : `${x},${y} ${x + s},${y - s / 1.6} ${x + s},${y + s / 1.6}`;
  return <polygon key={key} points={pts} className="sop-sheet__head" />;
}

/** Average width of a character of the 8px symbol text, px (Arial/Helvetica), to wrap a capsule's label. */
const CHAR_W = 4.6;
const LINE_H = 9.5;

/** A terminator's label in lines that fit its width: a long end label wraps instead of running out of the capsule. */
function capsuleLines(label: string, w: number): string[] {
  const max = Math.max(4, Math.floor((w - 10) / CHAR_W));
  const lines: string[] = [];
  for (const word of label.split(/\s+/).filter(Boolean)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && (last + ' ' + word).length <= max) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.length ? lines : [''];
}

/** Height of a capsule with its wrapped label. */
function capsuleH(label: string, w: number): number {
  return Math.max(CAP_H, capsuleLines(label, w).length * LINE_H + 6);
}

function capsule(x: number, y: number, w: number, label: string, key: string): ReactElement {
  const lines = capsuleLines(label, w);
  const h = capsuleH(label, w);
  const first = y + h / 2 - ((lines.length - 1) * LINE_H) / 2 + 3;
  return (
    <g key={key}>
      <rect x={x - w / 2} y={y} width={w} height={h} rx={Math.min(h / 2, CAP_H / 2)} className="sop-sheet__sym" />
      <text textAnchor="middle" className="sop-sheet__symtext">
        {lines.map((l, n) => (
          <tspan key={n} x={x} y={first + n * LINE_H}>
            {l}
          </tspan>
        ))}
      </text>
    </g>
  );
}

function pentagon(x: number, y: number, label: string, key: string): ReactElement {
  const w = PENT / 2;
  return (
    <g key={key}>
      <polygon
        points={`${x - w},${y} ${x + w},${y} ${x + w},${y + PENT * 0.6} ${x},${y + PENT} ${x - w},${y + PENT * 0.6}`}
        className="sop-sheet__sym"
      />
      <text x={x} y={y + 9} textAnchor="middle" className="sop-sheet__symtext sop-sheet__bold">
        {label}
      </text>
    </g>
  );
}

function branchText(
  label: string | undefined,
  x: number,
  y: number,
  anchor: 'start' | 'end',
  key: string,
): ReactElement | null {
  if (!label) return null;
  return (
    <text key={key} x={x} y={y} textAnchor={anchor} className="sop-sheet__label">
      {label}
    </text>
  );
}

/** Where each arrow leaves the symbol: sides are not shared by a decision's branches. */
function exitsOf(row: SheetRow, rowIndex: Map<string, number>, columns: number): { arrow: SheetArrow; side: Side }[] {
  const taken = new Set<Side>();
  const claim = (pref: Side[], needsColumn: boolean): Side => {
    const order = [...pref, ...(['bottom', 'right', 'left'] as Side[]).filter((s) => !pref.includes(s))];
    const fits = (s: Side): boolean =>
      !needsColumn || s === 'bottom' || (s === 'right' ? row.column + 1 < columns : row.column > 0);
    const side = order.find((s) => !taken.has(s) && fits(s)) ?? pref[0] ?? 'bottom';
    if (row.symbol === 'decision') taken.add(side);
    return side;
  };
  const rank = (a: SheetArrow): number => (a.connector ? 3 : !rowIndex.has(a.to) ? 2 : a.kind === 'loop' ? 1 : 0);
  return [...row.arrows]
    .sort((a, b) => rank(a) - rank(b))
    .map((arrow) => {
      const r = rank(arrow);
      if (r === 0) return { arrow, side: claim([targetSide(row, arrow, rowIndex)], false) };
      if (r === 1) return { arrow, side: claim(['right', 'left'], false) };
      return { arrow, side: claim(['bottom', 'right', 'left'], true) };
    });
}

function targetSide(row: SheetRow, arrow: SheetArrow, rowIndex: Map<string, number>): Side {
  const t = rowIndex.get(arrow.to);
  return t === undefined ? 'bottom' : t === row.column ? 'bottom' : t > row.column ? 'right' : 'left';
}

/** Draws a row: its symbol and what it starts, plus the parts of other rows' arrows passing through it. */
function rowDrawing(rows: SheetRow[], i: number, columns: number): RowDrawing {
  const row = rows[i];
  const d: RowDrawing = { vlines: [], center: [], top: [], bottom: [], minHeight: 0 };
  if (!row) return d;
  const colOf = new Map(rows.map((r) => [r.stepId, r.column]));
  const indexOf = new Map(rows.map((r, k) => [r.stepId, k]));
  const ext = symbolExtent(row);
  const x0 = cx(row.column);
  let above = ext.half;
  let below = ext.half;
  if (row.connectorsIn.length > 0) {
    row.connectorsIn.forEach((c, k) => d.center.push(pentagon(x0 + k * (PENT + 4), -above - GAP - PENT, c, `in${c}`)));
    d.center.push(
      <line key="inl" x1={x0} y1={-above - GAP} x2={x0} y2={-above} className="sop-sheet__line" />,
      arrowHead(x0, -above, 'down', 'inh'),
    );
    above += GAP + PENT;
  }
  if (row.startTerminator) {
    d.center.push(capsule(x0, -above - GAP - CAP_H, Math.min(CW - 16, 60), row.startTerminator.label, 'start'));
    d.center.push(
      <line key="sl" x1={x0} y1={-above - GAP} x2={x0} y2={-above} className="sop-sheet__line" />,
      arrowHead(x0, -above, 'down', 'sh'),
    );
    above += GAP + CAP_H;
  }
  for (const { arrow, side } of exitsOf(row, colOf, columns)) {
    below = drawExit(d, rows, row, arrow, side, ext, below, colOf, indexOf, i, columns);
  }
  d.center.push(symbol(row, ext));
  drawPassing(d, rows, i, colOf, indexOf);
  d.minHeight = 2 * Math.max(above, below) + 16;
  return d;
}

function symbol(row: SheetRow, ext: { left: number; right: number; half: number }): ReactElement {
  const x = cx(row.column);
  const extra = symbolExtentSeparate(row).map((c) => (
    <g key={`also${c}`}>
      <line
        x1={c < row.column ? ext.left : ext.right}
        y1={0}
        x2={c < row.column ? cx(c) + (ext.right - ext.left) / 2 : cx(c) - (ext.right - ext.left) / 2}
        y2={0}
        className="sop-sheet__line sop-sheet__dash"
      />
      <rect
        x={cx(c) - (ext.right - ext.left) / 2}
        y={-ext.half}
        width={ext.right - ext.left}
        height={2 * ext.half}
        className="sop-sheet__sym"
      />
    </g>
  ));
  const main =
    row.symbol === 'decision' ? (
      <polygon points={`${x},${-ext.half} ${ext.right},0 ${x},${ext.half} ${ext.left},0`} className="sop-sheet__sym" />
    ) : (
      <rect x={ext.left} y={-ext.half} width={ext.right - ext.left} height={2 * ext.half} className="sop-sheet__sym" />
    );
  return (
    <g key="sym">
      {extra}
      {main}
    </g>
  );
}

function symbolExtentSeparate(row: SheetRow): number[] {
  const cols = [row.column, ...row.alsoColumns].sort((a, b) => a - b);
  const contiguous = (cols[cols.length - 1] ?? 0) - (cols[0] ?? 0) === cols.length - 1;
  return contiguous ? [] : row.alsoColumns;
}

function exitPoint(ext: { left: number; right: number; half: number }, x0: number, side: Side): [number, number] {
  return side === 'bottom' ? [x0, ext.half] : [side === 'right' ? ext.right : ext.left, 0];
}

/** Lane x of a loop between two rows. */
function loopLane(src: SheetRow, tgt: SheetRow, side: Side, columns: number): number {
  const a = symbolExtent(src);
  const b = symbolExtent(tgt);
  const x = side === 'left' ? Math.min(a.left, b.left) - 6 : Math.max(a.right, b.right) + 6;
  return Math.min(columns * CW - 3, Math.max(3, x));
}

/** One arrow leaving the row's symbol. Returns the new extent below the centre. */
function drawExit(
  d: RowDrawing,
  rows: SheetRow[],
  row: SheetRow,
  arrow: SheetArrow,
  side: Side,
  ext: { left: number; right: number; half: number },
  below: number,
  colOf: Map<string, number>,
  indexOf: Map<string, number>,
  i: number,
  columns: number,
): number {
  const x0 = cx(row.column);
  const [sx, sy] = exitPoint(ext, x0, side);
  const k = `${arrow.to}-${side}`;
  const attach =
    arrow.connector ??
    (!colOf.has(arrow.to) ? (row.endTerminators.find((t) => t.endId === arrow.to)?.label ?? 'Selesai') : undefined);
  const targetIndex = indexOf.get(arrow.to);
  // A loop's lane goes up from its line: its label goes under the line; a side end's label above its capsule.
  const loops = attach === undefined && targetIndex !== undefined && targetIndex <= i;
  const sideEnd = attach !== undefined && arrow.connector === undefined && side !== 'bottom';
  const endH = attach !== undefined && arrow.connector === undefined ? capsuleH(attach, CW - 12) : CAP_H;
  d.center.push(
    branchText(
      arrow.label,
      sideEnd
        ? cx(side === 'right' ? row.column + 1 : row.column - 1) + (side === 'left' ? 1 : -1) * ((CW - 12) / 2)
        : side === 'left'
          ? sx - 3
          : sx + 3,
      side === 'bottom' || loops ? sy + 10 : sideEnd ? -endH / 2 - 3 : sy - 3,
      side === 'left' ? 'end' : 'start',
      `bl${k}`,
    ),
  );
  if (attach !== undefined) {
    const isConn = arrow.connector !== undefined;
    if (side === 'bottom') {
      const top = below + GAP;
      d.center.push(
        <line key={`al${k}`} x1={x0} y1={sy} x2={x0} y2={top} className="sop-sheet__line" />,
        arrowHead(x0, top, 'down', `ah${k}`),
      );
      d.center.push(isConn ? pentagon(x0, top, attach, `ap${k}`) : capsule(x0, top, CW - 12, attach, `ac${k}`));
      return top + (isConn ? PENT : endH);
    }
    const tx = cx(side === 'right' ? row.column + 1 : row.column - 1);
    const w = isConn ? PENT : CW - 12;
    const ex = side === 'right' ? tx - w / 2 : tx + w / 2;
    d.center.push(
      <line key={`al${k}`} x1={sx} y1={0} x2={ex} y2={0} className="sop-sheet__line" />,
      arrowHead(ex, 0, side, `ah${k}`),
    );
    d.center.push(isConn ? pentagon(tx, -PENT / 2, attach, `ap${k}`) : capsule(tx, -endH / 2, w, attach, `ac${k}`));
    // Room for the capsule and its label above it.
    return Math.max(below, endH / 2 + 12);
  }
  const target = indexOf.get(arrow.to);
  if (target === undefined) return below;
  if (target <= i) {
    const lane = loopLane(row, rows[target] ?? row, side, columns);
    d.center.push(<line key={`ll${k}`} x1={sx} y1={0} x2={lane} y2={0} className="sop-sheet__line" />);
    d.vlines.push({ x: lane, from: 'top', to: 'center' });
    return below;
  }
  const tx = cx(colOf.get(arrow.to) ?? row.column);
  if (side === 'bottom') {
    d.vlines.push({ x: x0, from: 'center', to: 'bottom' });
    if (tx !== x0) d.bottom.push(<line key={`bh${k}`} x1={x0} y1={-6} x2={tx} y2={-6} className="sop-sheet__line" />);
  } else {
    d.center.push(<line key={`h${k}`} x1={sx} y1={0} x2={tx} y2={0} className="sop-sheet__line" />);
    d.vlines.push({ x: tx, from: 'center', to: 'bottom' });
  }
  return below;
}

/** Parts of arrows from other rows: arriving here, or passing through on their way. */
function drawPassing(
  d: RowDrawing,
  rows: SheetRow[],
  i: number,
  colOf: Map<string, number>,
  indexOf: Map<string, number>,
): void {
  const row = rows[i];
  if (!row) return;
  const columns = Math.max(...rows.map((r) => Math.max(r.column, ...r.alsoColumns))) + 1;
  rows.forEach((src, s) => {
    const exits = exitsOf(src, colOf, columns);
    for (const { arrow, side } of exits) {
      const t = indexOf.get(arrow.to);
      if (t === undefined || arrow.connector) continue;
      if (t > s) forwardThrough(d, rows, src, arrow, side, s, t, i, colOf);
      else loopThrough(d, src, arrow, side, s, t, i, rows, columns);
    }
  });
}

function forwardThrough(
  d: RowDrawing,
  rows: SheetRow[],
  src: SheetRow,
  arrow: SheetArrow,
  side: Side,
  s: number,
  t: number,
  i: number,
  colOf: Map<string, number>,
): void {
  const tx = cx(colOf.get(arrow.to) ?? src.column);
  if (i > s && i < t) d.vlines.push({ x: tx, from: 'top', to: 'bottom' });
  const tgt = rows[t];
  if (i !== t || !tgt) return;
  d.vlines.push({ x: tx, from: 'top', to: 'center' });
  d.center.push(arrowHead(tx, -symbolExtent(tgt).half, 'down', `fh${src.stepId}-${side}`));
}

function loopThrough(
  d: RowDrawing,
  src: SheetRow,
  arrow: SheetArrow,
  side: Side,
  s: number,
  t: number,
  i: number,
  rows: SheetRow[],
  columns: number,
): void {
  const tgt = rows[t];
  if (!tgt) return;
  const lane = loopLane(src, tgt, side, columns);
  if (i > t && i < s) d.vlines.push({ x: lane, from: 'top', to: 'bottom' });
  if (i !== t) return;
  const e = symbolExtent(tgt);
  const edge = side === 'left' ? e.left : e.right;
  d.vlines.push({ x: lane, from: 'center', to: 'bottom' });
  d.center.push(
    <line key={`lt${src.stepId}`} x1={lane} y1={0} x2={edge} y2={0} className="sop-sheet__line" />,
    arrowHead(edge, 0, side === 'left' ? 'right' : 'left', `lh${src.stepId}`),
  );
}

// ---------------------------------------------------------------- rendering

const ANCHOR_Y: Record<Anchor, string> = { top: '0', center: '50%', bottom: '100%' };

function FlowCell({ drawing, columns }: { drawing: RowDrawing; columns: number }): ReactElement {
  const width = columns * CW;
  return (
    <td colSpan={columns} className="sop-sheet__flow" style={{ height: drawing.minHeight }}>
      <div className="sop-sheet__spacer" style={{ width }} />
      <svg className="sop-sheet__svg" width={width} height="100%" overflow="visible" aria-hidden="true">
        {Array.from({ length: columns - 1 }, (_, k) => (
          <line key={`g${k}`} x1={(k + 1) * CW} y1="0" x2={(k + 1) * CW} y2="100%" className="sop-sheet__grid" />
        ))}
        {drawing.vlines.map((v, k) => (
          <line key={`v${k}`} x1={v.x} y1={ANCHOR_Y[v.from]} x2={v.x} y2={ANCHOR_Y[v.to]} className="sop-sheet__line" />
        ))}
        <g>{drawing.top}</g>
        <svg y="100%" overflow="visible">
          {drawing.bottom}
        </svg>
        <svg y="50%" overflow="visible">
          {drawing.center}
        </svg>
      </svg>
    </td>
  );
}

function IdentityBlock({ sheet }: { sheet: SheetModel }): ReactElement {
  const h = sheet.header;
  const rows: [string, ReactNode][] = [
    ['Nomor SOP', h.nomor ?? '-'],
    ['Tanggal Pembuatan', tanggal(h.tanggalPembuatan)],
    ['Tanggal Revisi', tanggal(h.tanggalRevisi)],
    ['Tanggal Efektif', tanggal(h.tanggalEfektif)],
    ...(h.tanggalPengesahan ? [['Tanggal Pengesahan', tanggal(h.tanggalPengesahan)] as [string, ReactNode]] : []),
    [
      'Disahkan oleh',
      <div className="sop-sheet__sign" key="sign">
        <div className="sop-sheet__bold">{h.disahkanOleh.jabatan.toUpperCase()}</div>
        <div className="sop-sheet__signspace" />
        <div className="sop-sheet__bold sop-sheet__underline">{h.disahkanOleh.nama ?? ''}</div>
        {h.disahkanOleh.nip ? <div>NIP. {h.disahkanOleh.nip}</div> : null}
      </div>,
    ],
    ['Nama SOP', <strong key="nama">{h.nama.toUpperCase()}</strong>],
  ];
  return (
    <table className="sop-sheet__table sop-sheet__identity">
      <tbody>
        {rows.map(([label, value], k) => (
          <tr key={label}>
            {k === 0 ? (
              <td rowSpan={rows.length} className="sop-sheet__kop">
                {kopLines(sheet.office.name).map((l, n) => (
                  <div key={n} className={n === 0 ? 'sop-sheet__kop1' : 'sop-sheet__kop2'}>
                    {l}
                  </div>
                ))}
              </td>
            ) : null}
            <th scope="row">{label}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function InfoBlock({ sheet }: { sheet: SheetModel }): ReactElement {
  const h = sheet.header;
  const pairs: [string, readonly string[], string, readonly string[]][] = [
    ['Dasar Hukum', h.dasarHukum, 'Kualifikasi Pelaksana', h.kualifikasiPelaksana],
    ['Keterkaitan', h.keterkaitan, 'Peralatan/Perlengkapan', h.peralatanPerlengkapan],
    ['Peringatan', h.peringatan, 'Pencatatan dan Pendataan', h.pencatatanPendataan],
  ];
  return (
    <table className="sop-sheet__table sop-sheet__info">
      <tbody>
        {pairs.map(([t1, l1, t2, l2]) => [
          <tr key={`${t1}h`}>
            <th>{t1}:</th>
            <th>{t2}:</th>
          </tr>,
          <tr key={`${t1}b`}>
            <td>
              <List items={l1} />
            </td>
            <td>
              <List items={l2} />
            </td>
          </tr>,
        ])}
      </tbody>
    </table>
  );
}

function TableHead({ sheet }: { sheet: SheetModel }): ReactElement {
  return (
    <thead>
      <tr>
        <th rowSpan={2} className="sop-sheet__no">
          No
        </th>
        <th rowSpan={2} className="sop-sheet__kegiatan">
          Kegiatan
        </th>
        <th colSpan={sheet.columns.length}>Pelaksana</th>
        <th colSpan={3}>Mutu Baku</th>
        <th rowSpan={2} className="sop-sheet__ket">
          Keterangan
        </th>
      </tr>
      <tr>
        {sheet.columns.map((c) => (
          <th key={c.code} className="sop-sheet__pel" style={{ width: CW, minWidth: CW, maxWidth: CW }}>
            {c.name}
          </th>
        ))}
        <th className="sop-sheet__mutu">Kelengkapan</th>
        <th className="sop-sheet__waktu">Waktu</th>
        <th className="sop-sheet__mutu">Output</th>
      </tr>
    </thead>
  );
}

const NO_STANDARD = 'tanpa standar waktu';

/** A Waktu cell: "tanpa standar waktu" on one line (the cell widens for it), the reason below. */
function Waktu({ text }: { text: string }): ReactElement {
  if (!text) return <>-</>;
  if (!text.startsWith(NO_STANDARD)) return <>{text}</>;
  return (
    <>
      <span className="sop-sheet__nowrap">{NO_STANDARD}</span> {text.slice(NO_STANDARD.length).trim()}
    </>
  );
}

function totalText(sheet: SheetModel): { value: string; note: string } {
  const t = sheet.totalWaktu;
  const sum = t.sum === t.sumDeadline ? t.sum : `${t.sum} – ${t.sumDeadline}`;
  if (t.declared) return { value: t.declared, note: t.declared === sum ? '' : `Jumlah waktu per kegiatan: ${sum}` };
  return { value: sum, note: '' };
}

function ProcedurePage({ sheet, rows, last }: { sheet: SheetModel; rows: SheetRow[]; last: boolean }): ReactElement {
  const n = sheet.columns.length;
  const total = totalText(sheet);
  return (
    <table className="sop-sheet__table sop-sheet__procedure">
      <TableHead sheet={sheet} />
      <tbody>
        {rows.map((row, i) => (
          <tr key={row.stepId}>
            <td className="sop-sheet__center">{row.no}</td>
            <td>
              {row.kegiatan}
              {row.question ? <div className="sop-sheet__question">{row.question}</div> : null}
            </td>
            <FlowCell drawing={rowDrawing(rows, i, n)} columns={n} />
            <td>
              <List items={row.kelengkapan} />
            </td>
            <td className="sop-sheet__center">
              <Waktu text={row.waktu} />
            </td>
            <td>
              <List items={row.output} />
            </td>
            <td>{row.keterangan}</td>
          </tr>
        ))}
        {last ? (
          <tr className="sop-sheet__total">
            <th colSpan={n + 3} className="sop-sheet__right">
              Total Waktu
            </th>
            <td colSpan={2}>
              <strong>{total.value}</strong>
            </td>
            <td className="sop-sheet__note">{total.note}</td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}

/** The SOP AP sheet. */
export function SopSheet({ sheet }: { sheet: SheetModel }): ReactElement {
  const pages = Array.from({ length: sheet.pages }, (_, p) => sheet.rows.filter((r) => r.page === p + 1));
  return (
    <div className="sop-sheet">
      <style>{CSS}</style>
      <section className="sop-sheet__page">
        <IdentityBlock sheet={sheet} />
        <InfoBlock sheet={sheet} />
      </section>
      {pages.map((rows, p) => (
        <section key={p} className="sop-sheet__page">
          <div className="sop-sheet__pagetitle">
            <strong>Nama SOP: {sheet.header.nama}</strong>
            <span>
              Nomor SOP: {sheet.header.nomor ?? '-'} · Halaman {p + 1}/{pages.length}
            </span>
          </div>
          <ProcedurePage sheet={sheet} rows={rows} last={p === pages.length - 1} />
        </section>
      ))}
    </div>
  );
}

const CSS = `
.sop-sheet { font-family: Arial, Helvetica, sans-serif; font-size: 11px; color: #000; background: #fff; overflow-x: auto; }
.sop-sheet__page { margin-bottom: 24px; }
.sop-sheet__table { border-collapse: collapse; width: 100%; }
.sop-sheet__table th, .sop-sheet__table td { border: 1px solid #000; padding: 4px 5px; vertical-align: top; text-align: left; }
.sop-sheet__table th { background: #e4e4e4; font-weight: bold; }
.sop-sheet__identity th { width: 150px; }
.sop-sheet__kop { width: 42%; text-align: center !important; vertical-align: middle !important; }
.sop-sheet__kop1 { font-size: 15px; font-weight: bold; }
.sop-sheet__kop2 { font-size: 13px; font-weight: bold; margin-top: 4px; }
.sop-sheet__sign { text-align: center; }
.sop-sheet__signspace { height: 40px; }
.sop-sheet__underline { text-decoration: underline; }
.sop-sheet__bold { font-weight: bold; }
.sop-sheet__info { margin-top: -1px; table-layout: fixed; }
.sop-sheet__list { margin: 0; padding-left: 16px; }
.sop-sheet__pagetitle { display: flex; justify-content: space-between; margin-bottom: 4px; }
.sop-sheet__procedure { font-size: 10px; width: auto; }
.sop-sheet__procedure thead th { text-align: center; vertical-align: middle; }
.sop-sheet__no { width: 28px; }
.sop-sheet__kegiatan { width: 240px; }
.sop-sheet__pel { font-size: 9px; box-sizing: border-box; padding: 3px 2px !important; }
.sop-sheet__mutu { width: 110px; }
.sop-sheet__waktu { width: 64px; }
.sop-sheet__ket { width: 150px; }
.sop-sheet__center { text-align: center !important; }
.sop-sheet__nowrap { white-space: nowrap; }
.sop-sheet__right { text-align: right !important; }
.sop-sheet__question { font-style: italic; margin-top: 4px; }
.sop-sheet__note { font-style: italic; font-size: 9px; }
.sop-sheet__table td.sop-sheet__flow { padding: 0; position: relative; }
.sop-sheet__svg { position: absolute; top: 0; left: 0; display: block; }
.sop-sheet__spacer { height: 0; }
.sop-sheet__grid { stroke: #000; stroke-width: 1; }
.sop-sheet__line { stroke: #000; stroke-width: 1.2; fill: none; }
.sop-sheet__dash { stroke-dasharray: 3 3; }
.sop-sheet__head { fill: #000; }
.sop-sheet__sym { fill: #fff; stroke: #000; stroke-width: 1.3; }
.sop-sheet__symtext { font-size: 8px; fill: #000; }
.sop-sheet__label { font-size: 8px; font-style: italic; fill: #000; }
@media print {
  @page { size: 330mm 215mm; margin: 10mm; }
  body * { visibility: hidden; }
  .sop-sheet, .sop-sheet * { visibility: visible; }
  .sop-sheet { position: absolute; left: 0; top: 0; width: 100%; overflow: visible; }
  .sop-sheet__page { break-after: page; margin: 0; }
  .sop-sheet__page:last-child { break-after: auto; }
  .sop-sheet__procedure tr { break-inside: avoid; }
  .sop-sheet__table th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
