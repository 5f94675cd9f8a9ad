/**
 * Domain errors know nothing of HTTP. Each has a stable code, a kind (which the server maps to a status),
 * and a message in Indonesian and English.
 */

/** What sort of failure this is; the HTTP layer maps kinds to statuses. */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'locked'
  | 'too_large'
  | 'unsupported_media'
  | 'rate_limited';

/** A bilingual message. */
export interface Message {
  id: string;
  en: string;
}

/** One problem with one field of the input. */
export interface FieldIssue {
  field: string;
  message: Message;
}

/** An error a user or a client can cause; never carries internals. */
export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    readonly messages: Message,
    readonly issues: FieldIssue[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(messages.en);
    this.name = 'DomainError';
  }
}

/** Shorthands for the errors every feature raises. */
export const errors = {
  invalid: (code: string, messages: Message, issues: FieldIssue[] = []) =>
    new DomainError('invalid', code, messages, issues),
  notFound: (what: Message) =>
    new DomainError('not_found', 'not_found', {
      id: `${what.id} tidak ditemukan.`,
      en: `${what.en} not found.`,
    }),
  forbidden: () =>
    new DomainError('forbidden', 'forbidden', {
      id: 'Anda tidak berwenang melakukan tindakan ini.',
      en: 'You are not allowed to do this.',
    }),
  unauthenticated: () =>
    new DomainError('unauthenticated', 'unauthenticated', {
      id: 'Silakan masuk terlebih dahulu.',
      en: 'Please log in first.',
    }),
  conflict: (code: string, messages: Message) => new DomainError('conflict', code, messages),
  /** 429 with `Retry-After`: the caller must wait `retryAfterSeconds` (rounded up, at least 1) before trying again. */
  rateLimited: (code: string, retryAfterMs: number, messages?: Message) => {
    const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    return new DomainError(
      'rate_limited',
      code,
      messages ?? {
        id: `Terlalu banyak percobaan. Coba lagi dalam ${seconds} detik.`,
        en: `Too many attempts. Try again in ${seconds} seconds.`,
      },
      [],
      { retryAfterSeconds: seconds },
    );
  },
};
