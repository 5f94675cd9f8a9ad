import { Alert, Button, Group, NumberInput, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiError } from '../../api/client';
import type { Office } from '../../api/client';
import { ErrorAlert } from '../ErrorAlert';

/** On the office's page, for its admin: days after a semester's end by which its institutions' reports are due. */
export function ReportDeadlineSetting({ office }: { office: Office }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [days, setDays] = useState<number | string>(office.reportDeadlineDays ?? 30);
  const save = useMutation<Office, ApiError, number>({
    mutationFn: (value) => api.updateOffice(office.id, { reportDeadlineDays: value }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['offices'] }),
  });
  const value = typeof days === 'number' ? days : Number.NaN;
  const valid = Number.isInteger(value) && value >= 1 && value <= 180;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) save.mutate(value);
      }}
      data-testid="report-deadline-setting"
    >
      <Text size="sm" mb="xs">
        {t('reports.deadlineHelp')}
      </Text>
      <Group align="flex-end">
        <NumberInput
          label={t('reports.deadlineLabel')}
          min={1}
          max={180}
          allowDecimal={false}
          value={days}
          onChange={setDays}
          error={valid ? undefined : t('reports.deadlineInvalid')}
          w={220}
        />
        <Button type="submit" loading={save.isPending} disabled={!valid}>
          {t('reports.deadlineSave')}
        </Button>
      </Group>
      {save.error && <ErrorAlert error={save.error} />}
      {save.isSuccess && (
        <Alert color="green" mt="sm" role="status" data-testid="report-deadline-saved">
          {t('reports.deadlineSaved', { days: save.data.reportDeadlineDays ?? value })}
        </Alert>
      )}
    </form>
  );
}
