import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, type ApiError } from './client';
import type { Body, Query, Reply } from './http';

/** One anomaly finding (GET /api/anomalies/findings). */
export type Finding = Reply<'/api/anomalies/findings'>[number];

/** A message in both languages, as the server words it. */
export type Words = Finding['summary'];

/** A finding's evidence as the server words it (aggregates only, never a NIK). */
export type FindingEvidence = Finding['evidence'];

/** One finding with its rule's rationale and whether the caller may decide it. */
export type FindingDetail = Reply<'/api/anomalies/findings/{id}'>;

/** The reviewer's decision. */
export type DecisionInput = Body<'/api/anomalies/findings/{id}/decision'>;

/** GET /api/anomalies/settings. */
export type RuleSettings = Reply<'/api/anomalies/settings'>;

/** One rule of an office. */
export type RuleView = RuleSettings['rules'][number];

/** One tunable parameter of a rule as an office runs it. */
export type RuleParamView = RuleView['params'][number];

/** A rule's tuning: the rule and the body of PUT /api/anomalies/settings/{rule}. */
export type RuleSettingInput = { rule: string } & Body<'/api/anomalies/settings/{rule}', 'put'>;

const KEY = ['anomalies'] as const;

/** Findings in the caller's scope, open or decided. */
export function useFindings(status: NonNullable<Query<'/api/anomalies/findings'>['status']>) {
  return useQuery<Finding[], ApiError>({
    queryKey: [...KEY, 'findings', status],
    queryFn: () => call('get', '/api/anomalies/findings', { query: { status } }),
  });
}

/** One finding. */
export function useFinding(id: string) {
  return useQuery<FindingDetail, ApiError>({
    queryKey: [...KEY, 'finding', id],
    queryFn: () => call('get', '/api/anomalies/findings/{id}', { path: { id } }),
  });
}

/** Decides a finding; refreshes the lists, the settings (a false positive tunes) and the inbox. */
export function useDecide(id: string) {
  const qc = useQueryClient();
  return useMutation<FindingDetail, ApiError, DecisionInput>({
    mutationFn: (body) => call('post', '/api/anomalies/findings/{id}/decision', { path: { id }, body }),
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
    queryFn: () => call('get', '/api/anomalies/settings'),
    enabled,
  });
}

/** Tunes one rule. */
export function useSaveRule() {
  const qc = useQueryClient();
  return useMutation<RuleSettings, ApiError, RuleSettingInput>({
    mutationFn: ({ rule, ...body }) => call('put', '/api/anomalies/settings/{rule}', { path: { rule }, body }),
    onSuccess: (data) => qc.setQueryData([...KEY, 'settings'], data),
  });
}
