// Every migration, in order. Forward-only: a landed migration is never edited; add the next one.
import type { Migration } from 'kysely/migration';
import * as m0001 from './0001_core.ts';
import * as m0002 from './0002_bounces.ts';
import * as m0003 from './0003_campaign_options.ts';
import * as m0004 from './0004_delivery_log.ts';
import * as m0005 from './0005_public_posts.ts';
import * as m0006 from './0006_accounts.ts';
import * as m0007 from './0007_people_imports.ts';
import * as m0008 from './0008_storm_reminders.ts';
import * as m0009 from './0009_articles.ts';
import * as m0010 from './0010_scale_indexes.ts';
import * as m0011 from './0011_storm_targets.ts';
import * as m0012 from './0012_content_languages.ts';
import * as m0013 from './0013_token_owner.ts';
import * as m0014 from './0014_events_partial_indexes.ts';

export const migrations: Record<string, Migration> = {
  '0001_core': m0001,
  '0002_bounces': m0002,
  '0003_campaign_options': m0003,
  '0004_delivery_log': m0004,
  '0005_public_posts': m0005,
  '0006_accounts': m0006,
  '0007_people_imports': m0007,
  '0008_storm_reminders': m0008,
  '0009_articles': m0009,
  '0010_scale_indexes': m0010,
  '0011_storm_targets': m0011,
  '0012_content_languages': m0012,
  '0013_token_owner': m0013,
  '0014_events_partial_indexes': m0014,
};
