/** Routes of the review of anomaly findings (thin): findings in scope, a finding, its decision, the office's rules. */
import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.js';
import type { Deps } from '../../deps.js';
import { problemResponses } from '../../http/problem.js';
import { actorOf } from '../../http/session.js';
import { Id } from '../../http/schemas.js';
import * as service from './anomalies.service.js';
import {
  DecisionIn,
  FindingDetailOut,
  FindingOut,
  FindingsQuery,
  SettingIn,
  SettingsOut,
} from './anomalies.schemas.js';

const tags = ['anomalies'];

/** The anomaly review routes. */
export function anomaliesRoutes(app: App, deps: Deps) {
  const config = { auth: 'session' as const };

  app.get(
    '/api/anomalies/findings',
    {
      config,
      schema: {
        tags,
        summary: "Anomaly findings in your scope, newest first: an institution its own, an office its institutions'",
        querystring: FindingsQuery,
        response: { 200: Type.Array(FindingOut), ...problemResponses },
      },
    },
    async (request) => service.listFindings(deps, await actorOf(request, deps), request.query),
  );

  app.get(
    '/api/anomalies/findings/:id',
    {
      config,
      schema: {
        tags,
        summary: "A finding: its evidence as aggregates in words, the rule's rationale, what was suspended",
        params: Type.Object({ id: Id }),
        response: { 200: FindingDetailOut, ...problemResponses },
      },
    },
    async (request) => service.getFinding(deps, await actorOf(request, deps), request.params.id),
  );

  app.post(
    '/api/anomalies/findings/:id/decision',
    {
      config,
      schema: {
        tags,
        summary: 'Decide a finding (its reviewer): true or false, resume or revoke what it suspended, a note',
        description:
          'Completes the step of the review case (its task leaves the Kotak Masuk). A false positive moves the ' +
          "office's parameters of the rule by their step. A finding decided once answers 409 finding_decided.",
        params: Type.Object({ id: Id }),
        body: DecisionIn,
        response: { 200: FindingDetailOut, ...problemResponses, 409: Type.Ref('Problem') },
      },
    },
    async (request) => service.decide(deps, await actorOf(request, deps), request.params.id, request.body),
  );

  app.get(
    '/api/anomalies/settings',
    {
      config,
      schema: {
        tags,
        summary: "An office's anomaly rules: enabled, parameters within bounds, rationale, false positives counted",
        querystring: Type.Object({ officeId: Type.Optional(Id) }, { additionalProperties: false }),
        response: { 200: SettingsOut, ...problemResponses },
      },
    },
    async (request) => service.settings(deps, await actorOf(request, deps), request.query.officeId),
  );

  app.put(
    '/api/anomalies/settings/:rule',
    {
      config,
      schema: {
        tags,
        summary: 'Tune one rule of your office (its admin or the reviewer its anomaly-review SOP names)',
        params: Type.Object({ rule: Id }),
        body: SettingIn,
        response: { 200: SettingsOut, ...problemResponses },
      },
    },
    async (request) => service.updateSetting(deps, await actorOf(request, deps), request.params.rule, request.body),
  );
}
