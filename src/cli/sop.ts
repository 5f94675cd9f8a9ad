/**
 * `gerbang sop check FILE` and `gerbang sop simulate FILE`: let an SOP author see errors, warnings and the
 * effect of a change on due times before publishing. File reading lives here so src/domain stays pure.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { formatLocal, localInstant, makeCalendar, type CalendarConfig } from '../domain/calendar/calendar.js';
import { DomainError } from '../domain/errors.js';
import { formatDuration, formatIssue, parseSop, simulate, type SopCheckResult } from '../domain/sop/index.js';

/** Where the commands write; injectable so tests can capture output. */
export interface SopCliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  readFile: (path: string) => string;
  setExitCode: (code: number) => void;
}

const defaultIo: SopCliIo = {
  out: (l) => process.stdout.write(`${l}\n`),
  err: (l) => process.stderr.write(`${l}\n`),
  readFile: (p) => readFileSync(p, 'utf8'),
  setExitCode: (c) => {
    process.exitCode = c;
  },
};

function load(file: string, io: SopCliIo): SopCheckResult | undefined {
  let text: string;
  try {
    text = io.readFile(file);
  } catch (e) {
    io.err(`${file}: cannot read: ${e instanceof Error ? e.message : String(e)}`);
    io.setExitCode(1);
    return undefined;
  }
  return parseSop(text, file);
}

function collectChoice(value: string, previous: Record<string, string[]>): Record<string, string[]> {
  const eq = value.indexOf('=');
  if (eq <= 0 || eq === value.length - 1) throw new Error(`--choose expects STEP=BRANCH, got "${value}"`);
  const step = value.slice(0, eq).trim();
  const branch = value.slice(eq + 1).trim();
  return { ...previous, [step]: [...(previous[step] ?? []), branch] };
}

function collectDate(value: string, previous: string[]): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  ];
}

/** Adds `sop check` and `sop simulate` to the gerbang command. */
export function registerSopCommands(program: Command, io: SopCliIo = defaultIo): Command {
  const sop = program.command('sop').description('check and simulate SOP definitions (sops/*.yaml)');

  sop
    .command('check')
    .description('validate an SOP definition; prints errors and warnings, exit 1 on errors')
    .argument('<file>', 'SOP definition (YAML)')
    .action((file: string) => {
      const r = load(file, io);
      if (!r) return;
      for (const i of r.errors) io.err(formatIssue(i));
      for (const i of r.warnings) io.err(formatIssue(i));
      if (r.errors.length) {
        io.setExitCode(1);
        return;
      }
      const d = r.definition;
      if (d) {
        io.out(
          `${file}: OK — ${d.header.nama} (${d.code}), ${d.steps.length} steps, ${d.pelaksana.length} pelaksana, ${r.warnings.length} warning(s)`,
        );
        io.out(
          `sum of standard times: ${formatDuration(d.sumOfStandardTimes.target)}${d.declaredTotal ? `; declared total: ${d.declaredTotal.text}` : ''}`,
        );
      }
    });

  sop
    .command('simulate')
    .description('run a case through an SOP on the office calendar (first branch of each decision unless chosen)')
    .argument('<file>', 'SOP definition (YAML)')
    .option('--start <iso-time>', 'start instant, ISO 8601 (default: now)')
    .option(
      '--choose <step=branch>',
      'branch to take at a decision; repeat for later visits of the same step',
      collectChoice,
      {},
    )
    .option('--cuti-bersama <dates>', 'cuti bersama dates YYYY-MM-DD, comma-separated, repeatable', collectDate, [])
    .option('--holiday <dates>', 'extra office holidays YYYY-MM-DD, comma-separated, repeatable', collectDate, [])
    .action(
      (
        file: string,
        opts: { start?: string; choose: Record<string, string[]>; cutiBersama: string[]; holiday: string[] },
      ) => {
        const r = load(file, io);
        if (!r) return;
        const d = r.definition;
        if (!d) {
          for (const i of r.errors) io.err(formatIssue(i));
          io.setExitCode(1);
          return;
        }
        const config: CalendarConfig = {
          timeZone: d.office.timeZone,
          cutiBersama: opts.cutiBersama,
          extraHolidays: opts.holiday,
        };
        const cal = makeCalendar(config);
        // A time without a zone is read on the office's own clock, as an author would mean it.
        const local = opts.start && /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}$/.test(opts.start);
        const startAt = !opts.start ? new Date() : local ? localInstant(cal, opts.start) : new Date(opts.start);
        if (Number.isNaN(startAt.getTime())) {
          io.err(`--start: "${opts.start ?? ''}" is not an ISO time`);
          io.setExitCode(1);
          return;
        }
        let sim;
        try {
          sim = simulate(d, { start: startAt, calendar: cal, choices: opts.choose });
        } catch (e) {
          if (e instanceof DomainError) {
            io.err(`${file}: ${e.messages.en}`);
            io.setExitCode(1);
            return;
          }
          throw e;
        }
        io.out(`${d.header.nama} — ${d.office.name} (${d.office.timeZone})`);
        io.out(`start: ${formatLocal(cal, sim.startedAt)}`);
        for (const s of sim.steps) {
          const role = `${s.assignee.org}:${s.assignee.role}`;
          const due = s.dueAt ? `due ${formatLocal(cal, s.dueAt)}` : 'no standard time';
          const visit = s.visit > 1 ? ` (visit ${s.visit})` : '';
          const decision = s.decision ? ` → ${s.decision}` : '';
          io.out(
            `${s.no.padEnd(4)} [${s.stepId}]${visit} ${s.pelaksana.join(' + ')} (${role}) | ${s.waktu} | done ${formatLocal(cal, s.doneAt)} | ${due}${decision}`,
          );
          io.out(`       ${s.kegiatan.length > 110 ? `${s.kegiatan.slice(0, 107)}...` : s.kegiatan}`);
        }
        io.out(
          sim.end
            ? `end: ${sim.end.label} (${sim.end.outcome}) at ${formatLocal(cal, sim.finishedAt)}`
            : `no end reached${sim.truncated ? ' (step limit: a loop was chosen forever)' : ''}`,
        );
        const std = sim.standardOnPath;
        const range =
          formatDuration(std.target) === formatDuration(std.deadline)
            ? ''
            : ` (upper bound ${formatDuration(std.deadline)})`;
        io.out(`total standard time on this path: ${formatDuration(std.target)}${range}`);
        const h = Math.floor(sim.elapsedWorkingMinutes / 60);
        const min = Math.round(sim.elapsedWorkingMinutes - h * 60);
        io.out(`elapsed working time: ${h} jam ${min} menit`);
        if (sim.withoutStandardTime.length)
          io.out(`steps without standard time (counted as zero): ${sim.withoutStandardTime.join(', ')}`);
        if (d.declaredTotal) io.out(`declared total on the sheet: ${d.declaredTotal.text}`);
        for (const w of r.warnings) io.err(formatIssue(w));
      },
    );
  return sop;
}
