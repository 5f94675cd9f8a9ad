import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, type ApiError } from '../api/client';
import type { InstitutionRegistration, Office } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { PublicShell } from '../components/public/PublicShell';
import { checkForm, isClean, problemText, type FieldProblem, type FieldRule } from '../lib/forms';

const TYPES = ['opd', 'kementerian_lembaga', 'badan_hukum'] as const;

type TextKey = 'name' | 'address' | 'contactName' | 'contactEmail' | 'username' | 'displayName' | 'password';

/** The form's own rules (the server checks them again); messages come from i18n, never from the browser. */
const RULES: Record<TextKey, FieldRule> = {
  name: { required: true, minLength: 3, maxLength: 200 },
  address: { required: true, minLength: 5, maxLength: 300 },
  contactName: { required: true },
  contactEmail: { required: true, email: true },
  username: { required: true, pattern: /^[a-zA-Z0-9][a-zA-Z0-9._-]{2,59}$/ },
  displayName: { required: true },
  password: { required: true },
};

/** /daftar — an institution registers itself and its first admin; its office verifies it before it can apply. */
export function SignupPage() {
  const { t } = useTranslation();
  const offices = useQuery<Office[], ApiError>({ queryKey: ['public-offices'], queryFn: api.publicOffices });
  const [form, setForm] = useState({
    name: '',
    type: 'opd' as InstitutionRegistration['type'],
    profitOriented: false,
    officeId: null as string | null,
    address: '',
    contactName: '',
    contactPosition: '',
    contactEmail: '',
    contactPhone: '',
    username: '',
    displayName: '',
    password: '',
    confirm: '',
  });
  // Shown after the first submit and recomputed on every change, so an error goes as soon as it is fixed.
  const [tried, setTried] = useState(false);
  const problems: Partial<Record<TextKey | 'officeId' | 'confirm', FieldProblem>> = checkForm(form, RULES);
  if (!form.officeId) problems.officeId = 'required';
  if (form.password && form.password !== form.confirm) problems.confirm = form.confirm ? 'mismatch' : 'required';
  const err = (key: keyof typeof problems) => {
    if (!tried) return undefined;
    if (key === 'username' && problems.username === 'pattern') return t('integration.forms.username');
    if (key === 'officeId' && problems.officeId) return t('integration.forms.office');
    return problemText(t, problems[key], key in RULES ? RULES[key as TextKey] : undefined);
  };
  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  const register = useMutation<{ id: string; status: string }, ApiError, InstitutionRegistration>({
    mutationFn: api.registerInstitution,
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!isClean(problems) || !form.officeId) return;
    register.mutate({
      name: form.name.trim(),
      type: form.type,
      profitOriented: form.type === 'badan_hukum' ? form.profitOriented : false,
      officeId: form.officeId,
      address: form.address.trim(),
      contact: {
        name: form.contactName.trim(),
        position: form.contactPosition.trim(),
        email: form.contactEmail.trim(),
        phone: form.contactPhone.trim(),
      },
      admin: { username: form.username.trim(), displayName: form.displayName.trim(), password: form.password },
    });
  };

  if (register.isSuccess)
    return (
      <PublicShell size="md">
        <Alert color="green" title={t('signup.doneTitle')} data-testid="signup-done">
          <Stack gap="xs">
            <Text size="sm">{t('signup.done', { name: form.name })}</Text>
            <Button component={Link} to="/login" w="fit-content">
              {t('public.loginNav')}
            </Button>
          </Stack>
        </Alert>
      </PublicShell>
    );

  const officeOptions = (offices.data ?? []).map((o) => ({ value: o.id, label: `${o.name} (${o.code})` }));

  return (
    <PublicShell size="md">
      <Title order={1} size="h2" data-testid="page-title">
        {t('signup.title')}
      </Title>
      <Text c="dimmed">{t('signup.subtitle')}</Text>
      <form onSubmit={submit} noValidate data-testid="signup-form">
        <Stack>
          <Card withBorder padding="lg">
            <Stack>
              <Title order={4}>{t('signup.institution')}</Title>
              <TextInput
                label={t('signup.name')}
                value={form.name}
                onChange={(e) => set('name', e.currentTarget.value)}
                withAsterisk
                maxLength={200}
                error={err('name')}
                data-testid="signup-name"
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Select
                  label={t('institutions.type')}
                  data={TYPES.map((x) => ({ value: x, label: t(`institutionTypes.${x}`) }))}
                  value={form.type}
                  onChange={(v) => set('type', (v ?? 'opd') as InstitutionRegistration['type'])}
                  allowDeselect={false}
                  data-testid="signup-type"
                />
                <Select
                  label={t('signup.office')}
                  description={t('signup.officeHelp')}
                  placeholder={offices.isPending ? t('common.loading') : t('signup.chooseOffice')}
                  data={officeOptions}
                  value={form.officeId}
                  onChange={(v) => set('officeId', v)}
                  searchable
                  withAsterisk
                  error={err('officeId')}
                  data-testid="signup-office"
                />
              </SimpleGrid>
              {offices.isError && <ErrorAlert error={offices.error} onRetry={() => void offices.refetch()} />}
              {form.type === 'badan_hukum' && (
                <>
                  <Checkbox
                    label={t('signup.profitOriented')}
                    checked={form.profitOriented}
                    onChange={(e) => set('profitOriented', e.currentTarget.checked)}
                    data-testid="signup-profit"
                  />
                  <Alert color="blue" variant="light">
                    {t('signup.badanHukumNote')}
                  </Alert>
                </>
              )}
              <Textarea
                label={t('institutions.address')}
                value={form.address}
                onChange={(e) => set('address', e.currentTarget.value)}
                withAsterisk
                maxLength={300}
                error={err('address')}
                autosize
                minRows={2}
                data-testid="signup-address"
              />
            </Stack>
          </Card>
          <Card withBorder padding="lg">
            <Stack>
              <Title order={4}>{t('signup.contact')}</Title>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label={t('institutions.name')}
                  value={form.contactName}
                  onChange={(e) => set('contactName', e.currentTarget.value)}
                  withAsterisk
                  error={err('contactName')}
                  data-testid="signup-contact-name"
                />
                <TextInput
                  label={t('institutions.position')}
                  value={form.contactPosition}
                  onChange={(e) => set('contactPosition', e.currentTarget.value)}
                  data-testid="signup-contact-position"
                />
                <TextInput
                  label={t('institutions.email')}
                  type="email"
                  value={form.contactEmail}
                  onChange={(e) => set('contactEmail', e.currentTarget.value)}
                  withAsterisk
                  error={err('contactEmail')}
                  data-testid="signup-contact-email"
                />
                <TextInput
                  label={t('institutions.phone')}
                  value={form.contactPhone}
                  onChange={(e) => set('contactPhone', e.currentTarget.value)}
                  data-testid="signup-contact-phone"
                />
              </SimpleGrid>
            </Stack>
          </Card>
          <Card withBorder padding="lg">
            <Stack>
              <Title order={4}>{t('signup.admin')}</Title>
              <Text size="sm" c="dimmed">
                {t('signup.adminHelp')}
              </Text>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label={t('users.username')}
                  value={form.username}
                  onChange={(e) => set('username', e.currentTarget.value)}
                  withAsterisk
                  error={err('username')}
                  data-testid="signup-username"
                />
                <TextInput
                  label={t('users.displayName')}
                  value={form.displayName}
                  onChange={(e) => set('displayName', e.currentTarget.value)}
                  withAsterisk
                  error={err('displayName')}
                  data-testid="signup-display-name"
                />
                <PasswordInput
                  label={t('login.password')}
                  value={form.password}
                  onChange={(e) => set('password', e.currentTarget.value)}
                  withAsterisk
                  error={err('password')}
                  data-testid="signup-password"
                />
                <PasswordInput
                  label={t('signup.confirm')}
                  value={form.confirm}
                  onChange={(e) => set('confirm', e.currentTarget.value)}
                  withAsterisk
                  error={err('confirm')}
                  data-testid="signup-confirm"
                />
              </SimpleGrid>
            </Stack>
          </Card>
          {tried && !isClean(problems) && (
            <Text c="red.8" size="sm" data-testid="signup-local-error" role="alert">
              {t('integration.forms.summary')}
            </Text>
          )}
          {register.isError && <ErrorAlert error={register.error} />}
          <Group>
            <Button type="submit" loading={register.isPending} data-testid="signup-submit">
              {t('signup.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </PublicShell>
  );
}
