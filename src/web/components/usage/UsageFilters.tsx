import { Button, Group, Menu, SegmentedControl, Select, Text } from '@mantine/core';
import { DateField } from '../DateField';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { USAGE_CHANNELS, usageCsvUrl, type UsageBy, type UsageChannel, type UsageQuery } from '../../api/usage';
import { useLang } from '../../i18n';
import type { PeriodState } from './usePeriod';
import { periodText } from './usage-format';

/** The period selector, the channel filter, and the CSV downloads of the current view. */
export function UsageFilters({
  state,
  shown,
  csvBase,
  csvBy,
}: {
  state: PeriodState;
  /** The period the server answered for, shown in words. */
  shown?: { from: string; to: string } | null;
  /** The filters the downloads carry (institution, dates, channel). */
  csvBase: Omit<UsageQuery, 'by'>;
  /** The groupings offered as CSV. */
  csvBy: UsageBy[];
}) {
  const { t } = useTranslation();
  const lang = useLang();
  // Four choices side by side do not fit a phone: there they stack.
  const narrow = useMediaQuery('(max-width: 36em)') ?? false;
  return (
    <Group align="flex-end" gap="sm" wrap="wrap" data-testid="usage-filters">
      <div style={narrow ? { width: '100%' } : undefined}>
        <Text size="sm" fw={500} mb={4} id="usage-period-label">
          {t('usage.period')}
        </Text>
        <SegmentedControl
          aria-labelledby="usage-period-label"
          value={state.period}
          orientation={narrow ? 'vertical' : 'horizontal'}
          fullWidth={narrow}
          onChange={(v) => state.setPeriod(v as PeriodState['period'])}
          data={(['month', 'last30', 'semester', 'custom'] as const).map((p) => ({
            value: p,
            label: t(`usage.periods.${p}`),
          }))}
          data-testid="usage-period"
        />
      </div>
      {state.period === 'custom' && (
        <>
          <DateField
            label={t('usage.from')}
            value={state.customFrom}
            onChange={(v) => state.setCustom('from', v)}
            testId="usage-from"
          />
          <DateField
            label={t('usage.to')}
            value={state.customTo}
            onChange={(v) => state.setCustom('to', v)}
            testId="usage-to"
          />
        </>
      )}
      <Select
        label={t('usage.channelFilter')}
        value={state.channel ?? null}
        onChange={(v) => state.setChannel((v as UsageChannel | null) ?? null)}
        data={USAGE_CHANNELS.map((c) => ({ value: c, label: t(`usage.channel.${c}`) }))}
        clearable
        placeholder={t('usage.allChannels')}
        w={200}
        data-testid="usage-channel"
      />
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" data-testid="usage-csv">
            {t('usage.downloadCsv')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {csvBy.map((by) => (
            <Menu.Item
              key={by}
              component="a"
              href={usageCsvUrl({ ...csvBase, by })}
              download
              data-testid={`usage-csv-${by}`}
            >
              {t(`usage.csvBy.${by}`)}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      {shown && (
        <Text size="sm" c="dimmed" data-testid="usage-period-text">
          {periodText(shown.from, shown.to, lang)}
        </Text>
      )}
    </Group>
  );
}
