// Jobs run inside this process: used by `outcry start` on the embedded database, where one process does
// all the work. Nothing is durable here; the owning modules' tables are.
import type { JobHandler, Jobs } from './jobs.ts';

interface Logger {
  error(obj: unknown, msg?: string): void;
}

interface QueuedJob {
  name: string;
  data: unknown;
  key: string | undefined;
  group: string | undefined;
}

export function createInProcessJobs(log: Logger, options: { runsWork: boolean }): Jobs {
  const handlers = new Map<string, JobHandler<any>>();
  const queue: QueuedJob[] = [];
  const activeKeys = new Set<string>();
  const activeGroups = new Set<string>();
  const running = new Set<Promise<void>>();
  const timers: NodeJS.Timeout[] = [];
  const periodic: { name: string; intervalMs: number; handler: () => Promise<void> }[] = [];
  const stopSignal = new AbortController();
  let started = false;
  let stopping = false;
  let idleWaiters: (() => void)[] = [];

  function checkIdle() {
    if (queue.length === 0 && running.size === 0) {
      const w = idleWaiters;
      idleWaiters = [];
      w.forEach((f) => f());
    }
  }

  function track(p: Promise<void>) {
    running.add(p);
    p.finally(() => {
      running.delete(p);
      pump();
      checkIdle();
    });
  }

  function pump() {
    if (!started || stopping) return;
    for (let i = 0; i < queue.length; ) {
      const job = queue[i]!;
      const handler = handlers.get(job.name);
      if (!handler || (job.group !== undefined && activeGroups.has(job.group))) { i++; continue; }
      queue.splice(i, 1);
      if (job.group !== undefined) activeGroups.add(job.group);
      track((async () => {
        try {
          await handler(job.data, { signal: stopSignal.signal });
        } catch (err) {
          log.error({ err, job: job.name }, 'job failed');
        } finally {
          if (job.key) activeKeys.delete(job.key);
          if (job.group !== undefined) activeGroups.delete(job.group);
        }
      })());
    }
  }

  return {
    async send(name, data, opts) {
      const key = opts?.singletonKey ? `${name}:${opts.singletonKey}` : undefined;
      if (key) {
        if (activeKeys.has(key)) return;
        activeKeys.add(key);
      }
      queue.push({ name, data, key, group: opts?.group === undefined ? undefined : `${name}:${opts.group}` });
      queueMicrotask(pump);
    },
    work(name, handler) {
      if (options.runsWork) handlers.set(name, handler as JobHandler<any>);
    },
    every(name, intervalMs, handler) {
      if (options.runsWork) periodic.push({ name, intervalMs, handler });
    },
    async start() {
      started = true;
      for (const p of periodic) {
        let busy = false;
        const tick = () => {
          if (busy || stopping) return;
          busy = true;
          track(p.handler().catch((err) => log.error({ err, job: p.name }, 'periodic job failed')).finally(() => { busy = false; }));
        };
        timers.push(setInterval(tick, p.intervalMs).unref());
        tick();
      }
      pump();
    },
    async stop() {
      stopping = true;
      timers.forEach(clearInterval);
      stopSignal.abort();
      await Promise.allSettled([...running]);
    },
    idle() {
      return new Promise((resolve) => {
        idleWaiters.push(resolve);
        checkIdle();
      });
    },
  };
}
