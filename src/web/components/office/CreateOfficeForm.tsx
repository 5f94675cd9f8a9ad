import { Button, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiError } from '../../api/client';
import type { NewOffice, Office, Region } from '../../api/client';
import { ErrorAlert } from '../ErrorAlert';
import { Loading } from '../Loading';
import { TIMEZONES, timezoneKey, titleCase } from './vocabulary';

/** The region as people write it: "Provinsi Jawa Tengah", "Kabupaten Kebumen", "Kota Semarang". */
function regionTitle(region: Region): string {
  const name = titleCase(region.name);
  if (region.level === 'provinsi') return `Provinsi ${name}`;
  if (region.level === 'kabupaten') return `Kabupaten ${name}`;
  return name; // A city's name already reads "Kota …".
}

/** The pusat admin's form to create the office of a Kemendagri region that has none yet. */
export function CreateOfficeForm({ offices, onCreated }: { offices: Office[]; onCreated: (office: Office) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const regions = useQuery<Region[], ApiError>({ queryKey: ['regions'], queryFn: api.regions, staleTime: Infinity });
  const [regionCode, setRegionCode] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState<string | null>(null);
  const [timezone, setTimezone] = useState<string>('Asia/Jakarta');
  const [headTitle, setHeadTitle] = useState('');
  const create = useMutation<Office, ApiError, NewOffice>({
    mutationFn: api.createOffice,
    onSuccess: async (office) => {
      await queryClient.invalidateQueries({ queryKey: ['offices'] });
      onCreated(office);
    },
  });

  const taken = useMemo(() => new Set(offices.map((o) => o.code)), [offices]);
  const open = useMemo(() => (regions.data ?? []).filter((r) => !taken.has(r.code)), [regions.data, taken]);
  const region = open.find((r) => r.code === regionCode) ?? null;
  const parentLevel = region?.level === 'provinsi' ? 'pusat' : 'provinsi';
  const parents = offices.filter((o) => o.level === parentLevel);
  const provinceName = (code: string | null) => regions.data?.find((r) => r.code === code)?.name;

  const pick = (code: string | null) => {
    setRegionCode(code);
    const r = open.find((x) => x.code === code);
    if (!r) return;
    const title = regionTitle(r);
    setName(`${t('offices.namePrefix')} ${title}`);
    const place = titleCase(r.name).replace(/^Kota /, '');
    const head =
      r.level === 'provinsi'
        ? t('offices.headGubernur')
        : r.level === 'kota'
          ? t('offices.headWalikota')
          : t('offices.headBupati');
    setHeadTitle(`${head} ${place}`);
    setTimezone((TIMEZONES as readonly string[]).includes(r.timeZone) ? r.timeZone : 'Asia/Jakarta');
    const parent =
      r.level === 'provinsi' ? offices.find((o) => o.level === 'pusat') : offices.find((o) => o.code === r.parentCode);
    setParentId(parent?.id ?? null);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!region || !parentId) return;
    create.mutate({
      code: region.code,
      name: name.trim(),
      level: region.level,
      parentId,
      timezone,
      headTitle: headTitle.trim(),
    });
  };

  if (regions.isPending) return <Loading />;
  if (regions.isError) return <ErrorAlert error={regions.error} onRetry={() => void regions.refetch()} />;

  const regionOptions = open.map((r) => ({
    value: r.code,
    label:
      r.level === 'provinsi'
        ? `${r.code} · ${regionTitle(r)}`
        : `${r.code} · ${regionTitle(r)} (${titleCase(provinceName(r.parentCode) ?? '')})`,
  }));

  return (
    <form onSubmit={submit} data-testid="create-office-form">
      <Stack>
        <Text size="sm" c="dimmed">
          {t('offices.createHelp')}
        </Text>
        {create.isError && <ErrorAlert error={create.error} />}
        {open.length === 0 ? (
          <Text c="dimmed">{t('offices.noRegion')}</Text>
        ) : (
          <Select
            label={t('offices.region')}
            placeholder={t('offices.regionPlaceholder')}
            data={regionOptions}
            value={regionCode}
            onChange={pick}
            searchable
            required
            nothingFoundMessage={t('offices.noRegion')}
            data-testid="office-region"
          />
        )}
        {region && (
          <>
            <TextInput
              label={t('offices.name')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              required
              minLength={3}
              maxLength={200}
              data-testid="office-name"
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('offices.level')}
                value={t(`officeLevel.${region.level}`)}
                readOnly
                data-testid="office-level"
              />
              <Select
                label={t('offices.parent')}
                data={parents.map((o) => ({ value: o.id, label: o.name }))}
                value={parentId}
                onChange={setParentId}
                required
                allowDeselect={false}
                error={parentId ? undefined : t('offices.needParent')}
                data-testid="office-parent"
              />
              <Select
                label={t('offices.timezone')}
                data={TIMEZONES.map((z) => ({ value: z, label: t(timezoneKey(z)) }))}
                value={timezone}
                onChange={(v) => setTimezone(v ?? 'Asia/Jakarta')}
                allowDeselect={false}
                required
                data-testid="office-timezone"
              />
              <TextInput
                label={t('offices.headTitle')}
                description={t('offices.headTitleHelp')}
                value={headTitle}
                onChange={(e) => setHeadTitle(e.currentTarget.value)}
                required
                minLength={3}
                maxLength={120}
                data-testid="office-head-title"
              />
            </SimpleGrid>
          </>
        )}
        <Button
          type="submit"
          loading={create.isPending}
          disabled={!region || !parentId}
          w="fit-content"
          data-testid="create-office-submit"
        >
          {t('offices.submit')}
        </Button>
      </Stack>
    </form>
  );
}
