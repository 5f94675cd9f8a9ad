import { Card, Group, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { UsageQuota } from '../../api/usage';
import { useLang } from '../../i18n';
import { formatCount, formatShare } from './usage-format';

/** Today's quota: what is left as a prominent number, then what was used of how much. */
export function QuotaCard({ quota }: { quota: UsageQuota | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (!quota) return null;
  const limited = quota.dailyLimit !== null && quota.remainingToday !== null;
  const used = quota.dailyLimit ? Math.min(100, (quota.usedToday / quota.dailyLimit) * 100) : 0;
  return (
    <Card
      withBorder
      radius="md"
      padding="md"
      data-testid="usage-quota"
      component="section"
      aria-label={t('usage.remainingToday')}
    >
      <Text size="sm" c="dimmed">
        {t('usage.remainingToday')}
      </Text>
      <Text
        fz={36}
        fw={700}
        lh={1.2}
        c={limited && quota.remainingToday === 0 ? 'red' : undefined}
        data-testid="usage-quota-remaining"
        data-value={quota.remainingToday ?? ''}
      >
        {limited ? formatCount(quota.remainingToday, lang) : t('usage.unlimited')}
      </Text>
      <Stack gap={4} mt="xs">
        {limited && (
          <Progress
            value={used}
            color={used >= 90 ? 'red' : used >= 70 ? 'orange' : 'teal'}
            aria-label={t('usage.usedOfQuota')}
          />
        )}
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm">{t('usage.usedToday')}</Text>
          <Text size="sm" fw={600} data-testid="usage-quota-used" data-value={quota.usedToday}>
            {formatCount(quota.usedToday, lang)}
          </Text>
        </Group>
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm">{t('usage.dailyQuota')}</Text>
          <Text size="sm" fw={600} data-testid="usage-quota-limit">
            {quota.dailyLimit === null ? t('usage.unlimited') : formatCount(quota.dailyLimit, lang)}
          </Text>
        </Group>
      </Stack>
    </Card>
  );
}

/** Calls, answered and refused over the period, as figures. */
export function TotalsCard({
  totals,
  asOf,
}: {
  totals: { calls: number; answered: number; refused: number };
  asOf: string | null;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const rate = totals.calls > 0 ? totals.refused / totals.calls : null;
  return (
    <Card
      withBorder
      radius="md"
      padding="md"
      data-testid="usage-totals"
      component="section"
      aria-label={t('usage.totals')}
    >
      <Text size="sm" c="dimmed">
        {t('usage.callsInPeriod')}
      </Text>
      <Text fz={36} fw={700} lh={1.2} data-testid="usage-total-calls" data-value={totals.calls}>
        {formatCount(totals.calls, lang)}
      </Text>
      <Stack gap={4} mt="xs">
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm">{t('usage.answered')}</Text>
          <Text size="sm" fw={600} data-testid="usage-total-answered" data-value={totals.answered}>
            {formatCount(totals.answered, lang)}
          </Text>
        </Group>
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm">{t('usage.refused')}</Text>
          <Text size="sm" fw={600} data-testid="usage-total-refused" data-value={totals.refused}>
            {formatCount(totals.refused, lang)}
            {rate !== null && ` (${formatShare(rate, lang)})`}
          </Text>
        </Group>
        <AsOf asOf={asOf} />
      </Stack>
    </Card>
  );
}

/** "Data sampai 1 Des 2026, 14.05": how fresh the ledger is. */
export function AsOf({ asOf }: { asOf: string | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (!asOf) return null;
  const d = new Date(asOf);
  const when = Number.isNaN(d.getTime())
    ? asOf
    : new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'long', timeStyle: 'short' }).format(d);
  return (
    <Text size="xs" c="dimmed" data-testid="usage-as-of">
      {t('usage.asOf', { when })}
    </Text>
  );
}
