import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import { canManageOfficeRoles, type Actor } from '../../../domain/authz.js';
import { errors } from '../../../domain/errors.js';
import { makeCalendar, type WorkingCalendar } from '../../../domain/calendar/calendar.js';
import { newId } from '../../lib/ids.js';

type Q = Kysely<DB> | Transaction<DB>;

/**
 * The working calendar of an office: its time zone, national holidays (date-holidays), and the days added by
 * the office or, for the whole country, by the Directorate General (office_id null): cuti bersama, extra
 * holidays, and working days that override a holiday.
 */
export async function calendarFor(db: Q, officeId: string): Promise<WorkingCalendar> {
  const office = await db
    .selectFrom('offices')
    .select(['timezone', 'parent_id'])
    .where('id', '=', officeId)
    .executeTakeFirst();
  if (!office) throw errors.notFound({ id: 'Kantor', en: 'Office' });
  const days = await db
    .selectFrom('office_calendar_days')
    .select(['date', 'kind'])
    .where((eb) => eb.or([eb('office_id', '=', officeId), eb('office_id', 'is', null)]))
    .execute();
  const of = (kind: string) => days.filter((d) => d.kind === kind).map((d) => d.date);
  return makeCalendar({
    timeZone: office.timezone,
    cutiBersama: of('cuti_bersama'),
    extraHolidays: of('holiday'),
    extraWorkingDays: of('working'),
  });
}

/** The days an office added (and the national ones), ordered by date. */
export async function listDays(deps: Pick<Deps, 'db'>, officeId: string) {
  const rows = await deps.db
    .selectFrom('office_calendar_days')
    .selectAll()
    .where((eb) => eb.or([eb('office_id', '=', officeId), eb('office_id', 'is', null)]))
    .orderBy('date')
    .execute();
  return rows.map((r) => ({ id: r.id, date: r.date, kind: r.kind, note: r.note, national: r.office_id === null }));
}

/** Adds a day to an office's calendar (its admin); a pusat admin adding to the pusat office may make it national. */
export async function addDay(
  deps: Pick<Deps, 'db' | 'now'>,
  actor: Actor,
  officeId: string,
  input: { date: string; kind: 'cuti_bersama' | 'holiday' | 'working'; note: string; national?: boolean },
) {
  if (!canManageOfficeRoles(actor, officeId)) throw errors.forbidden();
  if (input.national && !actor.atPusat) throw errors.forbidden();
  const office = await deps.db.selectFrom('offices').select('id').where('id', '=', officeId).executeTakeFirst();
  if (!office) throw errors.notFound({ id: 'Kantor', en: 'Office' });
  const id = newId();
  await deps.db
    .insertInto('office_calendar_days')
    .values({
      id,
      office_id: input.national ? null : officeId,
      date: input.date,
      kind: input.kind,
      note: input.note,
      created_at: deps.now().toISOString(),
    })
    .execute();
  return { id, date: input.date, kind: input.kind, note: input.note, national: !!input.national };
}
