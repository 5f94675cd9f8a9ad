import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.js';
import type { Deps } from '../../deps.js';

/**
 * The service address an institution's systems call (PUBLIC_URL): the same address the access letter carries, so
 * the "cara integrasi" page and the one-time secret dialog never guess it from the browser's location.
 */
export function integrationRoutes(app: App, deps: Deps) {
  app.get(
    '/api/integration/service-address',
    {
      config: { auth: 'session' },
      schema: {
        tags: ['integration'],
        summary: 'The service address (base URL) integrations call',
        response: {
          200: Type.Object({
            /** The base URL, without a trailing slash. */
            url: Type.String(),
            /** Base of the Dukcapil-compatible web service: {dukcapil}/{customerId}/CALL_NIK. */
            dukcapil: Type.String(),
            /** Base of the v1 API. */
            v1: Type.String(),
          }),
          401: Type.Ref('Problem'),
        },
      },
    },
    async () => {
      const url = deps.config.publicUrl;
      return { url, dukcapil: `${url}/dukcapil/get_json`, v1: `${url}/api/v1` };
    },
  );
}
