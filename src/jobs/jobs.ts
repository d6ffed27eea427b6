// The job interface, with two runners: in-process (the embedded SQLite mode, one process) and pg-boss
// (PostgreSQL, any number of web and worker processes). Durable state lives in the owning module's tables,
// so a job that dies with its process is picked up again; every job may run twice and must be idempotent.

export interface JobContext {
  /** Aborted when the runner takes the job back (it ran too long, or the process is stopping). */
  signal: AbortSignal;
}

export type JobHandler<T> = (data: T, context: JobContext) => Promise<void>;

export interface SendOptions {
  /** A job with the same name and key that is queued or running absorbs this one. */
  singletonKey?: string;
  /** Jobs of one group run one at a time in each process (other processes may run others of the group). */
  group?: string;
}

export interface Jobs {
  /** Queue a job; `data` is a JSON object. */
  send<T extends object>(name: string, data: T, options?: SendOptions): Promise<void>;
  /** Handle jobs of a name (worker processes only). */
  work<T extends object>(name: string, handler: JobHandler<T>): void;
  /**
   * Run a handler every intervalMs (worker processes only): once per interval across all the workers
   * sharing the database, never twice at once in one process.
   */
  every(name: string, intervalMs: number, handler: () => Promise<void>): void;
  start(): Promise<void>;
  /** Stop taking jobs and wait for the running ones (they are told through their signal after a grace). */
  stop(): Promise<void>;
  /** Resolves when nothing is queued or running (tests). */
  idle(): Promise<void>;
}
