import type { Migration } from 'kysely';
import * as foundation from './20261124_0001_foundation.js';

/** Every migration, in order. Names are timestamped and never change once released. */
export const migrations: Record<string, Migration> = {
  '20261124_0001_foundation': foundation,
};
