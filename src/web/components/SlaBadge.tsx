import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SlaState } from '../api/client';
import { statusName } from '../lib/labels';

const COLORS: Record<SlaState, string> = {
  on_time: 'green',
  due_soon: 'yellow',
  overdue: 'red',
  paused: 'gray',
  no_standard: 'gray',
  done_on_time: 'teal',
  done_late: 'orange',
};

/** The SLA state of a task as a coloured badge: green on time, yellow due soon, red overdue, grey otherwise. */
export function SlaBadge({ sla }: { sla: SlaState }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={COLORS[sla] ?? 'gray'}
      variant="light"
      style={{ maxWidth: 'none', flexShrink: 0 }}
      data-testid="sla-badge"
      data-sla={sla}
    >
      {statusName('sla', sla, t)}
    </Badge>
  );
}
