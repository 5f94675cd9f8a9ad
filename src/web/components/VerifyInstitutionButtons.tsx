import { Alert, Badge, Button, Group, List, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiError } from '../api/client';
import { casework, refreshAfterAction, VERIFICATIONS_KEY, type InstitutionVerification } from '../api/casework';
import { useLang } from '../i18n';
import { formatDateTime } from '../lib/format';
import { useSuccessNotice } from './case/SuccessNotice';
import { ErrorAlert } from './ErrorAlert';

/**
 * Office staff: accept or refuse an institution that registered itself. Each asks for confirmation first, saying
 * what will happen; afterwards the page shows who decided and when.
 */
export function VerifyInstitutionButtons({
  institutionId,
  institutionName,
}: {
  institutionId: string;
  institutionName?: string;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { notice, show } = useSuccessNotice();
  const [asking, setAsking] = useState<null | boolean>(null);
  const [note, setNote] = useState('');
  const verify = useMutation<{ id: string; status: string }, ApiError, boolean>({
    mutationFn: (approve) => api.verifyInstitution(institutionId, approve, note.trim() || undefined),
    onSuccess: async (_r, approve) => {
      setAsking(null);
      setNote('');
      await refreshAfterAction(queryClient, [['institutions'], ['institution', institutionId], VERIFICATIONS_KEY]);
      show(approve ? t('casework.verify.doneApprove') : t('casework.verify.doneRefuse'));
    },
  });
  const name = institutionName ?? t('casework.verify.thisInstitution');
  return (
    <>
      {notice}
      <Group gap="xs" wrap="wrap" onClick={(e) => e.stopPropagation()}>
        <Button
          size="xs"
          color="green"
          disabled={verify.isPending}
          onClick={() => setAsking(true)}
          data-testid="institution-verify"
        >
          {t('institutions.verify')}
        </Button>
        <Button
          size="xs"
          color="red"
          variant="light"
          disabled={verify.isPending}
          onClick={() => setAsking(false)}
          data-testid="institution-refuse"
        >
          {t('institutions.refuse')}
        </Button>
      </Group>
      <Modal
        opened={asking !== null}
        onClose={() => setAsking(null)}
        title={
          asking
            ? t('casework.verify.confirmApproveTitle', { name })
            : t('casework.verify.confirmRefuseTitle', { name })
        }
        centered
      >
        <Stack gap="sm" onClick={(e) => e.stopPropagation()}>
          <Text size="sm">{t('casework.verify.whatHappens')}</Text>
          <List size="sm">
            {(asking
              ? [t('casework.verify.approve1'), t('casework.verify.approve2'), t('casework.verify.recorded')]
              : [t('casework.verify.refuse1'), t('casework.verify.refuse2'), t('casework.verify.recorded')]
            ).map((line) => (
              <List.Item key={line}>{line}</List.Item>
            ))}
          </List>
          <Textarea
            label={t('casework.verify.note')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            maxLength={500}
            autosize
            minRows={2}
            data-testid="institution-verify-note"
          />
          {verify.isError && <ErrorAlert error={verify.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAsking(null)} data-testid="institution-verify-cancel">
              {t('casework.verify.cancel')}
            </Button>
            <Button
              color={asking ? 'green' : 'red'}
              loading={verify.isPending}
              onClick={() => asking !== null && verify.mutate(asking)}
              data-testid="institution-verify-confirm"
            >
              {asking ? t('casework.verify.confirmApprove') : t('casework.verify.confirmRefuse')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** The latest verification decisions on these institutions, by id. */
export function useVerifications(ids: readonly string[]) {
  return useQuery<InstitutionVerification[], ApiError>({
    queryKey: [...VERIFICATIONS_KEY, [...ids].sort().join(',')],
    queryFn: () => casework.verifications(ids),
    enabled: ids.length > 0,
  });
}

/** "Diverifikasi oleh Siti (Kepala Bidang), 2 Desember 2026 10.15 WIB": who decided and when. */
export function VerificationDecision({
  decision,
  compact = false,
}: {
  decision: InstitutionVerification | undefined;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  if (!decision) return null;
  const roles = decision.decidedBy.roles.map((r) => r[lang]).join(', ');
  const text = t(decision.approved ? 'casework.verify.decidedApprove' : 'casework.verify.decidedRefuse', {
    name: decision.decidedBy.name,
    role: roles,
    when: formatDateTime(decision.decidedAt, lang),
  });
  if (compact)
    return (
      <Text size="xs" c="dimmed" data-testid="verification-decision">
        {text}
      </Text>
    );
  return (
    <Alert
      color={decision.approved ? 'green' : 'red'}
      variant="light"
      data-testid="verification-decision"
      title={
        <Badge color={decision.approved ? 'green' : 'red'}>
          {decision.approved ? t('casework.verify.approved') : t('casework.verify.refused')}
        </Badge>
      }
    >
      <Text size="sm">{text}</Text>
      {decision.note && (
        <Text size="sm" c="dimmed">
          {t('casework.verify.note')}: {decision.note}
        </Text>
      )}
    </Alert>
  );
}
