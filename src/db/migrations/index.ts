// Every migration, in order. Forward-only: a landed migration is never edited; add the next one.
import type { Migration } from 'kysely/migration';
import * as m0001 from './0001_core.ts';
import * as m0002 from './0002_bounces.ts';
import * as m0003 from './0003_campaign_options.ts';
import * as m0004 from './0004_delivery_log.ts';
import * as m0005 from './0005_public_posts.ts';

export const migrations: Record<string, Migration> = {
  '0001_core': m0001,
  '0002_bounces': m0002,
  '0003_campaign_options': m0003,
  '0004_delivery_log': m0004,
  '0005_public_posts': m0005,
};
