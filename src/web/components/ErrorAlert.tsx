import { Alert, Button, List, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useLang } from '../i18n';

/** Shows an API error in the current language, with its field issues and an optional retry. */
export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const message = error instanceof ApiError ? error.localized(lang) : t('common.error');
  const issues = error instanceof ApiError ? (error.problem.issues ?? []) : [];
  return (
    <Alert color="red" title={t('common.error')} data-testid="error">
      <Stack gap="xs">
        <span data-testid="error-message">{message}</span>
        {issues.length > 0 && (
          <List size="sm">
            {issues.map((issue, i) => (
              <List.Item key={i}>{issue.message[lang]}</List.Item>
            ))}
          </List>
        )}
        {onRetry && (
          <Button size="xs" variant="light" color="red" onClick={onRetry} w="fit-content">
            {t('common.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
