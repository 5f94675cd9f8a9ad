import { Alert, Button, FileInput, Group, Image, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiError, type Letterhead } from '../../api/client';
import { ErrorAlert } from '../ErrorAlert';
import { Loading } from '../Loading';

type Fields = Omit<Letterhead, 'officeId' | 'emblem'>;
const EMBLEM_MAX = 1024 * 1024;

/** A NIP is 18 digits; '' means none. */
export const nipValid = (nip: string) => nip.trim() === '' || /^\d{18}$/.test(nip.trim());

/**
 * The "Kop surat" card of an office's page: the address and contacts its letters print, the head who signs them
 * (name, NIP, rank), and the emblem (a PNG or JPEG, shown as it will stand left of the kop).
 */
export function LetterheadForm({ officeId, officeName }: { officeId: string; officeName: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const key = ['letterhead', officeId];
  const url = `/api/offices/${encodeURIComponent(officeId)}/letterhead`;
  const current = useQuery<Letterhead, ApiError>({ queryKey: key, queryFn: () => api.letterhead(officeId) });
  const [form, setForm] = useState<Fields | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  useEffect(() => {
    if (current.data && !form) {
      const { officeId: _id, emblem: _e, ...rest } = current.data;
      setForm(rest);
    }
  }, [current.data, form]);

  const save = useMutation<Letterhead, ApiError, Fields>({
    mutationFn: (body) => api.updateLetterhead(officeId, body),
    onSuccess: (data) => client.setQueryData(key, data),
  });
  const emblem = useMutation<Letterhead, ApiError, File | null>({
    mutationFn: async (f) => {
      const fileId = f ? (await api.uploadFile(f)).id : null;
      return api.setEmblem(officeId, fileId);
    },
    onSuccess: (data) => {
      client.setQueryData(key, data);
      setFile(null);
    },
  });

  if (current.isPending || !form) return current.isError ? <ErrorAlert error={current.error} /> : <Loading />;
  if (current.isError) return <ErrorAlert error={current.error} onRetry={() => void current.refetch()} />;
  const nipOk = nipValid(form.headNip);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (nipOk) save.mutate(form);
  };
  const pick = (f: File | null) => {
    setFileError(null);
    if (f && !['image/png', 'image/jpeg'].includes(f.type)) setFileError(t('letterhead.emblemType'));
    else if (f && f.size > EMBLEM_MAX) setFileError(t('letterhead.emblemTooLarge'));
    setFile(f);
  };
  const data = current.data;

  return (
    <Stack data-testid="letterhead-form">
      <Text size="sm" c="dimmed">
        {t('letterhead.help')}
      </Text>
      <Group align="flex-start" wrap="nowrap" gap="md">
        <div
          style={{ width: 96, height: 110, display: 'grid', placeItems: 'center', border: '1px dashed #adb5bd' }}
          aria-label={t('letterhead.emblemPreview')}
        >
          {data.emblem ? (
            <Image
              src={`${url}/emblem?v=${encodeURIComponent(data.emblem.fileId)}`}
              alt={t('letterhead.emblemAlt', { office: officeName })}
              fit="contain"
              w={90}
              h={104}
              data-testid="letterhead-emblem"
            />
          ) : (
            <Text size="xs" c="dimmed" ta="center">
              {t('letterhead.noEmblem')}
            </Text>
          )}
        </div>
        <Stack gap="xs" style={{ flex: 1 }}>
          <FileInput
            label={t('letterhead.emblem')}
            description={t('letterhead.emblemHelp')}
            accept="image/png,image/jpeg"
            value={file}
            onChange={pick}
            clearable
            error={fileError}
            data-testid="letterhead-emblem-input"
          />
          <Group gap="xs">
            <Button
              size="xs"
              disabled={!file || Boolean(fileError)}
              loading={emblem.isPending}
              onClick={() => emblem.mutate(file)}
              data-testid="letterhead-emblem-save"
            >
              {t('letterhead.emblemSave')}
            </Button>
            {data.emblem && (
              <Button size="xs" variant="default" onClick={() => emblem.mutate(null)} disabled={emblem.isPending}>
                {t('letterhead.emblemRemove')}
              </Button>
            )}
          </Group>
          {emblem.error && <ErrorAlert error={emblem.error} />}
        </Stack>
      </Group>
      <form onSubmit={submit} noValidate>
        <Stack gap="xs">
          <TextInput
            label={t('letterhead.address')}
            value={form.address}
            onChange={(e) => setForm({ ...form, address: e.currentTarget.value })}
            maxLength={300}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {(['phone', 'email', 'website'] as const).map((f) => (
              <TextInput
                key={f}
                label={t(`letterhead.${f}`)}
                value={form[f]}
                onChange={(e) => setForm({ ...form, [f]: e.currentTarget.value })}
                maxLength={f === 'phone' ? 40 : 120}
              />
            ))}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={t('letterhead.headName')}
              value={form.headName}
              onChange={(e) => setForm({ ...form, headName: e.currentTarget.value })}
              maxLength={120}
            />
            <TextInput
              label={t('letterhead.headNip')}
              value={form.headNip}
              inputMode="numeric"
              onChange={(e) => setForm({ ...form, headNip: e.currentTarget.value.replace(/\D/g, '').slice(0, 18) })}
              error={nipOk ? undefined : t('letterhead.nipInvalid')}
            />
            <TextInput
              label={t('letterhead.headRank')}
              value={form.headRank}
              onChange={(e) => setForm({ ...form, headRank: e.currentTarget.value })}
              maxLength={80}
            />
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={save.isPending} disabled={!nipOk} data-testid="letterhead-save">
              {t('letterhead.save')}
            </Button>
          </Group>
          {save.error && <ErrorAlert error={save.error} />}
          {save.isSuccess && (
            <Alert color="green" role="status" data-testid="letterhead-saved">
              {t('letterhead.saved')}
            </Alert>
          )}
        </Stack>
      </form>
    </Stack>
  );
}
