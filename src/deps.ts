// What services take as their first argument: everything they depend on, passed in, never global.
import type { FastifyBaseLogger } from 'fastify';
import type { BounceConfig } from './config/bounce-config.ts';
import type { Config } from './config/config.ts';
import type { Db } from './db/schema.ts';
import type { Jobs } from './jobs/jobs.ts';
import type { Notifier } from './jobs/notifier.ts';
import type { Clock } from './lib/clock.ts';
import type { Mailer } from './mail/mailer.ts';

export interface Deps {
  db: Db;
  config: Config;
  clock: Clock;
  jobs: Jobs;
  /** Signals between processes (PostgreSQL LISTEN/NOTIFY), e.g. for live counters. */
  notifier: Notifier;
  /** Signs tracked links; from OUTCRY_SECRET or generated once and kept in the settings table. */
  secret: string;
  log: FastifyBaseLogger;
  mailer: Mailer;
  /** Bounce and complaint handling (src/config/bounce-config.ts). */
  bounce: BounceConfig;
}
