import { Alert, Button, Card, Group, NumberInput, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { DateField } from '../DateField';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/client';
import type { UploadedFile } from '../../api/client';
import { useLang } from '../../i18n';
import { FileUpload } from '../case/FileUpload';
import { billingApi, todayText, type BillingBalance, type BillingPayment } from './api';

/** The office records a payment: institution, SIMPONI billing code, amount, date, proof of deposit. */
export function PaymentForm({ institutions }: { institutions: BillingBalance[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const client = useQueryClient();
  const [institutionId, setInstitutionId] = useState<string | null>(institutions[0]?.institutionId ?? null);
  const [billingCode, setBillingCode] = useState('');
  const [amount, setAmount] = useState<number | string>('');
  const [paidOn, setPaidOn] = useState(todayText());
  const [proof, setProof] = useState<UploadedFile | undefined>();
  const [note, setNote] = useState('');
  const save = useMutation<BillingPayment, ApiError>({
    mutationFn: () =>
      billingApi.recordPayment({
        institutionId: institutionId ?? '',
        billingCode: billingCode.trim(),
        amountRupiah: Number(amount),
        paidOn,
        proofFileId: proof?.id ?? '',
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    onSuccess: async () => {
      setBillingCode('');
      setAmount('');
      setProof(undefined);
      setNote('');
      await client.invalidateQueries({ queryKey: ['billing'] });
    },
  });
  const ready = institutionId && billingCode.trim() && Number(amount) > 0 && paidOn && proof;
  return (
    <Card withBorder data-testid="billing-payment-form">
      <Title order={4}>{t('billing.recordTitle')}</Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('billing.recordHelp')}
      </Text>
      <Stack gap="sm">
        <Select
          label={t('billing.institution')}
          data={institutions.map((i) => ({ value: i.institutionId, label: i.name }))}
          value={institutionId}
          onChange={setInstitutionId}
          allowDeselect={false}
        />
        <TextInput
          label={t('billing.billingCode')}
          description={t('billing.billingCodeHelp')}
          value={billingCode}
          onChange={(e) => setBillingCode(e.currentTarget.value)}
          data-testid="billing-code"
        />
        <NumberInput
          label={t('billing.amount')}
          prefix="Rp"
          thousandSeparator="."
          decimalSeparator=","
          min={1}
          allowDecimal={false}
          value={amount}
          onChange={setAmount}
          data-testid="billing-amount"
        />
        <DateField label={t('billing.paidOn')} value={paidOn} onChange={setPaidOn} />
        <Group justify="space-between">
          <Text size="sm">{t('billing.proof')}</Text>
          <FileUpload testId="billing-proof" uploaded={proof} onUploaded={setProof} />
        </Group>
        <TextInput label={t('billing.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        {save.error && <Alert color="red">{save.error.localized(lang)}</Alert>}
        {save.isSuccess && <Alert color="green">{t('billing.recorded')}</Alert>}
        <Group justify="flex-end">
          <Button onClick={() => save.mutate()} disabled={!ready} loading={save.isPending} data-testid="billing-save">
            {t('billing.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
