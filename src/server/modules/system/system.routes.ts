import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import type { App } from '../../http/types.js';
import type { Deps } from '../../deps.js';
import type { DatabaseKind } from '../../config.js';
import { VERSION } from '../../version.js';

/** Health: the server answers and its database answers. */
export function systemRoutes(app: App, deps: Deps & { databaseKind: DatabaseKind }) {
  app.get(
    '/api/health',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Liveness and database reachability',
        response: {
          200: Type.Object({
            status: Type.Literal('ok'),
            database: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]),
            version: Type.String(),
          }),
          503: Type.Ref('Problem'),
        },
      },
    },
    async () => {
      await sql`select 1`.execute(deps.db);
      return { status: 'ok' as const, database: deps.databaseKind, version: VERSION };
    },
  );
}
