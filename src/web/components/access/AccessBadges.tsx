import { Badge, Group, Text, Tooltip, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n';
import { useDataElements } from '../useDataElements';

const STATUS_COLORS: Record<string, string> = { active: 'green', suspended: 'orange', revoked: 'red' };

/** A grant's state: active, suspended or revoked. */
export function GrantStatusBadge({ status, ...props }: { status: string } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge
      color={STATUS_COLORS[status] ?? 'gray'}
      variant="light"
      data-testid="grant-status"
      data-status={status}
      {...props}
    >
      {t(`grantStatus.${status}`, { defaultValue: status })}
    </Badge>
  );
}

/** Trial (sandbox population) or production. */
export function EnvironmentBadge({ environment, ...props }: { environment: string } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge
      color={environment === 'production' ? 'indigo' : 'yellow'}
      variant="filled"
      data-testid="grant-env"
      data-env={environment}
      {...props}
    >
      {t(`grantEnv.${environment}`, { defaultValue: environment })}
    </Badge>
  );
}

/** Data-call result codes that disclose data (01) or are answers about the person rather than refusals. */
const ANSWER_CODES = new Set(['01', '11', '13', '14', '12']);

/** A Dukcapil response code (or "ok" for an administrative decision) with its meaning on hover and beside it. */
export function ResultCodeBadge({ code, withText = false }: { code: string; withText?: boolean }) {
  const { t } = useTranslation();
  const meaning = t(`resultCode.${code}`, { defaultValue: code });
  const color = code === '01' || code === 'ok' ? 'green' : ANSWER_CODES.has(code) ? 'blue' : 'red';
  return (
    <Group gap={6} wrap="nowrap" data-testid="result-code" data-code={code}>
      <Tooltip label={meaning}>
        <Badge color={color} variant="light" ff="monospace" style={{ flexShrink: 0, overflow: 'visible' }}>
          {code}
        </Badge>
      </Tooltip>
      {withText && (
        <Text size="xs" c="dimmed">
          {meaning}
        </Text>
      )}
    </Group>
  );
}

/**
 * The PKS's elements with those the grant discloses filled in; an element outside the PKS (which the server
 * never compiles) would show in red.
 */
export function ElementsAgainstPks({ granted, pks }: { granted: string[]; pks: string[] | null }) {
  const lang = useLang();
  const { t } = useTranslation();
  const elements = useDataElements();
  const name = (code: string) => elements.byCode.get(code)?.name[lang] ?? code;
  const grantedSet = new Set(granted);
  const all = pks ?? granted;
  const outside = pks ? granted.filter((c) => !pks.includes(c)) : [];
  return (
    <Group gap={4} data-testid="grant-elements">
      {all.map((code) => (
        <Tooltip key={code} label={grantedSet.has(code) ? t('access.elementGranted') : t('access.elementNotGranted')}>
          <Badge
            size="sm"
            variant={grantedSet.has(code) ? 'light' : 'outline'}
            color={grantedSet.has(code) ? 'teal' : 'gray'}
            // Not granted: a dashed outline, never faded text (it must stay legible: WCAG AA contrast).
            style={grantedSet.has(code) ? undefined : { borderStyle: 'dashed' }}
            data-testid="grant-element"
            data-code={code}
            data-granted={grantedSet.has(code) ? 'yes' : 'no'}
          >
            {name(code)}
          </Badge>
        </Tooltip>
      ))}
      {outside.map((code) => (
        <Badge key={code} size="sm" color="red" data-testid="grant-element-outside" data-code={code}>
          {name(code)} ⚠
        </Badge>
      ))}
    </Group>
  );
}
