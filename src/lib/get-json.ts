// A GET of someone else's public JSON API: bounded in time, named by a User-Agent, and failing with the
// status when the answer is not a 2xx (so callers can tell "refused" from "down").

export class HttpStatusError extends Error {
  readonly status: number;
  constructor(url: string, status: number) {
    super(`GET ${new URL(url).origin}${new URL(url).pathname} answered ${status}`);
    this.status = status;
  }
}

export interface GetJsonOptions {
  userAgent: string;
  timeoutMs?: number;
}

export async function getJson(url: string, options: GetJsonOptions): Promise<unknown> {
  const res = await fetch(url, {
    headers: { accept: 'application/json', 'user-agent': options.userAgent },
    signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    redirect: 'follow',
  });
  if (!res.ok) {
    await res.body?.cancel();
    throw new HttpStatusError(url, res.status);
  }
  return res.json();
}
