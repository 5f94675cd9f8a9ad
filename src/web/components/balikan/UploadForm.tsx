import { useMemo, useState } from 'react';
import { Button, Card, Code, FileInput, Select, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../ErrorAlert';
import { useLang } from '../../i18n';
import { uploadDelivery, useKinds, type AgreementDuties, type Delivery } from './api';
import { DeliveryResult } from './DeliveryResult';

/** The institution's upload: which duty, which period, the CSV; then what was kept and what was refused. */
export function UploadForm({ agreements }: { agreements: AgreementDuties[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const kinds = useKinds();
  const queryClient = useQueryClient();
  const duties = useMemo(
    () =>
      agreements.flatMap((a) =>
        a.duties.map((d) => ({
          value: `${a.agreementId}|${d.kind}`,
          label: agreements.length > 1 ? `${d.kindName[lang]} — ${a.agreementNumber}` : d.kindName[lang],
          agreementId: a.agreementId,
          duty: d,
        })),
      ),
    [agreements, lang],
  );
  const [dutyValue, setDutyValue] = useState<string | null>(duties[0]?.value ?? null);
  const chosen = duties.find((d) => d.value === dutyValue) ?? duties[0];
  const periods = chosen?.duty.periods ?? [];
  const firstOpen = [...periods].reverse().find((p) => p.state !== 'delivered') ?? periods[periods.length - 1];
  const [period, setPeriod] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const mutation = useMutation<Delivery, unknown, void>({
    mutationFn: () => {
      if (!chosen || !file) throw new Error('incomplete');
      return uploadDelivery({
        file,
        kind: chosen.duty.kind,
        period: period ?? firstOpen?.period ?? '',
        agreementId: chosen.agreementId,
      });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['data-balikan'] });
    },
  });
  const header = kinds.data?.find((k) => k.code === chosen?.duty.kind)?.header.join(',');
  if (!chosen) return null;
  const stateWord = (s: string) => t(`dataBalikan.state.${s}`);
  return (
    <Card withBorder data-testid="balikan-upload">
      <Stack gap="sm">
        <Title order={4}>{t('dataBalikan.uploadTitle')}</Title>
        <Select
          label={t('dataBalikan.duty')}
          data={duties.map((d) => ({ value: d.value, label: d.label }))}
          value={chosen.value}
          onChange={(v) => {
            setDutyValue(v);
            setPeriod(null);
          }}
          allowDeselect={false}
          data-testid="balikan-duty"
        />
        <Select
          label={t('dataBalikan.period')}
          description={periods.length === 0 ? t('dataBalikan.noPeriodYet') : undefined}
          data={[...periods]
            .reverse()
            .map((p) => ({ value: p.period, label: `${p.label[lang]} — ${stateWord(p.state)}` }))}
          value={period ?? firstOpen?.period ?? null}
          onChange={setPeriod}
          allowDeselect={false}
          data-testid="balikan-period"
        />
        <FileInput
          label={t('dataBalikan.file')}
          description={t('dataBalikan.fileHelp')}
          accept=".csv,text/csv"
          value={file}
          onChange={setFile}
          clearable
          data-testid="balikan-file"
        />
        {header && (
          <Text size="sm">
            {t('dataBalikan.headerHelp')} <Code>{header}</Code>
          </Text>
        )}
        {mutation.error !== null && <ErrorAlert error={mutation.error} />}
        <Button
          onClick={() => mutation.mutate()}
          disabled={!file || !(period ?? firstOpen?.period)}
          loading={mutation.isPending}
          w="fit-content"
          data-testid="balikan-submit"
        >
          {t('dataBalikan.submit')}
        </Button>
        {mutation.data && <DeliveryResult delivery={mutation.data} />}
      </Stack>
    </Card>
  );
}
