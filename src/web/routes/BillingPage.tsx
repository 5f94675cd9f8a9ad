import { Button, Card, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../api/hooks';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { InstitutionBilling } from '../components/billing/InstitutionBilling';
import { PaymentForm } from '../components/billing/PaymentForm';
import { formatRupiah, useBalances, useTariffs } from '../components/billing/api';
import { formatDate } from '../lib/format';
import { useLang } from '../i18n';

const PAYMENT_ROLES = ['admin', 'kadis', 'kabid', 'kasi', 'staf'];

function Tariffs() {
  const { t } = useTranslation();
  const lang = useLang();
  const tariffs = useTariffs();
  if (!tariffs.data) return null;
  return (
    <Card withBorder>
      <Title order={4}>{t('billing.tariffsTitle')}</Title>
      <Table>
        <Table.Tbody>
          {tariffs.data.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>{t(`billing.method.${r.method}`)}</Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>
                {t('billing.perNik', { amount: formatRupiah(r.amountRupiah) })}
              </Table.Td>
              <Table.Td>{t('billing.from', { date: formatDate(r.effectiveFrom, lang) })}</Table.Td>
              <Table.Td>{r.legalBasis}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

/** PNBP fees: an institution its prepaid balance; an office (or pusat) its institutions' balances and payments. */
export function BillingPage() {
  const { t } = useTranslation();
  const me = useSession();
  const balances = useBalances();
  const [selected, setSelected] = useState<string | null>(null);
  if (me.organisation.kind === 'institution')
    return (
      <Stack>
        <Title order={1} size="h2">
          {t('billing.title')}
        </Title>
        <InstitutionBilling institutionId={me.organisation.id} />
        <Tariffs />
      </Stack>
    );
  if (balances.isPending) return <Loading />;
  if (balances.error) return <ErrorAlert error={balances.error} />;
  const list = balances.data;
  const canRecord = me.roles.some((r) => PAYMENT_ROLES.includes(r.code));
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('billing.title')}
      </Title>
      <Card withBorder>
        <Title order={4}>{t('billing.balancesTitle')}</Title>
        {list.length === 0 ? (
          <Text size="sm">{t('billing.noInstitutions')}</Text>
        ) : (
          <Table data-testid="billing-balances">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('billing.institution')}</Table.Th>
                <Table.Th>{t('billing.office')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('billing.balance')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((b) => (
                <Table.Tr key={b.institutionId}>
                  <Table.Td>{b.name}</Table.Td>
                  <Table.Td>{b.officeName}</Table.Td>
                  <Table.Td
                    style={{
                      textAlign: 'right',
                      color: b.balanceRupiah > 0 ? undefined : 'var(--mantine-color-red-7)',
                    }}
                  >
                    {formatRupiah(b.balanceRupiah)}
                  </Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="light" onClick={() => setSelected(b.institutionId)}>
                      {t('billing.details')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      {canRecord && list.length > 0 && <PaymentForm institutions={list} />}
      {selected && <InstitutionBilling institutionId={selected} />}
      <Tariffs />
    </Stack>
  );
}
