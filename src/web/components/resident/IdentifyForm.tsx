import { Alert, Button, Card, Stack, Text, TextInput, Title } from '@mantine/core';
import { DateField } from '../DateField';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { residentApi, type IdentifyInput } from '../../api/resident';
import { useLang } from '../../i18n';
import { ErrorAlert } from '../ErrorAlert';

const DIGITS16 = /^\d{16}$/;

/** The demo's identification form: NIK, No KK, date of birth and mother's name, checked by the server. */
export function IdentifyForm({ onIdentified }: { onIdentified: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [v, setV] = useState<IdentifyInput>({ nik: '', kk: '', birthDate: '', motherName: '' });
  const [touched, setTouched] = useState(false);
  const identify = useMutation<unknown, ApiError, IdentifyInput>({
    mutationFn: residentApi.identify,
    onSuccess: onIdentified,
  });
  const problems = {
    nik: DIGITS16.test(v.nik) ? null : t('resident.digits16'),
    kk: DIGITS16.test(v.kk) ? null : t('resident.digits16'),
    birthDate: v.birthDate ? null : t('resident.required'),
    motherName: v.motherName.trim() ? null : t('resident.required'),
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (Object.values(problems).some(Boolean)) return;
    identify.mutate({ ...v, motherName: v.motherName.trim() });
  };
  const field = (k: keyof IdentifyInput) => ({
    value: v[k],
    onChange: (e: { currentTarget: { value: string } }) => setV({ ...v, [k]: e.currentTarget.value }),
    error: touched ? problems[k] : null,
    required: true,
  });
  const notMatched = identify.error?.problem.code === 'resident_not_matched';
  return (
    <Card withBorder radius="md" padding="lg" maw={560} component="section" aria-labelledby="identify-title">
      <form onSubmit={submit} noValidate data-testid="resident-identify">
        <Stack>
          <Title order={3} id="identify-title">
            {t('resident.identifyTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('resident.identifyHint')}
          </Text>
          <TextInput
            label={t('resident.nik')}
            description={t('resident.nikHint')}
            inputMode="numeric"
            autoComplete="off"
            maxLength={16}
            data-testid="resident-nik"
            {...field('nik')}
          />
          <TextInput
            label={t('resident.kk')}
            description={t('resident.kkHint')}
            inputMode="numeric"
            autoComplete="off"
            maxLength={16}
            data-testid="resident-kk"
            {...field('kk')}
          />
          <DateField
            label={t('resident.birthDate')}
            description={t('resident.birthDateHint')}
            testId="resident-birth-date"
            value={v.birthDate}
            onChange={(value) => setV({ ...v, birthDate: value })}
            error={touched ? problems.birthDate : null}
            required
          />
          <TextInput
            label={t('resident.motherName')}
            description={t('resident.motherNameHint')}
            autoComplete="off"
            maxLength={100}
            data-testid="resident-mother"
            {...field('motherName')}
          />
          {notMatched ? (
            <Alert color="red" title={t('resident.notMatchedTitle')} role="alert" data-testid="resident-not-matched">
              {identify.error?.localized(lang)}
            </Alert>
          ) : (
            identify.error && <ErrorAlert error={identify.error} />
          )}
          <Button type="submit" loading={identify.isPending} data-testid="resident-submit">
            {t('resident.submit')}
          </Button>
          <Text size="xs" c="dimmed">
            {t('resident.privacy')}
          </Text>
        </Stack>
      </form>
    </Card>
  );
}
