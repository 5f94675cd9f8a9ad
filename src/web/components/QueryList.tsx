import { Card, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorAlert } from './ErrorAlert';
import { Loading } from './Loading';

/** A list fetched by a query: loading, an error with retry, an empty state, or the rows rendered by `children`. */
export function QueryList<T>({
  query,
  empty,
  emptyTestId,
  children,
}: {
  query: UseQueryResult<T[], unknown>;
  empty: string;
  emptyTestId: string;
  children: (rows: T[]) => ReactNode;
}) {
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data.length === 0) {
    return (
      <Card withBorder padding="xl" data-testid={emptyTestId}>
        <Text c="dimmed" ta="center">
          {empty}
        </Text>
      </Card>
    );
  }
  return <>{children(query.data)}</>;
}
