import { monotonicFactory } from 'ulid';

const next = monotonicFactory();

/** A new sortable id (ULID). */
export function newId(): string {
  return next();
}
