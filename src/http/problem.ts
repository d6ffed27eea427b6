// Errors are problems (RFC 9457): a stable type slug, an HTTP status and a message safe to show.

export interface InvalidParam {
  /** Where: a field name, a JSON path, or "row 12 / email". */
  name: string;
  reason: string;
}

export class Problem extends Error {
  readonly type: string;
  readonly status: number;
  readonly detail: string | undefined;
  readonly invalidParams: InvalidParam[] | undefined;

  constructor(status: number, type: string, title: string, detail?: string, invalidParams?: InvalidParam[]) {
    super(title);
    this.status = status;
    this.type = type;
    this.detail = detail;
    this.invalidParams = invalidParams;
  }

  toJSON() {
    return {
      type: `/problems/${this.type}`,
      title: this.message,
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(this.invalidParams ? { invalid_params: this.invalidParams } : {}),
    };
  }
}

export const notFound = (what: string) => new Problem(404, 'not-found', `${what} not found`);
export const badRequest = (title: string, detail?: string, params?: InvalidParam[]) =>
  new Problem(400, 'bad-request', title, detail, params);
export const invalid = (params: InvalidParam[], title = 'The request has invalid fields') =>
  new Problem(422, 'validation-failed', title, params.map((p) => `${p.name}: ${p.reason}`).join('; '), params);
export const conflict = (title: string, detail?: string) => new Problem(409, 'conflict', title, detail);
