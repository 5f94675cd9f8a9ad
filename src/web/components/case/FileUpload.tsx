import { Button, Group, Loader, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiError } from '../../api/client';
import type { UploadedFile } from '../../api/client';
import { useLang } from '../../i18n';

const ACCEPT = 'application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg';
const MAX_BYTES = 10 * 1024 * 1024;

/** A file picker that uploads at once to /api/files and reports the stored file. */
export function FileUpload({
  testId,
  uploaded,
  onUploaded,
  accept = ACCEPT,
  label,
}: {
  testId: string;
  uploaded: UploadedFile | undefined;
  onUploaded: (file: UploadedFile) => void;
  /** The file types offered by the picker (the server checks them anyway). */
  accept?: string;
  /** The button's text (default: choose / replace). */
  label?: string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const input = useRef<HTMLInputElement>(null);
  const upload = useMutation<UploadedFile, ApiError | Error, File>({
    mutationFn: (file) => {
      if (file.size > MAX_BYTES) return Promise.reject(new Error(t('upload.tooLarge')));
      return api.uploadFile(file);
    },
    onSuccess: onUploaded,
  });
  const error = upload.error
    ? 'localized' in upload.error
      ? upload.error.localized(lang)
      : upload.error.message
    : null;

  return (
    <Group gap="xs" wrap="nowrap" justify="flex-end">
      <input
        ref={input}
        type="file"
        accept={accept}
        hidden
        data-testid={testId}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (file) upload.mutate(file);
          e.currentTarget.value = '';
        }}
      />
      {upload.isPending && <Loader size="xs" />}
      {uploaded && !upload.isPending && (
        <Text size="xs" c="green.8" data-testid={`${testId}-done`} title={uploaded.sha256}>
          ✓ {uploaded.filename}
        </Text>
      )}
      {error && (
        <Text size="xs" c="red" data-testid={`${testId}-error`}>
          {error}
        </Text>
      )}
      <Button size="xs" variant="light" onClick={() => input.current?.click()}>
        {label ?? (uploaded ? t('upload.replace') : t('upload.choose'))}
      </Button>
    </Group>
  );
}
