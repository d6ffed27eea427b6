// The one way the app talks to the server: JSON over /api/v1 with the session cookie, the CSRF token on
// every request that changes something, and problems (RFC 9457) turned into errors naming their fields.
export interface InvalidParam { name: string; reason: string }

export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly detail: string | undefined;
  readonly invalidParams: InvalidParam[];
  constructor(status: number, problem: { title?: string; type?: string; detail?: string; invalid_params?: InvalidParam[] }) {
    super(problem.title ?? `HTTP ${status}`);
    this.status = status;
    this.type = problem.type ?? '';
    this.detail = problem.detail;
    // one spelling of a path: `translations[0].subject` (a service's) is `translations.0.subject` (the schema's)
    this.invalidParams = (problem.invalid_params ?? []).map((p) => ({ ...p, name: p.name.replace(/\[(\d+)\]/g, '.$1') }));
  }

  /** The reason given for a field, matching its name or a path inside it (messages.0.text). */
  reasonFor(field: string): string | undefined {
    return this.invalidParams.find((p) => p.name === field || p.name.startsWith(`${field}.`) || p.name.startsWith(`${field}/`))?.reason;
  }

  /** The reason given for exactly this name, not for a path inside it. */
  reasonAt(field: string): string | undefined {
    return this.invalidParams.find((p) => p.name === field)?.reason;
  }
}

let csrfToken = '';
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

export interface RequestOptions {
  /** A body sent as it is (a File for an import), with its own type. */
  raw?: BodyInit;
  contentType?: string;
}

export async function api<T = unknown>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && method !== 'HEAD') headers['x-csrf-token'] = csrfToken;
  let payload: BodyInit | undefined;
  if (options.raw !== undefined) {
    payload = options.raw;
    headers['content-type'] = options.contentType ?? 'application/octet-stream';
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  if (res.status === 401 && !path.startsWith('/api/v1/session')) {
    // the session ended (expired, or signed out elsewhere): sign in again and come back here
    location.assign(`/login?next=${encodeURIComponent(location.pathname + location.search)}`);
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  const data: unknown = type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) throw new ApiError(res.status, typeof data === 'object' && data ? data as object : { title: String(data) });
  return data as T;
}

/** A query string from the defined, non-empty values (arrays repeat the name). */
export function query(values: Record<string, string | number | boolean | readonly string[] | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value) params.append(name, v);
    else params.append(name, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}
