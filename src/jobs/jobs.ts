// The job interface. The in-process runner serves the embedded (SQLite) mode; durable state lives in the
// owning module's tables, so a job that dies with the process is picked up again when the worker starts.

export type JobHandler<T> = (data: T) => Promise<void>;

export interface Jobs {
  /** Queue a job. With a singletonKey, a job with the same key that is queued or running absorbs this one. */
  send<T>(name: string, data: T, options?: { singletonKey?: string }): Promise<void>;
  /** Handle jobs of a name (worker processes only). */
  work<T>(name: string, handler: JobHandler<T>): void;
  /** Run a handler every intervalMs (worker processes only), never two runs at once. */
  every(name: string, intervalMs: number, handler: () => Promise<void>): void;
  start(): Promise<void>;
  /** Stop taking jobs and wait for the running ones. */
  stop(): Promise<void>;
  /** Resolves when nothing is queued or running (tests). */
  idle(): Promise<void>;
}
