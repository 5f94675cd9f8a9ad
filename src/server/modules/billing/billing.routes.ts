/** PNBP billing routes (thin): tariffs, balances, payments, monthly statements (JSON and PDF). */
import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.js';
import type { Deps } from '../../deps.js';
import { problemResponses } from '../../http/problem.js';
import { actorOf } from '../../http/session.js';
import { Id } from '../../http/schemas.js';
import * as service from './billing.service.js';
import {
  BalanceOut,
  Month,
  PaymentIn,
  PaymentOut,
  StatementOut,
  SummaryOut,
  TariffIn,
  TariffOut,
} from './billing.schemas.js';

const tags = ['billing'];

/** The billing routes. */
export function billingRoutes(app: App, deps: Deps) {
  const config = { auth: 'session' as const };

  app.get(
    '/api/billing/tariffs',
    {
      config,
      schema: {
        tags,
        summary: 'PNBP tariffs per method with their effective dates (PP 10/2023 defaults)',
        response: { 200: Type.Array(TariffOut), ...problemResponses },
      },
    },
    async () => service.tariffs(deps),
  );

  app.post(
    '/api/billing/tariffs',
    {
      config,
      schema: {
        tags,
        summary: 'Record a tariff of a method from a date (pusat); held balances reload before the answer',
        body: TariffIn,
        response: { 200: Type.Array(TariffOut), ...problemResponses },
      },
    },
    async (request) => service.changeTariff(deps, await actorOf(request, deps), request.body),
  );

  app.get(
    '/api/billing/balances',
    {
      config,
      schema: {
        tags,
        summary: "Prepaid PNBP balances: the institution its own, an office its institutions', pusat all",
        response: { 200: Type.Array(BalanceOut), ...problemResponses },
      },
    },
    async (request) => service.balances(deps, await actorOf(request, deps)),
  );

  app.get(
    '/api/billing/institutions/:id',
    {
      config,
      schema: {
        tags,
        summary: "An institution's balance, payments and charges per month",
        params: Type.Object({ id: Id }),
        response: { 200: SummaryOut, ...problemResponses },
      },
    },
    async (request) => service.summary(deps, await actorOf(request, deps), request.params.id),
  );

  app.get(
    '/api/billing/payments',
    {
      config,
      schema: {
        tags,
        summary: 'Recorded PNBP payments in your scope, newest first',
        querystring: Type.Object({ institutionId: Type.Optional(Id) }, { additionalProperties: false }),
        response: { 200: Type.Array(PaymentOut), ...problemResponses },
      },
    },
    async (request) => service.payments(deps, await actorOf(request, deps), request.query.institutionId),
  );

  app.post(
    '/api/billing/payments',
    {
      config,
      schema: {
        tags,
        summary:
          "Record an institution's PNBP payment (its office or pusat): SIMPONI billing code, amount, date, proof file",
        description:
          'The proof is a file the recording office uploaded (POST /api/files). A bad billing code is 400 ' +
          'billing_code_invalid; one already recorded is 409 billing_code_used. Service resumes on the next call.',
        body: PaymentIn,
        response: { 201: PaymentOut, ...problemResponses, 409: Type.Ref('Problem') },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.recordPayment(deps, await actorOf(request, deps), request.body)),
  );

  app.get(
    '/api/billing/institutions/:id/statements/:month',
    {
      config,
      schema: {
        tags,
        summary: 'Monthly statement: opening balance, payments, billable calls by method, closing balance',
        params: Type.Object({ id: Id, month: Month }),
        response: { 200: StatementOut, ...problemResponses },
      },
    },
    async (request) => service.statement(deps, await actorOf(request, deps), request.params.id, request.params.month),
  );

  app.get(
    '/api/billing/institutions/:id/statements/:month/pdf',
    {
      config,
      schema: {
        tags,
        summary: 'The monthly statement as a PDF on the office letterhead',
        params: Type.Object({ id: Id, month: Month }),
        response: { ...problemResponses },
      },
    },
    async (request, reply) => {
      const { pdf, filename } = await service.statementPdf(
        deps,
        await actorOf(request, deps),
        request.params.id,
        request.params.month,
      );
      return reply.type('application/pdf').header('content-disposition', `inline; filename="${filename}"`).send(pdf);
    },
  );
}
