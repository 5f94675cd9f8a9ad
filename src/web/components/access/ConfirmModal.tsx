import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../ErrorAlert';

/** A confirmation dialog with an optional reason, for decisions that take effect on the next request. */
export function ConfirmModal({
  opened,
  title,
  body,
  confirmLabel,
  color = 'red',
  withReason = false,
  loading,
  error,
  onConfirm,
  onClose,
}: {
  opened: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  color?: string;
  withReason?: boolean;
  loading: boolean;
  error: unknown;
  onConfirm: (reason: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <Stack data-testid="confirm-modal">
        <Text size="sm">{body}</Text>
        {withReason && (
          <Textarea
            label={t('access.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            maxLength={500}
            autosize
            minRows={2}
            data-testid="confirm-reason"
          />
        )}
        {error ? <ErrorAlert error={error} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('applications.cancel')}
          </Button>
          <Button color={color} loading={loading} onClick={() => onConfirm(reason.trim())} data-testid="confirm-ok">
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
