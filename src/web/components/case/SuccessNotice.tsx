import { Notification, Portal } from '@mantine/core';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A success message after an action (issue 14: no stale state): shown over the page once the new state is loaded,
 * announced to screen readers (role="status"), closed by the user or after a few seconds. @mantine/notifications
 * is not installed; this is Mantine's own Notification in a portal, fixed at the top right (full width on a phone).
 */
export function useSuccessNotice(timeoutMs = 6000): { notice: ReactNode; show: (message: string) => void } {
  const { t } = useTranslation();
  const [message, setMessage] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const show = useCallback(
    (text: string) => {
      setMessage(text);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => setMessage(null), timeoutMs);
    },
    [timeoutMs],
  );
  const notice = message ? (
    <Portal>
      <div
        role="status"
        aria-live="polite"
        style={{
          position: 'fixed',
          top: 72,
          right: 16,
          left: 'auto',
          zIndex: 1000,
          maxWidth: 'min(420px, calc(100vw - 32px))',
        }}
      >
        <Notification
          color="green"
          title={t('casework.notice.done')}
          onClose={() => setMessage(null)}
          closeButtonProps={{ 'aria-label': t('casework.notice.close') }}
          withBorder
          data-testid="success-notice"
        >
          {message}
        </Notification>
      </div>
    </Portal>
  ) : null;
  return { notice, show };
}
