import type { App } from '../../http/types.js';
import type { Deps } from '../../deps.js';
import { problemResponses } from '../../http/problem.js';
import { actorOf } from '../../http/session.js';
import { inbox } from '../cases/case.service.js';
import { summaryOf } from './work.service.js';
import { WorkSummarySchema } from './work.schemas.js';

/** The counts of Kotak Masuk (issue 14): made of the same items the inbox lists. */
export function workRoutes(app: App, deps: Deps) {
  app.get(
    '/api/work/summary',
    {
      config: { auth: 'session' },
      schema: {
        tags: ['cases'],
        summary: "Counts of the user's Kotak Masuk: tasks, due soon, overdue, and per kind of work",
        response: { 200: WorkSummarySchema, ...problemResponses },
      },
    },
    async (request) => {
      const actor = await actorOf(request, deps);
      return summaryOf(actor, await inbox(deps, actor, {}));
    },
  );
}
