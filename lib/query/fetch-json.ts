// fetch for the browser: JSON in and out, the API error shape turned into an Error with code and fields.
import type { ApiErrorBody } from "@/lib/domain/errors";

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
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
    throw new ApiRequestError(res.status, body?.error.code ?? "internal", body?.error.message ?? `Request failed (${res.status})`, body?.error.fields);
  }
  // 204 No Content (a DELETE): nothing to read; the status said it worked.
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}
