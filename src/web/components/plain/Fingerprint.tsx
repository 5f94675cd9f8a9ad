import { Code, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * A content fingerprint (SHA-256) kept out of the way: a closed "Untuk verifikasi" disclosure that opens on the
 * labelled hash. Only someone checking a document against a copy needs it, so no screen shows a bare hash.
 */
export function Fingerprint({
  hash,
  label,
  chars,
  testId,
}: {
  hash: string;
  /** What the fingerprint is of; "Sidik berkas (SHA-256)" by default. */
  label?: string;
  /** Show only the first characters (with an ellipsis); the whole hash by default. */
  chars?: number;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <details data-testid="fingerprint" style={{ display: 'inline-block', verticalAlign: 'top' }}>
      <summary
        style={{ cursor: 'pointer', fontSize: 'var(--mantine-font-size-xs)', color: 'var(--mantine-color-dimmed)' }}
      >
        {t('plain.forVerification')}
      </summary>
      <Text size="xs" c="dimmed" maw={360}>
        {label ?? t('plain.fileFingerprint')}:{' '}
        <Code fz="xs" style={{ wordBreak: 'break-all' }} data-testid={testId} title={hash}>
          {chars ? `${hash.slice(0, chars)}…` : hash}
        </Code>
      </Text>
    </details>
  );
}
