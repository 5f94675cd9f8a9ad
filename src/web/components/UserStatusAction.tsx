import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiError } from '../api/client';
import type { User, UserStatus } from '../api/client';
import { ErrorAlert } from './ErrorAlert';

/**
 * Deactivate (or reactivate) a person of the admin's own organisation, after a confirmation that says what it
 * does: deactivation ends their sessions at once and withdraws their web-portal registrations. The server refuses
 * oneself and the last active admin; the button is not offered for oneself.
 */
export function UserStatusAction({ user, self }: { user: User; self: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  // What the dialog asks, fixed when it opens (the row's status changes while the dialog fades out).
  const [next, setNext] = useState<UserStatus>('disabled');
  const change = useMutation<User, ApiError, UserStatus>({
    mutationFn: (status) => api.setUserStatus(user.id, status),
    onSuccess: async () => {
      setOpen(false);
      await queryClient.invalidateQueries({ queryKey: ['users'] });
    },
  });
  if (self) return null;
  const offered: UserStatus = user.status === 'active' ? 'disabled' : 'active';
  const deactivate = next === 'disabled';
  return (
    <>
      <Button
        size="xs"
        variant="light"
        color={offered === 'disabled' ? 'red' : 'green'}
        onClick={() => {
          change.reset();
          setNext(offered);
          setOpen(true);
        }}
        data-testid={offered === 'disabled' ? 'user-deactivate' : 'user-reactivate'}
      >
        {offered === 'disabled' ? t('users.deactivate') : t('users.reactivate')}
      </Button>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={deactivate ? t('users.deactivateTitle') : t('users.reactivateTitle')}
        data-testid="user-status-dialog"
      >
        <Stack>
          <Text size="sm">
            {t(deactivate ? 'users.deactivateBody' : 'users.reactivateBody', {
              name: `${user.displayName} (${user.username})`,
            })}
          </Text>
          {change.isError && <ErrorAlert error={change.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)} data-testid="user-status-cancel">
              {t('users.cancel')}
            </Button>
            <Button
              color={deactivate ? 'red' : 'green'}
              loading={change.isPending}
              onClick={() => change.mutate(next)}
              data-testid="user-status-confirm"
            >
              {deactivate ? t('users.deactivateConfirm') : t('users.reactivateConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
