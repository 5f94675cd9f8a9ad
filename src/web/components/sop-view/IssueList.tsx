import { List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SopIssue } from '../../api/client';
import { useLang } from '../../i18n';

/** Errors or warnings of a definition, each with its file, step and message. */
export function IssueList({ issues, color, testId }: { issues: SopIssue[]; color: string; testId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <List size="sm" spacing={4} mt={4}>
      {issues.map((issue, i) => (
        <List.Item key={i} data-testid={testId} data-code={issue.code}>
          <Text size="sm" c={color === 'red' ? 'red.8' : undefined}>
            {issue.message[lang]}
          </Text>
          <Text size="xs" c="dimmed">
            {issue.file}
            {issue.stepId && ` · ${t('sop.step')} ${issue.stepId}`}
            {issue.path && ` · ${issue.path}`}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}
