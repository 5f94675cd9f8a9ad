/** The campaigns API (issue 13): thin routes over campaigns.service.ts. */
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import type { App } from '../../http/types.js';
import type { Deps } from '../../deps.js';
import { problemResponses } from '../../http/problem.js';
import { actorOf } from '../../http/session.js';
import { Id } from '../../http/schemas.js';
import * as service from './campaigns.service.js';
import {
  Candidates,
  ChecklistBody,
  Detail,
  EvidenceBody,
  FindingBody,
  FollowUp,
  JudgeBody,
  OpenBody,
  RespondBody,
  Summary,
} from './campaigns.schemas.js';
// The owner of campaign cases registers itself on load.
import './campaign.subject.js';

const tags = ['campaigns'];
const Conflict = { 409: Type.Ref('Problem') };
const Params = Type.Object({ id: Id });
const InstParams = Type.Object({ id: Id, institutionId: Id });
const FindingParams = Type.Object({ findingId: Id });

function sendFile(reply: FastifyReply, f: { filename: string; contentType?: string; bytes: Buffer }) {
  return reply
    .type(f.contentType ?? 'application/pdf')
    .header('content-disposition', `inline; filename="${f.filename.replaceAll('"', '')}"`)
    .send(f.bytes);
}

/** Control campaigns, their checklists, findings and follow-ups, the data dukung annex and the report. */
export function campaignsRoutes(app: App, deps: Deps) {
  app.get(
    '/api/campaigns',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: "Control campaigns in scope (the office's and those of the offices below; pusat all)",
        response: { 200: Type.Array(Summary), ...problemResponses },
      },
    },
    async (request) => service.listCampaigns(deps, await actorOf(request, deps)),
  );

  app.get(
    '/api/campaigns/candidates',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'What a new campaign may cover: the institutions in scope, and whether the actor may open one',
        response: { 200: Candidates, ...problemResponses },
      },
    },
    async (request) => service.candidates(deps, await actorOf(request, deps)),
  );

  app.post(
    '/api/campaigns',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: "Open a campaign on the office's control SOP (the holder of its first step): data dukung frozen",
        body: OpenBody,
        response: { 200: Detail, ...problemResponses, ...Conflict },
      },
    },
    async (request) => service.openCampaign(deps, await actorOf(request, deps), request.body),
  );

  app.get(
    '/api/campaigns/follow-ups',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: "Follow-ups owed: an institution's own; an office's campaigns' and those below",
        response: { 200: Type.Array(FollowUp), ...problemResponses },
      },
    },
    async (request) => service.followUps(deps, await actorOf(request, deps)),
  );

  app.post(
    '/api/campaigns/follow-ups/:findingId/respond',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: "The institution's answer to a follow-up (text and an optional file of its own)",
        params: FindingParams,
        body: RespondBody,
        response: { 200: FollowUp, ...problemResponses, ...Conflict },
      },
    },
    async (request) => {
      const r = await service.respond(deps, await actorOf(request, deps), request.params.findingId, request.body);
      if (!r) throw new Error('follow-up vanished after its response');
      return r;
    },
  );

  app.post(
    '/api/campaigns/follow-ups/:findingId/judge',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'The office accepts (closes) a follow-up or returns it with a note',
        params: FindingParams,
        body: JudgeBody,
        response: { 200: FollowUp, ...problemResponses, ...Conflict },
      },
    },
    async (request) => {
      const r = await service.judge(deps, await actorOf(request, deps), request.params.findingId, request.body);
      if (!r) throw new Error('follow-up vanished after its judgement');
      return r;
    },
  );

  app.get(
    '/api/campaigns/follow-ups/:findingId/file',
    {
      config: { auth: 'session' },
      schema: { tags, summary: "A follow-up's response file", params: FindingParams },
    },
    async (request, reply) =>
      sendFile(reply, await service.responseFile(deps, await actorOf(request, deps), request.params.findingId)),
  );

  app.get(
    '/api/campaigns/:id',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'One campaign: data dukung per institution, checklists, evidence, findings and follow-ups',
        params: Params,
        response: { 200: Detail, ...problemResponses },
      },
    },
    async (request) => service.getCampaign(deps, await actorOf(request, deps), request.params.id),
  );

  app.put(
    '/api/campaigns/:id/institutions/:institutionId/checklist',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: "Fill in one institution's visit checklist (yes / no / partial with a note per item)",
        params: InstParams,
        body: ChecklistBody,
        response: { 200: Detail, ...problemResponses, ...Conflict },
      },
    },
    async (request) =>
      service.saveChecklist(
        deps,
        await actorOf(request, deps),
        request.params.id,
        request.params.institutionId,
        request.body,
      ),
  );

  app.post(
    '/api/campaigns/:id/institutions/:institutionId/evidence',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Attach an evidence file (uploaded first through /api/files) to a visit',
        params: InstParams,
        body: EvidenceBody,
        response: { 200: Detail, ...problemResponses, ...Conflict },
      },
    },
    async (request) =>
      service.addEvidence(
        deps,
        await actorOf(request, deps),
        request.params.id,
        request.params.institutionId,
        request.body,
      ),
  );

  app.post(
    '/api/campaigns/:id/findings',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Record a finding with its recommendation and the follow-up the institution owes',
        params: Params,
        body: FindingBody,
        response: { 200: Detail, ...problemResponses, ...Conflict },
      },
    },
    async (request) => service.addFinding(deps, await actorOf(request, deps), request.params.id, request.body),
  );

  app.get(
    '/api/campaigns/:id/annex',
    {
      config: { auth: 'session' },
      schema: { tags, summary: 'The data dukung annex (PDF)', params: Params },
    },
    async (request, reply) =>
      sendFile(
        reply,
        await service.campaignFile(deps, await actorOf(request, deps), request.params.id, { annex: true }),
      ),
  );

  app.get(
    '/api/campaigns/:id/evidence/:evidenceId',
    {
      config: { auth: 'session' },
      schema: { tags, summary: 'One evidence file', params: Type.Object({ id: Id, evidenceId: Id }) },
    },
    async (request, reply) =>
      sendFile(
        reply,
        await service.campaignFile(deps, await actorOf(request, deps), request.params.id, {
          evidenceId: request.params.evidenceId,
        }),
      ),
  );

  app.get(
    '/api/campaigns/:id/report',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'The Laporan Hasil Pengendalian (numbered PDF with QR), newest version',
        params: Params,
      },
    },
    async (request, reply) =>
      sendFile(reply, await service.reportPdf(deps, await actorOf(request, deps), request.params.id)),
  );
}
