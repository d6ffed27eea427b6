// Builds the running system from a Config: database (migrated), jobs, the HTTP app and the workers.
import pino from 'pino';
import type { App } from './app.ts';
import { readBounceConfig, type BounceConfig } from './config/bounce-config.ts';
import type { Config } from './config/config.ts';
import { migrateToLatest, openDatabase } from './db/database.ts';
import type { Deps } from './deps.ts';
import { createInProcessJobs } from './jobs/in-process-jobs.ts';
import type { Jobs } from './jobs/jobs.ts';
import { createNotifier } from './jobs/notifier.ts';
import { createPgBossJobs } from './jobs/pg-boss-jobs.ts';
import { systemClock, type Clock } from './lib/clock.ts';
import { heapGrowth } from './lib/heap-growth.ts';
import { applySenderLimits, loadOrCreateSecret } from './modules/accounts/index.ts';
import { createMailer } from './mail/mailer.ts';
import { startBounceListener } from './modules/bounces/index.ts';
import { registerMessageJobs, stopSendsAfterTheirBatch } from './modules/messages/index.ts';
import { registerStormJobs } from './modules/storms/index.ts';

export interface Runtime {
  deps: Deps;
  /** The HTTP app, built only when the runtime serves the web. */
  app?: App;
  close(): Promise<void>;
}

export interface WebRuntime extends Runtime {
  app: App;
}

export interface RuntimeOptions {
  web: boolean;
  worker: boolean;
  clock?: Clock;
  logger?: boolean;
  /** Read from the environment when not given. */
  bounce?: BounceConfig;
}

export async function createRuntime(config: Config, options: RuntimeOptions & { web: true }): Promise<WebRuntime>;
export async function createRuntime(config: Config, options: RuntimeOptions): Promise<Runtime>;
export async function createRuntime(config: Config, options: RuntimeOptions): Promise<Runtime> {
  const log = pino({ level: options.logger === false ? 'silent' : config.logLevel });
  const db = openDatabase({
    databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize,
    statementTimeoutMs: config.databaseStatementTimeoutMs,
    onIdleError: (err) => log.warn({ err }, 'an idle database connection failed; it will be replaced'),
  });
  try {
    await migrateToLatest(db);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  const secret = config.secret ?? (await loadOrCreateSecret(db));
  // on PostgreSQL every process shares the queues through pg-boss; on SQLite there is one process
  const jobs: Jobs = config.databaseUrl
    ? createPgBossJobs({ databaseUrl: config.databaseUrl, runsWork: options.worker, log, stopTimeoutMs: config.shutdownTimeoutMs })
    : createInProcessJobs(log, { runsWork: options.worker });
  const notifier = createNotifier(config, log);
  const mailer = createMailer(config);
  const bounce = options.bounce ?? readBounceConfig();
  const deps: Deps = { db, config, clock: options.clock ?? systemClock, jobs, notifier, secret, log, mailer, bounce };
  await applySenderLimits(deps);
  registerMessageJobs(deps);
  registerStormJobs(deps);
  // a worker or a CLI command loads none of the web's modules: an idle worker process holds about 11 MB
  // less JavaScript heap and 50 MB less memory in all
  const web = options.web ? await import('./app.ts') : undefined;
  const app = await web?.buildApp(deps, { logger: options.logger !== false });
  if (app) heapGrowth.relaxOutsideSends();
  const closeRest = async () => {
    await jobs.stop();
    await notifier.close();
    mailer.close();
    await db.destroy();
  };
  await jobs.start().catch(async (err: unknown) => { await app?.close(); await closeRest(); throw err; });
  // bounces mailed to BOUNCE_DOMAIN come in through the worker's own SMTP listener
  const bounceListener = options.worker && bounce.smtpPort !== undefined
    ? await startBounceListener(deps).catch(async (err: unknown) => { await app?.close(); await closeRest(); throw err; })
    : undefined;
  return {
    deps,
    app,
    async close() {
      // a worker has no app whose close would say it: a send in progress stops after its batch in flight
      stopSendsAfterTheirBatch(jobs);
      await app?.close();
      await bounceListener?.close();
      await closeRest();
    },
  };
}
