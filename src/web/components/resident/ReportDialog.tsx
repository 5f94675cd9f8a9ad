import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/client';
import { residentApi, type ResidentAccess } from '../../api/resident';
import { useLang } from '../../i18n';
import { ErrorAlert } from '../ErrorAlert';

/** "Saya tidak mengenali akses ini": a short text passed to the office as a finding. */
export function ReportDialog({
  access,
  onClose,
  onSent,
}: {
  access: ResidentAccess | null;
  onClose: () => void;
  onSent: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [text, setText] = useState('');
  const send = useMutation<unknown, ApiError, { id: string; text: string }>({
    mutationFn: (v) => residentApi.report(v.id, v.text),
    onSuccess: () => {
      setText('');
      onSent();
    },
  });
  const length = text.trim().length;
  return (
    <Modal opened={access !== null} onClose={onClose} title={t('resident.reportTitle')} size="lg">
      {access && (
        <Stack data-testid="resident-report-dialog">
          <Text size="sm">
            {access.when[lang]} — {access.institution ?? t('resident.unknownInstitution')}
          </Text>
          <Text size="sm" c="dimmed">
            {t('resident.reportIntro')}
          </Text>
          <Textarea
            label={t('resident.reportText')}
            description={t('resident.reportHint')}
            minRows={4}
            autosize
            maxLength={1000}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            data-testid="resident-report-text"
          />
          {send.error && <ErrorAlert error={send.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('resident.cancel')}
            </Button>
            <Button
              color="red"
              disabled={length < 10 || length > 1000}
              loading={send.isPending}
              onClick={() => send.mutate({ id: access.id, text })}
              data-testid="resident-report-send"
            >
              {t('resident.reportSend')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
