import { Card, Group, Table, Text } from '@mantine/core';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** One column of a chart's table alternative. */
export interface TableColumn<T> {
  header: string;
  cell: (row: T) => ReactNode;
  numeric?: boolean;
}

/**
 * A titled chart with its description for screen readers (the drawing is an image with a label) and the same
 * figures as a table a click away, for anyone who would rather read than look.
 */
export function ChartCard<T>({
  title,
  description,
  summary,
  chart,
  empty,
  rows,
  columns,
  rowKey,
  height = 240,
  testId,
  extra,
}: {
  title: string;
  description?: string;
  /** What the chart shows, in one sentence (its accessible name). */
  summary: string;
  chart: ReactNode;
  /** Shown instead of the chart when there is nothing to draw. */
  empty?: string | null;
  rows: readonly T[];
  columns: TableColumn<T>[];
  rowKey: (row: T) => string;
  height?: number;
  testId: string;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby={titleId} data-testid={testId}>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <div>
          <Text fw={600} id={titleId}>
            {title}
          </Text>
          {description && (
            <Text size="xs" c="dimmed">
              {description}
            </Text>
          )}
        </div>
        {extra}
      </Group>
      {empty ? (
        <Text size="sm" c="dimmed" py="md" data-testid={`${testId}-empty`}>
          {empty}
        </Text>
      ) : (
        <>
          <div
            role="img"
            aria-label={summary}
            style={{ width: '100%', height, marginTop: 8 }}
            data-testid={`${testId}-chart`}
          >
            {chart}
          </div>
          <details data-testid={`${testId}-table`}>
            <summary style={{ cursor: 'pointer', fontSize: 'var(--mantine-font-size-sm)' }}>
              {t('usage.showTable')}
            </summary>
            <Table.ScrollContainer minWidth={320}>
              <Table striped fz="sm" mt="xs">
                <Table.Caption>{summary}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    {columns.map((c) => (
                      <Table.Th key={c.header} style={c.numeric ? { textAlign: 'right' } : undefined}>
                        {c.header}
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((r) => (
                    <Table.Tr key={rowKey(r)}>
                      {columns.map((c) => (
                        <Table.Td key={c.header} style={c.numeric ? { textAlign: 'right' } : undefined}>
                          {c.cell(r)}
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </details>
        </>
      )}
    </Card>
  );
}
