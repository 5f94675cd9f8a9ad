import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request, type ApiError } from './client';

/** A message in both languages, as the server words it. */
export interface Words {
  id: string;
  en: string;
}

/** A finding's evidence as the server words it (aggregates only, never a NIK). */
export interface FindingEvidence {
  summary: Words;
  facts: { label: Words; value: Words }[];
  chart: { label: Words; observed: number; threshold: number } | null;
}

/** One anomaly finding (GET /api/anomalies/findings). */
export interface Finding {
  id: string;
  rule: string;
  ruleTitle: Words;
  severity: 'low' | 'medium' | 'high';
  source: 'detector' | 'resident_report';
  status: 'open' | 'confirmed' | 'false_positive';
  outcome: 'resumed' | 'revoked' | null;
  office: { id: string; name: string };
  institution: { id: string; name: string } | null;
  subject: { kind: 'grant' | 'device' | 'operator'; id: string; name: string; status: string | null } | null;
  windowStart: string;
  windowEnd: string;
  createdAt: string;
  suspendedAt: string | null;
  decidedAt: string | null;
  caseId: string | null;
  summary: Words;
  evidence: FindingEvidence;
}

/** One finding with its rule's rationale and whether the caller may decide it. */
export interface FindingDetail extends Finding {
  rationale: Words | null;
  decisionNote: string | null;
  decidedBy: string | null;
  reportId: string | null;
  canDecide: boolean;
}

/** The reviewer's decision. */
export interface DecisionInput {
  verdict: 'confirmed' | 'false_positive';
  outcome: 'resumed' | 'revoked' | null;
  note: string;
}

/** One tunable parameter of a rule as an office runs it. */
export interface RuleParamView {
  name: string;
  label: Words;
  unit: Words;
  value: number;
  default: number;
  min: number;
  max: number;
  step: number;
  tuning: 'up' | 'down' | null;
}

/** One rule of an office. */
export interface RuleView {
  code: string;
  title: Words;
  severity: 'low' | 'medium' | 'high';
  rationale: Words;
  enabled: boolean;
  falsePositives: number;
  updatedAt: string | null;
  params: RuleParamView[];
}

/** GET /api/anomalies/settings. */
export interface RuleSettings {
  officeId: string;
  officeName: string;
  reviewerRoles: string[];
  canTune: boolean;
  rules: RuleView[];
}

const KEY = ['anomalies'] as const;

/** Findings in the caller's scope, open or decided. */
export function useFindings(status: 'open' | 'decided') {
  return useQuery<Finding[], ApiError>({
    queryKey: [...KEY, 'findings', status],
    queryFn: () => request<Finding[]>('GET', `/api/anomalies/findings?status=${status}`),
  });
}

/** One finding. */
export function useFinding(id: string) {
  return useQuery<FindingDetail, ApiError>({
    queryKey: [...KEY, 'finding', id],
    queryFn: () => request<FindingDetail>('GET', `/api/anomalies/findings/${encodeURIComponent(id)}`),
  });
}

/** Decides a finding; refreshes the lists, the settings (a false positive tunes) and the inbox. */
export function useDecide(id: string) {
  const qc = useQueryClient();
  return useMutation<FindingDetail, ApiError, DecisionInput>({
    mutationFn: (input) =>
      request<FindingDetail>('POST', `/api/anomalies/findings/${encodeURIComponent(id)}/decision`, input),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: KEY });
      await qc.invalidateQueries({ queryKey: ['inbox'] });
    },
  });
}

/** The caller's office's rules. */
export function useRuleSettings(enabled = true) {
  return useQuery<RuleSettings, ApiError>({
    queryKey: [...KEY, 'settings'],
    queryFn: () => request<RuleSettings>('GET', '/api/anomalies/settings'),
    enabled,
  });
}

/** Tunes one rule. */
export function useSaveRule() {
  const qc = useQueryClient();
  return useMutation<RuleSettings, ApiError, { rule: string; enabled: boolean; params: Record<string, number> }>({
    mutationFn: ({ rule, ...body }) =>
      request<RuleSettings>('PUT', `/api/anomalies/settings/${encodeURIComponent(rule)}`, body),
    onSuccess: (data) => qc.setQueryData([...KEY, 'settings'], data),
  });
}
