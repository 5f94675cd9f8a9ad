import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import type {
  AccessMethod,
  AgreementAccess,
  AgreementDetail,
  ApplicationView,
  GrantInput,
  GrantOperation,
  GrantWithSecret,
  User,
} from '../../api/client';
import { useLang } from '../../i18n';
import { DateField } from '../DateField';
import { ErrorAlert } from '../ErrorAlert';
import { useDataElements } from '../useDataElements';
import { wideRanges } from '../../../domain/grant/ip.js';
import { formatDate } from '../../lib/format';

const TIMEZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'];

/** The end of a chosen day in the browser's time, as the API's date-time. */
function endOfDay(date: string): string {
  return new Date(`${date}T23:59:59`).toISOString();
}

/**
 * Provisioning form: a grant compiled from this PKS — kind, environment, for a web service its operations (Cek NIK
 * and/or Verifikasi elemen), a subset of the PKS's elements, IP
 * allow-list (one per line, errors shown per line), permitted hours, daily quota and secret expiry.
 * Prefilled from what is already decided: every element of the PKS in force, and the IP addresses the application
 * declared (until the office edits the list itself).
 */
/** The IP addresses/ranges the PKS's application declared, or [] (no application, or not readable). */
function useApplicationIps(agreementId: string): string[] {
  const pks = useQuery<AgreementDetail, ApiError>({
    queryKey: ['agreement', agreementId],
    queryFn: () => api.agreement(agreementId),
  });
  const applicationId = pks.data?.applicationId ?? null;
  const application = useQuery<ApplicationView, ApiError>({
    queryKey: ['application', applicationId],
    queryFn: () => api.application(applicationId ?? ''),
    enabled: applicationId !== null,
    retry: false,
  });
  return application.data?.content.ipRanges ?? [];
}

export function CreateGrantForm({
  access,
  onCreated,
  onCancel,
}: {
  access: AgreementAccess;
  onCreated: (created: GrantWithSecret) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const catalogue = useDataElements();
  const pks = access.agreement;
  const methods = pks.methods.filter((m): m is AccessMethod =>
    ['web_service', 'card_reader', 'web_portal'].includes(m),
  );
  const trialPassed = access.grants.some((g) => g.environment === 'trial' && g.trial?.result === 'passed');
  const [kind, setKind] = useState<AccessMethod>(
    methods.includes('web_service') ? 'web_service' : (methods[0] ?? 'web_service'),
  );
  const [environment, setEnvironment] = useState<'trial' | 'production'>('trial');
  const [label, setLabel] = useState('');
  // Every element of the PKS in force, which the office narrows if it grants less.
  const [elements, setElements] = useState<string[]>(() => [...pks.elements]);
  const [operations, setOperations] = useState<GrantOperation[]>(['lookup', 'verify']);
  const applicationIps = useApplicationIps(pks.id);
  // Until the office edits the list, it shows the application's declared addresses.
  const [typedIps, setIps] = useState<string | null>(null);
  const ips = typedIps ?? applicationIps.join('\n');
  const fromApplication = typedIps === null && applicationIps.length > 0;
  // A portal grant's operators are users of the institution: its admin creates them first.
  const users = useQuery<User[], ApiError>({
    queryKey: ['users', 'institution', pks.institutionId],
    queryFn: () => api.users('institution', pks.institutionId),
    enabled: kind === 'web_portal',
    retry: false,
  });
  const hasOperatorUser = (users.data ?? []).some((u) => u.status === 'active' && u.roles.includes('operator'));
  const [limitHours, setLimitHours] = useState(false);
  const [from, setFrom] = useState('08:00');
  const [to, setTo] = useState('17:00');
  const [timezone, setTimezone] = useState('Asia/Jakarta');
  const [quota, setQuota] = useState<number | string>('');
  const [expiry, setExpiry] = useState('');
  const [confirmWide, setConfirmWide] = useState(false);

  // Lines of the textarea that carry an address, so the server's ipAllow[i] maps back to a line number.
  const lines = ips.split('\n');
  const sentLines = lines.map((l, i) => ({ ip: l.trim(), line: i + 1 })).filter((l) => l.ip !== '');
  // Everything, a very wide prefix or link-local: the office must confirm it (the server refuses it otherwise).
  const wide = wideRanges(sentLines.map((l) => l.ip));
  const wideUnconfirmed = wide.length > 0 && !confirmWide;

  const create = useMutation<GrantWithSecret, ApiError, GrantInput>({
    mutationFn: (input) => api.createGrant(pks.id, input),
    onSuccess: onCreated,
  });

  // The form's own checks, shown after the first submit and recomputed as the office fixes them.
  const [tried, setTried] = useState(false);
  const problems = {
    elements: elements.length === 0 ? t('integration.grant.pickElement') : null,
    operations: kind === 'web_service' && operations.length === 0 ? t('integration.grant.pickOperation') : null,
    wide: wideUnconfirmed ? t('integration.grant.confirmWide') : null,
  };
  const blocked = Object.values(problems).some(Boolean);

  const submit = () => {
    setTried(true);
    if (blocked) return;
    const input: GrantInput = {
      kind,
      environment,
      // The PKS's own element codes (a catalogue code each); the server refuses any other.
      elements: elements as GrantInput['elements'],
      ipAllow: sentLines.map((l) => l.ip),
      ...(wide.length > 0 && confirmWide ? { confirmWideRanges: true } : {}),
      hours: limitHours ? { from, to, timezone } : null,
      dailyQuota: typeof quota === 'number' ? quota : null,
    };
    input.label = label.trim() || `${t(`methods.${kind}`)} ${t(`grantEnv.${environment}`).toLowerCase()}`;
    if (kind === 'web_service' && expiry) input.secretExpiresAt = endOfDay(expiry);
    if (kind === 'web_service') input.operations = operations;
    create.mutate(input);
  };

  const issues = create.error?.problem.issues ?? [];
  const ipIssues = issues
    .map((issue) => {
      const m = /ipAllow\[(\d+)\]/.exec(issue.field);
      if (!m) return null;
      const sent = sentLines[Number(m[1])];
      return { line: sent?.line ?? Number(m[1]) + 1, message: issue.message[lang] };
    })
    .filter((x): x is { line: number; message: string } => x !== null);
  const otherError = Boolean(create.error) && (issues.length === 0 || ipIssues.length < issues.length);

  return (
    <Card withBorder padding="lg" radius="md" data-testid="grant-form" bg="gray.0">
      <Stack>
        <Title order={5}>{t('access.newGrant')}</Title>
        <Group grow align="flex-start">
          <Select
            label={t('access.kind')}
            data={methods.map((m) => ({ value: m, label: t(`methods.${m}`) }))}
            value={kind}
            onChange={(v) => v && setKind(v as AccessMethod)}
            allowDeselect={false}
            data-testid="grant-form-kind"
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('access.environment')}
            </Text>
            <SegmentedControl
              value={environment}
              onChange={(v) => setEnvironment(v as 'trial' | 'production')}
              data={[
                { value: 'trial', label: t('grantEnv.trial') },
                { value: 'production', label: t('grantEnv.production') },
              ]}
              data-testid="grant-environment"
            />
            {environment === 'production' && !trialPassed && (
              <Text size="xs" c="orange" data-testid="grant-production-hint">
                {t('access.productionNeedsTrial')}
              </Text>
            )}
          </Stack>
        </Group>
        {kind === 'web_portal' && !hasOperatorUser && (
          <Alert
            color="blue"
            variant="light"
            title={t('integration.grant.operatorFirstTitle')}
            data-testid="grant-operator-first"
          >
            {t('integration.grant.operatorFirst')}
          </Alert>
        )}
        <TextInput
          label={t('access.label')}
          placeholder={`${t(`methods.${kind}`)} ${t(`grantEnv.${environment}`).toLowerCase()}`}
          value={label}
          onChange={(e) => setLabel(e.currentTarget.value)}
          maxLength={120}
          data-testid="grant-label"
        />
        {kind === 'web_service' && (
          <Checkbox.Group
            label={t('access.operations')}
            description={t('access.operationsHelp')}
            value={operations}
            onChange={(v) => setOperations(v as GrantOperation[])}
            withAsterisk
            error={tried ? problems.operations : undefined}
          >
            <Group mt="xs">
              <Checkbox value="lookup" label={t('access.operation_lookup')} data-testid="grant-operation-lookup" />
              <Checkbox value="verify" label={t('access.operation_verify')} data-testid="grant-operation-verify" />
            </Group>
          </Checkbox.Group>
        )}
        <Checkbox.Group
          label={t('access.elementsFromPks')}
          description={`${t('access.elementsFromPksHelp')} ${t('integration.grant.elementsPrefilled')}`}
          value={elements}
          onChange={setElements}
          withAsterisk
          error={tried ? problems.elements : undefined}
        >
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} mt="xs" spacing={6}>
            {pks.elements.map((code) => (
              <Checkbox
                key={code}
                value={code}
                label={catalogue.byCode.get(code)?.name[lang] ?? code}
                data-testid={`grant-element-${code}`}
              />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <Group gap="xs">
          <Button
            size="compact-xs"
            variant="subtle"
            onClick={() => setElements([...pks.elements])}
            data-testid="grant-select-all"
          >
            {t('access.selectAll')}
          </Button>
          <Button size="compact-xs" variant="subtle" onClick={() => setElements([])} data-testid="grant-select-none">
            {t('access.selectNone')}
          </Button>
        </Group>
        <Textarea
          label={t('access.ipAllow')}
          description={
            fromApplication
              ? `${t('access.ipAllowHelp')} ${t('integration.grant.ipsFromApplication')}`
              : t('access.ipAllowHelp')
          }
          value={ips}
          onChange={(e) => setIps(e.currentTarget.value)}
          autosize
          minRows={3}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          error={ipIssues.length > 0 ? t('access.ipErrors', { count: ipIssues.length }) : undefined}
          data-testid="grant-form-ips"
        />
        {ipIssues.length > 0 && (
          <List size="sm" c="red" data-testid="grant-ip-errors">
            {ipIssues.map((issue, i) => (
              <List.Item key={i} data-testid="grant-ip-error" data-line={issue.line}>
                {t('access.line', { line: issue.line })}: {issue.message}
              </List.Item>
            ))}
          </List>
        )}
        {wide.length > 0 && (
          <Alert color="orange" data-testid="grant-wide-ranges">
            <Stack gap="xs">
              <Text size="sm">
                {t('access.wideRangesWarning', { ranges: wide.map((w) => w.cidr.trim()).join(', ') })}
              </Text>
              <Checkbox
                label={t('access.wideRangesConfirm')}
                checked={confirmWide}
                onChange={(e) => setConfirmWide(e.currentTarget.checked)}
                error={tried ? problems.wide : undefined}
                data-testid="grant-confirm-wide"
              />
            </Stack>
          </Alert>
        )}
        <Switch
          label={t('access.limitHours')}
          checked={limitHours}
          onChange={(e) => setLimitHours(e.currentTarget.checked)}
          data-testid="grant-limit-hours"
        />
        {limitHours && (
          <Group grow>
            <TextInput
              type="time"
              label={t('access.hoursFrom')}
              value={from}
              onChange={(e) => setFrom(e.currentTarget.value)}
              data-testid="grant-hours-from"
            />
            <TextInput
              type="time"
              label={t('access.hoursTo')}
              value={to}
              onChange={(e) => setTo(e.currentTarget.value)}
              data-testid="grant-hours-to"
            />
            <Select
              label={t('access.timezone')}
              data={TIMEZONES}
              value={timezone}
              onChange={(v) => v && setTimezone(v)}
              allowDeselect={false}
            />
          </Group>
        )}
        <Group grow align="flex-start">
          <NumberInput
            label={t('access.dailyQuota')}
            description={t('access.dailyQuotaHelp')}
            value={quota}
            onChange={setQuota}
            min={1}
            max={100_000_000}
            allowDecimal={false}
            thousandSeparator="."
            decimalSeparator=","
            data-testid="grant-form-quota"
          />
          {kind === 'web_service' && (
            <DateField
              label={t('access.secretExpiry')}
              description={t('access.secretExpiryHelp', { end: formatDate(pks.endDate, lang) })}
              value={expiry}
              onChange={setExpiry}
              max={pks.endDate}
              testId="grant-expiry"
            />
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {t('access.validityFromPks', { from: formatDate(pks.startDate, lang), to: formatDate(pks.endDate, lang) })}
        </Text>
        {otherError && <ErrorAlert error={create.error} />}
        {create.error && ipIssues.length > 0 && !otherError && (
          <Alert color="red" data-testid="error">
            <span data-testid="error-message">{create.error.localized(lang)}</span>
          </Alert>
        )}
        <Group>
          <Button onClick={submit} loading={create.isPending} data-testid="grant-submit">
            {t('access.create')}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t('applications.cancel')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
