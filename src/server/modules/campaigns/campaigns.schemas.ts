/** Request and response schemas of the campaigns API (issue 13). */
import { Type } from '@sinclair/typebox';
import { Id, Line, Nullable, OneOf } from '../../http/schemas.js';
import { PKS_STATUSES } from '../../../domain/agreement/pks.js';
import { CASE_STATUSES } from '../../../domain/case.js';
import { ACCESS_METHODS, ENVIRONMENTS, GRANT_STATUSES, REGISTRATION_STATUSES } from '../../../domain/grant/grant.js';
import { CAMPAIGN_STATUSES } from '../../../domain/campaigns/campaign.js';
import { CHECKLIST_ANSWERS, CHECKLIST_ITEMS } from '../../../domain/campaigns/checklist.js';
import { FOLLOW_UP_STATUSES, SEVERITIES } from '../../../domain/campaigns/finding.js';

/** An office-local date. */
export const LocalDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD' });

const Answer = Type.Object(
  {
    answer: OneOf(CHECKLIST_ANSWERS),
    note: Type.String({ maxLength: 1000 }),
  },
  { additionalProperties: false },
);

/** A visit checklist: each item optional until answered. */
export const ChecklistBody = Type.Object(
  {
    network: Type.Optional(Answer),
    card_reader: Type.Optional(Answer),
    operators: Type.Optional(Answer),
    data_balikan: Type.Optional(Answer),
    no_disclosure: Type.Optional(Answer),
    purpose: Type.Optional(Answer),
  },
  { additionalProperties: false },
);

const Severity = OneOf(SEVERITIES);
const FollowUpStatus = OneOf(FOLLOW_UP_STATUSES);
const CampaignStatus = OneOf(CAMPAIGN_STATUSES);
const ChecklistItem = OneOf(CHECKLIST_ITEMS);

/** The body of a new campaign. */
export const OpenBody = Type.Object(
  {
    title: Line({ minLength: 1, maxLength: 200 }),
    periodStart: LocalDate,
    periodEnd: LocalDate,
    institutionIds: Type.Array(Id, { minItems: 1, maxItems: 50 }),
    disposisiFileId: Type.Optional(Id),
  },
  { additionalProperties: false },
);

/** The body of a finding. */
export const FindingBody = Type.Object(
  {
    institutionId: Id,
    severity: Severity,
    finding: Type.String({ minLength: 1, maxLength: 2000 }),
    recommendation: Type.String({ minLength: 1, maxLength: 2000 }),
    dueDate: LocalDate,
  },
  { additionalProperties: false },
);

/** The body of an evidence file. */
export const EvidenceBody = Type.Object(
  {
    fileId: Id,
    item: Type.Optional(ChecklistItem),
  },
  { additionalProperties: false },
);

/** The institution's answer to a follow-up. */
export const RespondBody = Type.Object(
  { response: Type.String({ minLength: 1, maxLength: 2000 }), fileId: Type.Optional(Id) },
  { additionalProperties: false },
);

/** The office's judgement of a follow-up. */
export const JudgeBody = Type.Object(
  {
    decision: Type.Union([Type.Literal('accept'), Type.Literal('return')]),
    note: Type.Optional(Line({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);

const Counts = Type.Record(Type.String(), Type.Integer());
const Late = Type.Object({
  label: Type.String(),
  dueDate: Type.String(),
  fulfilledOn: Nullable(Type.String()),
  daysLate: Type.Integer(),
});
const DataDukung = Type.Object({
  institutionId: Type.String(),
  name: Type.String(),
  officeName: Type.String(),
  period: Type.Object({ from: Type.String(), to: Type.String() }),
  preparedOn: Type.String(),
  agreements: Type.Array(
    Type.Object({
      id: Type.String(),
      number: Type.String(),
      status: OneOf(PKS_STATUSES),
      startDate: Nullable(Type.String()),
      endDate: Nullable(Type.String()),
    }),
  ),
  usage: Type.Object({
    calls: Type.Integer(),
    answered: Type.Integer(),
    refused: Type.Integer(),
    byChannel: Counts,
    refusalsByReason: Counts,
    residentsServed: Type.Integer(),
  }),
  anomalies: Type.Object({
    total: Type.Integer(),
    open: Type.Integer(),
    high: Type.Integer(),
    confirmed: Type.Integer(),
    falsePositive: Type.Integer(),
  }),
  lateReports: Type.Array(Late),
  lateBalikan: Type.Array(Late),
  warnings: Type.Integer(),
  pksExpiring: Type.Array(Type.Object({ number: Type.String(), endDate: Type.String(), daysLeft: Type.Integer() })),
  operators: Type.Array(Type.Object({ name: Type.String(), status: OneOf(REGISTRATION_STATUSES) })),
  credentials: Type.Array(
    Type.Object({
      label: Type.String(),
      kind: OneOf(ACCESS_METHODS),
      environment: OneOf(ENVIRONMENTS),
      status: OneOf(GRANT_STATUSES),
    }),
  ),
  devices: Type.Array(Type.Object({ serial: Type.String(), status: OneOf(REGISTRATION_STATUSES) })),
  ipRanges: Type.Array(Type.String()),
});

/** A finding with its follow-up. */
export const Finding = Type.Object({
  id: Type.String(),
  campaignId: Type.String(),
  institutionId: Type.String(),
  severity: Severity,
  finding: Type.String(),
  recommendation: Type.String(),
  dueDate: Type.String(),
  status: FollowUpStatus,
  overdue: Type.Boolean(),
  response: Nullable(Type.String()),
  responseFileId: Nullable(Type.String()),
  respondedAt: Nullable(Type.String()),
  returnNote: Nullable(Type.String()),
  closedAt: Nullable(Type.String()),
  createdAt: Type.String(),
});

/** A follow-up as the inboxes list it. */
export const FollowUp = Type.Intersect([
  Finding,
  Type.Object({
    campaignTitle: Type.String(),
    institutionName: Type.String(),
    canRespond: Type.Boolean(),
    canJudge: Type.Boolean(),
  }),
]);

/** A campaign in a list. */
export const Summary = Type.Object({
  id: Type.String(),
  title: Type.String(),
  status: CampaignStatus,
  periodStart: Type.String(),
  periodEnd: Type.String(),
  caseId: Type.String(),
  reportDocumentId: Nullable(Type.String()),
  createdAt: Type.String(),
  findings: Type.Integer(),
  followUpsOpen: Type.Integer(),
  followUpsOverdue: Type.Integer(),
});

const AnswerOut = Type.Object({ answer: OneOf(CHECKLIST_ANSWERS), note: Type.String() });
/** A stored checklist: the items answered so far (saveChecklist keeps only CHECKLIST_ITEMS). */
const ChecklistOut = Type.Object({
  network: Type.Optional(AnswerOut),
  card_reader: Type.Optional(AnswerOut),
  operators: Type.Optional(AnswerOut),
  data_balikan: Type.Optional(AnswerOut),
  no_disclosure: Type.Optional(AnswerOut),
  purpose: Type.Optional(AnswerOut),
});

/** One campaign. */
export const Detail = Type.Intersect([
  Summary,
  Type.Object({
    office: Type.Object({ id: Type.String(), name: Type.String() }),
    case: Type.Object({
      id: Type.String(),
      number: Type.String(),
      status: OneOf(CASE_STATUSES),
      outcome: Nullable(Type.String()),
    }),
    sop: Type.Object({ code: Type.String(), name: Type.String() }),
    today: Type.String(),
    preparedAt: Nullable(Type.String()),
    reportedAt: Nullable(Type.String()),
    hasAnnex: Type.Boolean(),
    canWork: Type.Boolean(),
    canEdit: Type.Boolean(),
    institutions: Type.Array(
      Type.Object({
        id: Type.String(),
        name: Type.String(),
        dataDukung: Nullable(DataDukung),
        checklist: Nullable(ChecklistOut),
        checklistComplete: Type.Boolean(),
        checklistAt: Nullable(Type.String()),
        evidence: Type.Array(
          Type.Object({
            id: Type.String(),
            item: Nullable(ChecklistItem),
            fileId: Type.String(),
            filename: Type.String(),
            createdAt: Type.String(),
          }),
        ),
        findings: Type.Array(Finding),
      }),
    ),
  }),
]);

/** What the new-campaign form offers. */
export const Candidates = Type.Object({
  today: Type.String(),
  canOpen: Type.Boolean(),
  sop: Nullable(Type.Object({ code: Type.String(), name: Type.String() })),
  institutions: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      office: Type.Object({ id: Type.String(), name: Type.String() }),
    }),
  ),
});
