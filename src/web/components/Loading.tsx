import { Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A centred spinner for a page or section that is loading. */
export function Loading() {
  const { t } = useTranslation();
  return (
    <Center py="xl" data-testid="loading" role="status" aria-label={t('common.loading')}>
      <Loader />
    </Center>
  );
}
