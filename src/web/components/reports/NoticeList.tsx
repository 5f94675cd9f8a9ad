import { Anchor, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ApiError } from '../../api/client';
import { useLang } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { letterUrl, reportsApi, type Notice } from './api';

/** The newest notices to the user's organisation (reminders, letters sent, sanctions); nothing when there are none. */
export function NoticeList({ limit = 5 }: { limit?: number }) {
  const { t } = useTranslation();
  const lang = useLang();
  const q = useQuery<Notice[], ApiError>({ queryKey: ['notices'], queryFn: reportsApi.notices });
  const items = (q.data ?? []).slice(0, limit);
  if (!items.length) return null;
  return (
    <Card withBorder radius="md" data-testid="notices">
      <Title order={4} mb="xs">
        {t('reports.notices.title')}
      </Title>
      <Stack gap="xs">
        {items.map((n) => (
          <div key={n.id} data-testid="notice">
            <Group justify="space-between" gap="xs">
              <Text fw={600} size="sm">
                {n.title[lang]}
              </Text>
              <Text size="xs" c="dimmed">
                {formatDateTime(n.createdAt, lang)}
              </Text>
            </Group>
            <Text size="sm">{n.body[lang]}</Text>
            <Group gap="md">
              {n.link && (
                <Anchor component={Link} to={n.link} size="sm">
                  {t('reports.notices.open')}
                </Anchor>
              )}
              {n.documentId && (
                <Anchor href={letterUrl(n.documentId)} target="_blank" size="sm">
                  {t('reports.notices.letter')}
                </Anchor>
              )}
            </Group>
          </div>
        ))}
      </Stack>
    </Card>
  );
}
