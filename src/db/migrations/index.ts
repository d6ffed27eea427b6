// Every migration, in order. Forward-only: a landed migration is never edited; add the next one.
import type { Migration } from 'kysely/migration';
import * as m0001 from './0001_core.ts';

export const migrations: Record<string, Migration> = {
  '0001_core': m0001,
};
