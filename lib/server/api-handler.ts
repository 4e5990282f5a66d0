import "server-only";
// The plumbing every /api/v1 route shares, written once: authenticate (Bearer
// token or session), check the org role, rate-limit writes, parse and validate
// the body, query and params with zod, and map every failure to the one error
// shape. A route handler is then: parse → authorize → one server call → respond.
import { createHash, randomUUID } from "node:crypto";
import { z, ZodError, type ZodType } from "zod";
import { AppError, type ApiErrorBody } from "@/lib/domain/errors";
import { findUnsafeText } from "@/lib/domain/input";
import type { OrgRole } from "@/lib/domain/schemas";
import { actorFromBearer, actorFromRequest, type Actor } from "./actor";
import { requireRole } from "./access";
import { allowedOrigins } from "./env";
import { limitWrite } from "./rate-limit";

const MAX_BODY_BYTES = 1024 * 1024;
const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function zodFields(error: ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "body";
    fields[key] ??= issue.code === "invalid_type" && /received undefined$/.test(issue.message) ? "Required" : issue.message;
  }
  return fields;
}

export function errorResponse(error: unknown): Response {
  if (error instanceof ZodError) {
    const fields = zodFields(error);
    return Response.json(
      { error: { code: "invalid_input", message: `Invalid input: ${Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join("; ")}`, fields } } satisfies ApiErrorBody,
      { status: 400 },
    );
  }
  if (error instanceof AppError) {
    const headers: Record<string, string> = {};
    const retry = error.details?.retryAfterSeconds;
    if (error.code === "rate_limited" && typeof retry === "number") headers["Retry-After"] = String(retry);
    return Response.json(
      { error: { code: error.code, message: error.message, fields: error.fields, details: error.details } } satisfies ApiErrorBody,
      { status: error.status, headers },
    );
  }
  const requestId = randomUUID();
  console.error(`[api] request ${requestId} failed:`, error);
  return Response.json(
    { error: { code: "internal", message: `Something went wrong on our side (request ${requestId}).` } } satisfies ApiErrorBody,
    { status: 500 },
  );
}

async function readJsonBody(req: Request): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) throw new AppError("payload_too_large", "The request body is larger than 1 MiB.");
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new AppError("payload_too_large", "The request body is larger than 1 MiB.");
  if (!text.trim()) return {};
  const type = req.headers.get("content-type") ?? "";
  if (!type.toLowerCase().includes("application/json")) {
    throw new AppError("invalid_input", "Send JSON with Content-Type: application/json.", { fields: { "content-type": "must be application/json" } });
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("invalid_input", "The body is not valid JSON.", { fields: { body: "not valid JSON" } });
  }
}

/** A cookie-authenticated write must come from our own pages (defence in depth on top of SameSite). */
function requireSameOrigin(req: Request) {
  const origin = req.headers.get("origin");
  if (!origin) return;
  const host = req.headers.get("host");
  if (host && (origin === `http://${host}` || origin === `https://${host}`)) return;
  if (allowedOrigins().includes(origin)) return;
  throw new AppError("forbidden", "Cross-site request refused.");
}

/** Refuses (400, naming the field) any string in a body, query or path that Postgres could not store. */
function requireStorableText(value: unknown) {
  const found = findUnsafeText(value);
  if (found) throw new AppError("invalid_input", `${found.path}: ${found.reason}.`, { fields: { [found.path]: found.reason } });
}

/** Every answer here needed a credential: no browser or proxy may keep it (unless the route set its own policy). */
function privateAnswer(response: Response): Response {
  if (!response.headers.has("Cache-Control")) {
    try {
      response.headers.set("Cache-Control", "private, no-store");
    } catch {
      // An immutable Response (a redirect): it carries nothing private.
    }
  }
  return response;
}

/** Query parameters are flat: an error in `severity=SEV1,SEV9` is reported on `severity`. */
function parseQuery<S extends ZodType>(schema: S, params: URLSearchParams): z.infer<S> {
  const result = schema.safeParse(Object.fromEntries(params));
  if (result.success) return result.data;
  throw new ZodError(result.error.issues.map((issue) => ({ ...issue, path: issue.path.slice(0, 1) })));
}

export interface ApiContext<B, Q, P> {
  req: Request;
  actor: Actor;
  body: B;
  query: Q;
  params: P;
  /** The Idempotency-Key header of a POST, if sent. */
  idempotencyKey: string | undefined;
  /** METHOD + path, for idempotency scoping. */
  route: string;
  /** What an Idempotency-Key is bound to: method, path and query, canonical body ("" without a key). */
  requestDigest: string;
}

/** JSON with object keys sorted at every level: two spellings of one body digest alike. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

function requestDigest(method: string, url: URL, body: unknown): string {
  return createHash("sha256").update(`${method} ${url.pathname}${url.search}\n${canonicalJson(body)}`).digest("hex");
}

type RouteContext = { params: Promise<Record<string, string | string[]>> };

const idempotencyKeySchema = z.string().trim().min(1).max(200);

/**
 * A calendar app subscribing to a feed cannot send headers: with `tokenInQuery`
 * an API token may come as `?token=` instead. A token that was given must be
 * valid: never a fall back to the header or the session when it is not. Only for
 * reads that feed and calendar clients fetch.
 */
async function actorOf(req: Request, tokenInQuery: boolean): Promise<Actor | null> {
  const queryToken = tokenInQuery ? new URL(req.url).searchParams.get("token") : null;
  return queryToken !== null ? actorFromBearer(queryToken, req.headers) : actorFromRequest(req);
}

export function withApi<BS extends ZodType = ZodType<undefined>, QS extends ZodType = ZodType<undefined>, PS extends ZodType = ZodType<undefined>>(
  opts: { role?: OrgRole; body?: BS; query?: QS; params?: PS; tokenInQuery?: boolean },
  handler: (ctx: ApiContext<z.infer<BS>, z.infer<QS>, z.infer<PS>>) => Promise<Response>,
) {
  return async (req: Request, routeCtx?: RouteContext): Promise<Response> => privateAnswer(await answer(req, routeCtx));
  async function answer(req: Request, routeCtx?: RouteContext): Promise<Response> {
    try {
      const actor = await actorOf(req, opts.tokenInQuery === true && req.method === "GET");
      if (!actor) throw new AppError("unauthenticated", "Sign in, or send a valid API token as 'Authorization: Bearer <token>'.");
      requireRole(actor, opts.role ?? "viewer");
      const isWrite = WRITE_METHODS.has(req.method);
      if (isWrite && !actor.tokenId) requireSameOrigin(req);
      if (isWrite) await limitWrite(actor.userId);

      const url = new URL(req.url);
      const rawParams = await routeCtx?.params;
      requireStorableText(rawParams ?? {});
      requireStorableText(Object.fromEntries(url.searchParams));
      const params = opts.params ? opts.params.parse(rawParams) : undefined;
      const query = opts.query ? parseQuery(opts.query, url.searchParams) : undefined;
      const rawBody = opts.body ? await readJsonBody(req) : undefined;
      requireStorableText(rawBody);
      const body = opts.body ? opts.body.parse(rawBody) : undefined;
      const rawKey = req.method === "POST" ? req.headers.get("idempotency-key") : null;
      const idempotencyKey = rawKey === null ? undefined : idempotencyKeySchema.safeParse(rawKey).data;
      if (rawKey !== null && idempotencyKey === undefined) {
        throw new AppError("invalid_input", "Idempotency-Key must be 1–200 characters.", { fields: { "Idempotency-Key": "must be 1–200 characters" } });
      }

      return await handler({
        req,
        actor,
        body: body as z.infer<BS>,
        query: query as z.infer<QS>,
        params: params as z.infer<PS>,
        idempotencyKey,
        route: `${req.method} ${url.pathname}`,
        // Only a POST with an Idempotency-Key is bound to its request: no hashing of every write's body.
        requestDigest: idempotencyKey === undefined ? "" : requestDigest(req.method, url, rawBody),
      });
    } catch (error) {
      return errorResponse(error);
    }
  }
}

export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status });
}

/** The idempotency options of a POST that sent an Idempotency-Key (replaying `status`). */
export function idempotencyOf(ctx: { idempotencyKey: string | undefined; route: string; requestDigest: string }, status = 201) {
  return ctx.idempotencyKey ? { idempotency: { key: ctx.idempotencyKey, route: ctx.route, digest: ctx.requestDigest, status } } : {};
}

/** An iCalendar feed. Private: the URL may carry a token, so no shared cache may keep it. */
export function calendarResponse(body: string, filename: string): Response {
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `inline; filename="${filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
