/**
 * The operations dashboard's figures of one server process, in memory and bounded: fed by the audit writer after
 * each batch commits (AuditLog.onCommit), so they count committed data calls, and never touched by the request
 * path. Per institution, result code and channel: counters since the process started (the /metrics series); per
 * second over the last WINDOW_SECONDS: calls, refusals and refusals by code per institution (a ring of slots);
 * and the writer's seal lag and batch sizes as histograms. O(entries) per batch, no I/O.
 */
import { DATA_CHANNELS, DATA_CALL_ACTIONS, isRefusal, type DataChannel } from '../../../domain/audit/actions.js';
import { bucketOf, labelValue } from '../../../domain/operations/histogram.js';
import type { CommittedBatch } from '../access/audit/audit-log.js';

/** Seconds kept per second (15 minutes). */
export const WINDOW_SECONDS = 900;
/** Most distinct institution × code × channel counters; beyond it new ones are counted as institution "other". */
export const MAX_SERIES = 5000;
/** Seal lag bounds, milliseconds. */
export const SEAL_LAG_BOUNDS_MS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000];
/** Batch size bounds, entries. */
export const BATCH_SIZE_BOUNDS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1024];

/** Each channel's slot in a counter. */
const CHANNEL_INDEX = Object.fromEntries(DATA_CHANNELS.map((c, i) => [c, i])) as Record<DataChannel, number>;

/** The channel of each data-call action. */
const CHANNEL_BY_ACTION = new Map<string, DataChannel>(
  DATA_CHANNELS.flatMap((c) => DATA_CALL_ACTIONS[c].map((a) => [a, c] as const)),
);

interface Cell {
  calls: number;
  refused: number;
  /** Refusals by result code (created at the first refusal). */
  codes: Map<string, number> | null;
}

interface Slot {
  /** The second (epoch seconds) this slot holds; a slot of an older second is reused. */
  second: number;
  /** By institution id ('' for a call attributed to no institution). */
  cells: Map<string, Cell>;
}

/** One counter of /metrics. */
export interface CallCounter {
  institution: string;
  code: string;
  channel: DataChannel;
  count: number;
}

/** A histogram: counts per bucket (not cumulative; the last slot is above every bound), their sum and count. */
export interface Histogram {
  bounds: readonly number[];
  counts: number[];
  sum: number;
  count: number;
}

function histogram(bounds: readonly number[]): Histogram {
  return { bounds, counts: new Array<number>(bounds.length + 1).fill(0), sum: 0, count: 0 };
}

function observe(h: Histogram, value: number): void {
  const i = bucketOf(h.bounds, value);
  h.counts[i] = (h.counts[i] ?? 0) + 1;
  h.sum += value;
  h.count += 1;
}

/** What the window holds for a set of institutions. */
export interface WindowFigures {
  /** Per second, oldest first, WINDOW_SECONDS of them ending at `endSecond`. */
  calls: number[];
  refused: number[];
  endSecond: number;
  refusalsByCode: Map<string, number>;
}

/** The figures of one process. */
export class OperationsStats {
  readonly startedAt: Date;
  private readonly slots: (Slot | undefined)[] = new Array<Slot | undefined>(WINDOW_SECONDS);
  /** Calls by institution ('' for none), code, then channel (CHANNEL_INDEX). */
  private readonly counters = new Map<string, Map<string, number[]>>();
  /** Distinct counters held. */
  private series = 0;
  readonly sealLag = histogram(SEAL_LAG_BOUNDS_MS);
  readonly batchSize = histogram(BATCH_SIZE_BOUNDS);
  /** The last committed batch: its seal lag (ms) and size. */
  last: { sealLagMs: number; size: number; at: Date } | null = null;

  /** `now` is the app's clock (deps.now): the window's seconds are on it, as every other screen's times. */
  constructor(private readonly now: () => Date) {
    this.startedAt = now();
  }

  /** Counts a committed batch (the AuditLog's commit listener). */
  record(batch: CommittedBatch): void {
    const at = this.now();
    const second = Math.floor(at.getTime() / 1000);
    const index = ((second % WINDOW_SECONDS) + WINDOW_SECONDS) % WINDOW_SECONDS;
    let slot = this.slots[index];
    if (!slot || slot.second !== second) {
      slot = { second, cells: new Map() };
      this.slots[index] = slot;
    }
    for (const e of batch.entries) {
      const channel = CHANNEL_BY_ACTION.get(e.action);
      if (!channel) continue;
      const institution = e.institutionId ?? '';
      const code = labelValue(e.resultCode, 'other');
      let cell = slot.cells.get(institution);
      if (!cell) {
        cell = { calls: 0, refused: 0, codes: null };
        slot.cells.set(institution, cell);
      }
      cell.calls++;
      if (isRefusal(code)) {
        cell.refused++;
        cell.codes ??= new Map();
        cell.codes.set(code, (cell.codes.get(code) ?? 0) + 1);
      }
      this.count(institution, code, channel);
    }
    observe(this.sealLag, batch.sealLagMs);
    observe(this.batchSize, batch.entries.length);
    this.last = { sealLagMs: batch.sealLagMs, size: batch.entries.length, at };
  }

  private count(institution: string, code: string, channel: DataChannel): void {
    // Nested by institution then code, one slot per channel: no key string built per entry.
    let byCode = this.counters.get(institution);
    if (!byCode) {
      if (this.series >= MAX_SERIES && institution !== 'other') return this.count('other', code, channel);
      byCode = new Map();
      this.counters.set(institution, byCode);
    }
    let byChannel = byCode.get(code);
    if (!byChannel) {
      if (this.series >= MAX_SERIES && institution !== 'other') return this.count('other', code, channel);
      byChannel = new Array<number>(DATA_CHANNELS.length).fill(0);
      byCode.set(code, byChannel);
    }
    const i = CHANNEL_INDEX[channel];
    if (byChannel[i] === 0) this.series++;
    byChannel[i] = (byChannel[i] ?? 0) + 1;
  }

  /** The counters since the process started (institution ids; "none" for calls attributed to no institution). */
  callCounters(): CallCounter[] {
    const out: CallCounter[] = [];
    for (const [institution, byCode] of this.counters)
      for (const [code, byChannel] of byCode)
        byChannel.forEach((count, i) => {
          if (count > 0)
            out.push({ institution: labelValue(institution), code, channel: DATA_CHANNELS[i] as DataChannel, count });
        });
    return out;
  }

  /** The last WINDOW_SECONDS seconds for the institutions in `visible` (null: every call, also unattributed ones). */
  window(visible: ReadonlySet<string> | null): WindowFigures {
    const endSecond = Math.floor(this.now().getTime() / 1000);
    const calls = new Array<number>(WINDOW_SECONDS).fill(0);
    const refused = new Array<number>(WINDOW_SECONDS).fill(0);
    const refusalsByCode = new Map<string, number>();
    for (const slot of this.slots) {
      if (!slot) continue;
      const age = endSecond - slot.second;
      if (age < 0 || age >= WINDOW_SECONDS) continue;
      const i = WINDOW_SECONDS - 1 - age;
      for (const [institution, cell] of slot.cells) {
        if (visible && !visible.has(institution)) continue;
        calls[i] = (calls[i] ?? 0) + cell.calls;
        refused[i] = (refused[i] ?? 0) + cell.refused;
        if (cell.codes)
          for (const [code, n] of cell.codes) refusalsByCode.set(code, (refusalsByCode.get(code) ?? 0) + n);
      }
    }
    return { calls, refused, endSecond, refusalsByCode };
  }
}
