// fetch for the browser: JSON in and out, the API error shape turned into an Error with its code,
// fields and details (a 409's current version, a section conflict's winning text), so no component
// needs a raw fetch to read them.
import type { ApiErrorBody } from "@/lib/domain/errors";

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export async function fetchJson<T>(url: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  const res = await fetch(url, {
    ...rest,
    headers: { Accept: "application/json", ...(json !== undefined ? { "Content-Type": "application/json" } : {}), ...rest.headers },
    body: json !== undefined ? JSON.stringify(json) : rest.body,
    credentials: "same-origin",
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as ApiErrorBody | null;
    throw new ApiRequestError(res.status, body?.error.code ?? "internal", body?.error.message ?? `Request failed (${res.status})`, body?.error.fields, body?.error.details);
  }
  // 204 No Content (a DELETE): nothing to read; the status said it worked.
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}
