// Jobs over pg-boss, for PostgreSQL: every `outcry start --web-only` and `outcry worker` process on one
// database shares the queues in its `pgboss` schema. Web processes only send; workers fetch with
// SKIP LOCKED, so each job runs in exactly one worker, wherever it was sent from. Nothing of our own
// decides who does what: no lock, no leader.
//
// Work queues are `exclusive`: a job whose key is queued or running absorbs a new one with that key (the
// in-process semantics); a job sent without a key gets a unique one. A job carries a heartbeat, so when
// a worker is killed its jobs are failed and retried within heartbeatSeconds plus one monitor pass.
//
// Periodic work (`every`) is a throttled queue: each worker offers a job twice per interval with
// singletonSeconds = the interval, and the unique index on (name, time slot) keeps one job per slot, so
// the handler runs once per interval across all workers, in whichever worker fetches it. A run that
// outlasts its interval may overlap the next one elsewhere, which is why periodic handlers are idempotent.
// A worker killed during a run costs that one run; the next slot is a new job.
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { PgBoss, type Queue } from 'pg-boss';
import type { JobHandler, Jobs } from './jobs.ts';

export const PG_BOSS_SCHEMA = 'pgboss';

interface Logger {
  error(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
}

export interface PgBossJobsOptions {
  databaseUrl: string;
  /** Workers fetch and run jobs and look after the queues; web processes only send. */
  runsWork: boolean;
  log: Logger;
  /** How long a stopping worker waits for its running jobs before it fails them back to the queue. */
  stopTimeoutMs: number;
  /** Jobs of one queue a worker runs at once (jobs of one group: one at a time). */
  concurrency?: number;
}

const WORK_QUEUE: Omit<Queue, 'name'> = {
  policy: 'exclusive',
  retryLimit: 2,
  retryDelay: 5,
  retryBackoff: true,
  // a handler running longer is failed (and its signal aborted); long work ends itself well before
  expireInSeconds: 15 * 60,
  heartbeatSeconds: 30,
  deleteAfterSeconds: 60 * 60,
  notify: true,
};

export function createPgBossJobs(options: PgBossJobsOptions): Jobs {
  const { log, runsWork } = options;
  const boss = new PgBoss({
    connectionString: options.databaseUrl,
    schema: PG_BOSS_SCHEMA,
    application_name: runsWork ? 'outcry-worker' : 'outcry-web',
    max: runsWork ? 4 : 2,
    // workers look after the queues (expiry, heartbeats, deletion); web processes only send
    supervise: runsWork,
    superviseIntervalSeconds: 15,
    monitorIntervalSeconds: 15,
    maintenanceIntervalSeconds: 5 * 60,
    schedule: false,
    // a sent job wakes the workers at once rather than at their next poll
    useListenNotify: runsWork,
  });
  boss.on('error', (err) => log.error({ err }, 'job queue error'));
  boss.on('warning', (warning) => log.warn({ data: warning.data }, `job queue: ${warning.message}`));

  const handlers = new Map<string, JobHandler<any>>();
  const periodic: { name: string; intervalMs: number; handler: () => Promise<void> }[] = [];
  const queues = new Map<string, Promise<void>>();
  const timers: NodeJS.Timeout[] = [];
  let starting: Promise<unknown> | undefined;
  let stopping = false;

  // a web process connects on its first send, so a command that sends nothing never touches pg-boss
  function ready(): Promise<unknown> {
    starting ??= boss.start().catch((err: unknown) => {
      starting = undefined;
      throw err;
    });
    return starting;
  }

  function ensureQueue(name: string, queue: Omit<Queue, 'name'>): Promise<void> {
    let created = queues.get(name);
    if (!created) {
      created = ready().then(() => boss.createQueue(name, queue));
      created.catch(() => queues.delete(name));
      queues.set(name, created);
    }
    return created;
  }

  async function startWorking(name: string, handler: JobHandler<any>) {
    await ensureQueue(name, WORK_QUEUE);
    await boss.work<object>(name, {
      localConcurrency: options.concurrency ?? 4,
      localGroupConcurrency: 1,
      pollingIntervalSeconds: 2,
      // a job handed back (its group busy here) wakes nobody: poll for it
      notifyPollingIntervalSeconds: 2,
    }, async ([job]) => {
      if (!job) return;
      try {
        await handler(job.data, { signal: job.signal });
      } catch (err) {
        log.error({ err, job: name }, 'job failed');
        throw err;
      }
    });
  }

  async function startPeriodic({ name, intervalMs, handler }: (typeof periodic)[number]) {
    const seconds = Math.max(1, Math.round(intervalMs / 1000));
    await ensureQueue(name, {
      policy: 'standard',
      retryLimit: 0,
      expireInSeconds: Math.min(3600, Math.max(60, seconds * 5)),
      deleteAfterSeconds: Math.max(300, seconds * 2),
      notify: true,
    });
    await boss.work(name, { pollingIntervalSeconds: Math.min(2, Math.max(0.5, seconds / 2)) }, async () => {
      try {
        await handler();
      } catch (err) {
        log.error({ err, job: name }, 'periodic job failed');
        throw err;
      }
    });
    // offered twice per slot by every worker; the slot's first offer is the job, the rest are absorbed
    const offer = () => {
      if (stopping) return;
      boss.send(name, {}, { singletonSeconds: seconds }).catch((err: unknown) => log.warn({ err, job: name }, 'could not offer a periodic job'));
    };
    timers.push(setInterval(offer, Math.max(500, intervalMs / 2)).unref());
    offer();
  }

  return {
    async send(name, data, opts) {
      await ensureQueue(name, WORK_QUEUE);
      await boss.send(name, data, {
        singletonKey: opts?.singletonKey ?? randomUUID(),
        ...(opts?.group === undefined ? {} : { group: { id: opts.group } }),
      });
    },
    work(name, handler) {
      if (runsWork) handlers.set(name, handler as JobHandler<any>);
    },
    every(name, intervalMs, handler) {
      if (runsWork) periodic.push({ name, intervalMs, handler });
    },
    async start() {
      if (!runsWork) return;
      await ready();
      for (const [name, handler] of handlers) await startWorking(name, handler);
      for (const p of periodic) await startPeriodic(p);
    },
    async stop() {
      stopping = true;
      timers.forEach(clearInterval);
      if (!starting) return;
      try {
        await starting;
      } catch {
        return;
      }
      // graceful: no new fetches, running handlers get stopTimeoutMs, then their jobs are failed back
      await boss.stop({ graceful: true, timeout: options.stopTimeoutMs, close: true });
    },
    async idle() {
      if (!starting) return;
      await starting;
      const names = [...queues.keys()].filter((n) => !periodic.some((p) => p.name === n));
      for (;;) {
        const { rows } = await boss.getDb().executeSql(
          `SELECT count(*)::int AS n FROM ${PG_BOSS_SCHEMA}.job WHERE name = ANY($1) AND state < 'completed'`, [names]);
        if (Number(rows[0]?.n ?? 0) === 0) return;
        await delay(100);
      }
    },
  };
}
