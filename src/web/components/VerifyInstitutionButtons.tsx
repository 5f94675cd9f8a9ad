import { Button, Group } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type ApiError } from '../api/client';
import { ErrorAlert } from './ErrorAlert';

/** Office staff: accept or refuse an institution that registered itself. */
export function VerifyInstitutionButtons({ institutionId }: { institutionId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const verify = useMutation<{ id: string; status: string }, ApiError, boolean>({
    mutationFn: (approve) => api.verifyInstitution(institutionId, approve),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['institutions'] });
      await queryClient.invalidateQueries({ queryKey: ['institution', institutionId] });
    },
  });
  return (
    <>
      <Group gap="xs" wrap="nowrap" onClick={(e) => e.stopPropagation()}>
        <Button
          size="xs"
          color="green"
          loading={verify.isPending && verify.variables}
          disabled={verify.isPending}
          onClick={() => verify.mutate(true)}
          data-testid="institution-verify"
        >
          {t('institutions.verify')}
        </Button>
        <Button
          size="xs"
          color="red"
          variant="light"
          loading={verify.isPending && !verify.variables}
          disabled={verify.isPending}
          onClick={() => verify.mutate(false)}
          data-testid="institution-refuse"
        >
          {t('institutions.refuse')}
        </Button>
      </Group>
      {verify.isError && <ErrorAlert error={verify.error} />}
    </>
  );
}
