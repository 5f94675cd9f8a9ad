import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.js';
import type { Deps } from '../../deps.js';
import { problemResponses } from '../../http/problem.js';
import { actorOf } from '../../http/session.js';
import * as service from './calendar.service.js';
import { Id, OneOf } from '../../http/schemas.js';
import { CALENDAR_DAY_KINDS } from '../../../domain/calendar/calendar.js';

const Day = Type.Object({
  id: Type.String(),
  date: Type.String(),
  kind: OneOf(CALENDAR_DAY_KINDS),
  note: Type.String(),
  national: Type.Boolean(),
});

/** An office's working calendar: the days it adds to the national holidays. */
export function calendarRoutes(app: App, deps: Deps) {
  app.get(
    '/api/offices/:id/calendar',
    {
      config: { auth: 'session' },
      schema: {
        tags: ['calendar'],
        summary: 'Days added to the office calendar (cuti bersama, office holidays, working days)',
        params: Type.Object({ id: Id }),
        response: { 200: Type.Array(Day), ...problemResponses },
      },
    },
    async (request) => {
      await actorOf(request, deps);
      return service.listDays(deps, request.params.id);
    },
  );

  app.post(
    '/api/offices/:id/calendar',
    {
      config: { auth: 'session' },
      schema: {
        tags: ['calendar'],
        summary: 'Add a day (office admin; national=true for pusat admins)',
        params: Type.Object({ id: Id }),
        body: Type.Object(
          {
            date: Type.String({ format: 'date' }),
            kind: Type.Union([Type.Literal('cuti_bersama'), Type.Literal('holiday'), Type.Literal('working')]),
            note: Type.String({ maxLength: 200 }),
            national: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 201: Day, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.addDay(deps, await actorOf(request, deps), request.params.id, request.body)),
  );
}
