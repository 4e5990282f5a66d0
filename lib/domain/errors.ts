// One error type that carries a code, an HTTP status and a message safe to show.

export const ERROR_STATUS = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  /** The request line and headers are over Node's 16 KiB (a huge query string or token). */
  headers_too_large: 431,
  /** An Idempotency-Key sent again with a different request (method, route or body). */
  idempotency_key_reused: 422,
  rate_limited: 429,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: Record<string, string>;
  /** Extra data for the client, e.g. the current version on a 409. */
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, opts: { fields?: Record<string, string>; details?: Record<string, unknown> } = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fields = opts.fields;
    this.details = opts.details;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what = "Not found") => new AppError("not_found", what);
export const forbidden = (why = "You are not allowed to do this.") => new AppError("forbidden", why);
export const invalid = (field: string, reason: string) => new AppError("invalid_input", reason, { fields: { [field]: reason } });

/** The wire shape of every API error. */
export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; fields?: Record<string, string>; details?: Record<string, unknown> };
}
