import { Anchor, Badge, Button, Group, Modal, Select, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, type ApiError } from '../../api/client';
import type { SopPurposeView } from '../../api/client';
import { ErrorAlert } from '../ErrorAlert';
import { Loading } from '../Loading';

/** For each purpose: the SOP serving it, a choice among the office's SOPs declaring it, and retiring it. */
export function SopPurposes({ officeId, editable }: { officeId: string; editable: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const key = ['sop-purposes', officeId];
  const purposes = useQuery<SopPurposeView[], ApiError>({ queryKey: key, queryFn: () => api.sopPurposes(officeId) });
  const [retiring, setRetiring] = useState<SopPurposeView['purpose'] | null>(null);
  const set = useMutation<SopPurposeView[], ApiError, { purpose: string; sopCode: string | null }>({
    mutationFn: ({ purpose, sopCode }) => api.setSopPurpose(officeId, purpose, sopCode),
    onSuccess: (all) => {
      queryClient.setQueryData(key, all);
      setRetiring(null);
    },
  });

  if (purposes.isPending) return <Loading />;
  if (purposes.isError) return <ErrorAlert error={purposes.error} onRetry={() => void purposes.refetch()} />;

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('office.purposesHelp')}
      </Text>
      {set.isError && <ErrorAlert error={set.error} />}
      <Table.ScrollContainer minWidth={560}>
        <Table striped data-testid="sop-purposes">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('office.purposeCol')}</Table.Th>
              <Table.Th>{t('office.servingCol')}</Table.Th>
              {editable && <Table.Th>{t('office.chooseCol')}</Table.Th>}
              {editable && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {purposes.data.map((p) => (
              <Table.Tr key={p.purpose} data-testid="purpose-row" data-purpose={p.purpose}>
                <Table.Th scope="row">{t(`purpose.${p.purpose}`)}</Table.Th>
                <Table.Td data-testid="purpose-serving">
                  {p.serving ? (
                    <Anchor component={Link} to={`/sop/versions/${p.serving.versionId}`} size="sm">
                      {p.serving.name} · {t('sop.version', { version: p.serving.version })}
                    </Anchor>
                  ) : p.retired ? (
                    <Badge color="gray" variant="light" data-testid="purpose-retired">
                      {t('office.retired')}
                    </Badge>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('office.noServing')}
                    </Text>
                  )}
                </Table.Td>
                {editable && (
                  <Table.Td>
                    {p.candidates.length === 0 ? (
                      <Text size="sm" c="dimmed">
                        {t('office.noCandidates')}
                      </Text>
                    ) : (
                      <Select
                        aria-label={`${t('office.chooseCol')}: ${t(`purpose.${p.purpose}`)}`}
                        data={p.candidates.map((c) => ({ value: c.code, label: c.name }))}
                        value={p.retired ? null : (p.chosen ?? p.serving?.code ?? null)}
                        onChange={(v) => v && set.mutate({ purpose: p.purpose, sopCode: v })}
                        allowDeselect={false}
                        disabled={set.isPending}
                        size="xs"
                        data-testid={`purpose-select-${p.purpose}`}
                      />
                    )}
                  </Table.Td>
                )}
                {editable && (
                  <Table.Td>
                    {!p.retired && (
                      <Button
                        size="xs"
                        variant="light"
                        color="red"
                        onClick={() => setRetiring(p.purpose)}
                        data-testid={`purpose-retire-${p.purpose}`}
                      >
                        {t('office.retire')}
                      </Button>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal
        opened={retiring !== null}
        onClose={() => setRetiring(null)}
        title={t('office.retireTitle')}
        data-testid="retire-dialog"
      >
        <Stack>
          <Text size="sm">{t('office.retireBody', { purpose: retiring ? t(`purpose.${retiring}`) : '' })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRetiring(null)} data-testid="retire-cancel">
              {t('office.cancel')}
            </Button>
            <Button
              color="red"
              loading={set.isPending}
              onClick={() => retiring && set.mutate({ purpose: retiring, sopCode: null })}
              data-testid="retire-confirm"
            >
              {t('office.retireConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
