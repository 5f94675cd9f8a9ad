/** Request and response shapes of the review of anomaly findings. */
import { Type } from '@sinclair/typebox';
import { Bilingual, Id, Nullable, OneOf } from '../../http/schemas.js';
import {
  FINDING_SOURCES,
  FINDING_STATUSES,
  OUTCOMES,
  SUBJECT_KINDS,
  VERDICTS,
} from '../../../domain/anomalies/review.js';
import { SEVERITIES, TUNINGS } from '../../../domain/anomalies/rules.js';
import { GRANT_STATUSES } from '../../../domain/grant/grant.js';

const Severity = OneOf(SEVERITIES);
const Status = OneOf(FINDING_STATUSES);
const Outcome = OneOf(OUTCOMES);
const SubjectKind = OneOf(SUBJECT_KINDS);
/** A subject's status now; a device's and an operator's (REGISTRATION_STATUSES) are the same as a grant's. */
const SubjectStatus = OneOf(GRANT_STATUSES);

const EvidenceOut = Type.Object({
  summary: Bilingual,
  facts: Type.Array(Type.Object({ label: Bilingual, value: Bilingual })),
  chart: Nullable(Type.Object({ label: Bilingual, observed: Type.Number(), threshold: Type.Number() })),
});

export const FindingOut = Type.Object({
  id: Type.String(),
  rule: Type.String(),
  ruleTitle: Bilingual,
  severity: Severity,
  source: OneOf(FINDING_SOURCES),
  status: Status,
  outcome: Nullable(Outcome),
  office: Type.Object({ id: Type.String(), name: Type.String() }),
  institution: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  subject: Nullable(
    Type.Object({ kind: SubjectKind, id: Type.String(), name: Type.String(), status: Nullable(SubjectStatus) }),
  ),
  windowStart: Type.String(),
  windowEnd: Type.String(),
  createdAt: Type.String(),
  suspendedAt: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  caseId: Nullable(Type.String()),
  summary: Bilingual,
  evidence: EvidenceOut,
});

export const FindingDetailOut = Type.Composite([
  FindingOut,
  Type.Object({
    rationale: Nullable(Bilingual),
    decisionNote: Nullable(Type.String()),
    decidedBy: Nullable(Type.String()),
    reportId: Nullable(Type.String()),
    canDecide: Type.Boolean(),
  }),
]);

export const FindingsQuery = Type.Object(
  {
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('decided')])),
    institutionId: Type.Optional(Id),
    rule: Type.Optional(Id),
  },
  { additionalProperties: false },
);

export const DecisionIn = Type.Object(
  {
    verdict: OneOf(VERDICTS, {
      description: 'confirmed: the finding is true; false_positive: it is not (tunes the rule)',
    }),
    outcome: Nullable(Outcome),
    note: Type.String({ minLength: 1, maxLength: 1000, description: "the reviewer's reasons, in plain words" }),
  },
  { additionalProperties: false },
);

const ParamOut = Type.Object({
  name: Type.String(),
  label: Bilingual,
  unit: Bilingual,
  value: Type.Number(),
  default: Type.Number(),
  min: Type.Number(),
  max: Type.Number(),
  step: Type.Number(),
  tuning: Nullable(OneOf(TUNINGS)),
});

export const SettingsOut = Type.Object({
  officeId: Type.String(),
  officeName: Type.String(),
  reviewerRoles: Type.Array(Type.String()),
  canTune: Type.Boolean(),
  rules: Type.Array(
    Type.Object({
      code: Type.String(),
      title: Bilingual,
      severity: Severity,
      rationale: Bilingual,
      enabled: Type.Boolean(),
      falsePositives: Type.Integer(),
      updatedAt: Nullable(Type.String()),
      params: Type.Array(ParamOut),
    }),
  ),
});

export const SettingIn = Type.Object(
  {
    enabled: Type.Boolean(),
    params: Type.Record(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9]{0,39}$' }), Type.Number(), {
      description: 'parameter name → value within the bounds the rule declares (omitted: unchanged)',
    }),
  },
  { additionalProperties: false },
);
