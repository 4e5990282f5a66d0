import "server-only";
// The alert routes' handlers (app/api/v1/alerts/*/route.ts are one line each): read, authenticate, validate, commit,
// then answer — 202 only once the delivery is stored.
import { randomUUID } from "node:crypto";
import type { ZodError } from "zod";
import {
  alertmanagerWebhookSchema,
  eventsV2Errors,
  eventsV2Schema,
  normalizeAlertmanager,
  normalizeEventV2,
  normalizeOpsgenie,
  normalizeOpsgenieAction,
  opsgenieActionSchema,
  opsgenieCreateSchema,
  opsgenieIdentifierSchema,
  type AlertSource,
} from "@/lib/domain/alerts/normalize";
import { CHANGE_EVENT_SOURCE, changeEventSchema, readChangeEvent, type DeliverySource } from "@/lib/domain/alerts/change-events";
import { normalizeGeneric } from "@/lib/domain/alerts/generic";
import { AppError } from "@/lib/domain/errors";
import { findUnsafeText } from "@/lib/domain/input";
import { errorResponse, zodFields } from "../api-handler";
import { alertFailure, BATCH_LIMIT_BYTES, EVENT_LIMIT_BYTES, keyOrNull, presentedKey, readLimited, senderOf, signatureProblem, unauthenticated } from "./http";
import { recordChangeEvent } from "./change-events";
import { heartbeatForPing, pingHeartbeat } from "./heartbeats";
import { ingestDelivery, recordRefusedDelivery, type AlertOutcome, type IngestKey } from "./ingest";

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** The body as Postgres can keep it: a raw NUL byte (which no text column takes) is kept as its JSON escape. */
const storable = (text: string) => text.replaceAll("\0", "\\u0000");

/** Why a body is refused, by field: the 400's fields, and what the delivery log shows the sender. */
interface Problem {
  message: string;
  fields: Record<string, string>;
}

const problemOf = (error: ZodError): Problem => ({ fields: zodFields(error), message: describeZod(error) });

const describeZod = (error: ZodError) =>
  Object.entries(zodFields(error))
    .map(([k, v]) => `${k}: ${v}`)
    .join("; ");

/**
 * The body, stored-safe, as JSON: refused when it is not JSON or holds text Postgres cannot store (NUL, a lone
 * surrogate), before anything is acted on. An empty body is `{}` where the sender may send none (Opsgenie's close).
 */
async function readJson(
  req: Request,
  limit: number,
  emptyIsObject = false,
): Promise<{ raw: Buffer; text: string } & ({ json: unknown; problem: null } | { json: null; problem: Problem })> {
  const { raw, text: sent } = await readLimited(req, limit);
  const text = storable(sent);
  if (emptyIsObject && !text.trim()) return { raw, text, json: {}, problem: null };
  const json = parseJson(text);
  if (!json.ok) return { raw, text, json: null, problem: { message: "body: not valid JSON", fields: { body: "not valid JSON" } } };
  const found = findUnsafeText(json.value);
  if (found) return { raw, text, json: null, problem: { message: `${found.path}: ${found.reason}`, fields: { [found.path]: found.reason } } };
  return { raw, text, json: json.value, problem: null };
}

/** A key with a signing secret takes only deliveries signed with it: otherwise a 401, kept with why. */
async function unsigned(key: IngestKey, source: DeliverySource, req: Request, body: { raw: Buffer; text: string }): Promise<Response | null> {
  const problem = signatureProblem(key, req, body.raw);
  if (!problem) return null;
  await recordRefusedDelivery(key, source, body.text, problem, 401);
  return unauthenticated(`Not taken: ${problem}.`);
}

/** A refused delivery: kept with why (the service page shows it), answered 400 in the API's error shape. */
async function refuse(key: IngestKey, source: AlertSource, text: string, problem: Problem): Promise<Response> {
  await recordRefusedDelivery(key, source, text, problem.message);
  return errorResponse(new AppError("invalid_input", `Invalid input: ${problem.message}`, { fields: problem.fields }));
}

const incidentsOf = (outcomes: AlertOutcome[]) => [...new Set(outcomes.flatMap((o) => (o.incident ? [o.incident] : [])))];

/** `POST /api/v1/alerts/alertmanager` and `/grafana`: a webhook v4 body (Grafana's adds title, state, message, values). */
export function webhookRoute(source: "alertmanager" | "grafana") {
  return async (req: Request): Promise<Response> => {
    try {
      const key = await keyOrNull(presentedKey(req));
      if (!key) return unauthenticated();
      const body = await readJson(req, BATCH_LIMIT_BYTES);
      const refused = await unsigned(key, source, req, body);
      if (refused) return refused;
      if (body.problem) return await refuse(key, source, body.text, body.problem);
      const parsed = alertmanagerWebhookSchema.safeParse(body.json);
      if (!parsed.success) return await refuse(key, source, body.text, problemOf(parsed.error));
      const outcomes = await ingestDelivery(key, source, body.text, normalizeAlertmanager(parsed.data, source), senderOf(req));
      return Response.json({ status: "accepted", alerts: outcomes.length, incidents: incidentsOf(outcomes) }, { status: 202 });
    } catch (error) {
      return alertFailure(error);
    }
  };
}

/**
 * `POST /api/v1/alerts/generic`: any JSON, read through the key's JSONPath mapping (summary, dedup key, status,
 * severity, labels; `items` for a body of several alerts). Up to 5 MB.
 */
export async function genericRoute(req: Request): Promise<Response> {
  try {
    const key = await keyOrNull(presentedKey(req));
    if (!key) return unauthenticated();
    const body = await readJson(req, BATCH_LIMIT_BYTES);
    const refused = await unsigned(key, "generic", req, body);
    if (refused) return refused;
    if (body.problem) return await refuse(key, "generic", body.text, body.problem);
    const read = normalizeGeneric(body.json, key.mapping, randomUUID);
    if (!read.ok) return await refuse(key, "generic", body.text, { message: `${read.field}: ${read.reason}`, fields: { [read.field]: read.reason } });
    const outcomes = await ingestDelivery(key, "generic", body.text, read.alerts, senderOf(req));
    return Response.json({ status: "accepted", alerts: outcomes.length, incidents: incidentsOf(outcomes) }, { status: 202 });
  } catch (error) {
    return alertFailure(error);
  }
}

/** Opsgenie's success answer: its senders read nothing else. `took` is in seconds, as Opsgenie's. */
const opsgenieAccepted = (started: number) =>
  Response.json({ result: "Request will be processed", took: Math.round(performance.now() - started) / 1000, requestId: randomUUID() }, { status: 202 });

/**
 * `POST /api/v1/alerts/opsgenie/v2/alerts`: Opsgenie's create-alert, so a sender changes only its base URL
 * (`Authorization: GenieKey <key>`). The alias is the dedup key.
 */
export async function opsgenieCreateRoute(req: Request): Promise<Response> {
  const started = performance.now();
  try {
    const key = await keyOrNull(presentedKey(req));
    if (!key) return unauthenticated();
    const body = await readJson(req, EVENT_LIMIT_BYTES);
    const refused = await unsigned(key, "opsgenie", req, body);
    if (refused) return refused;
    if (body.problem) return await refuse(key, "opsgenie", body.text, body.problem);
    const parsed = opsgenieCreateSchema.safeParse(body.json);
    if (!parsed.success) return await refuse(key, "opsgenie", body.text, problemOf(parsed.error));
    await ingestDelivery(key, "opsgenie", body.text, [normalizeOpsgenie(parsed.data, randomUUID)], senderOf(req));
    return opsgenieAccepted(started);
  } catch (error) {
    return alertFailure(error);
  }
}

/**
 * `POST /api/v1/alerts/opsgenie/v2/alerts/{alias}/close?identifierType=alias` and `…/acknowledge`: the source closes
 * (resolves) or acknowledges its alert; neither is a person's acknowledgement, so escalation goes on. An unknown
 * alias is dropped (202, recorded), as Opsgenie does.
 */
export async function opsgenieActionRoute(req: Request, identifier: string, action: string): Promise<Response> {
  const started = performance.now();
  try {
    if (action !== "close" && action !== "acknowledge") return errorResponse(new AppError("not_found", "Conn takes Opsgenie's close and acknowledge here."));
    const key = await keyOrNull(presentedKey(req));
    if (!key) return unauthenticated();
    const body = await readJson(req, EVENT_LIMIT_BYTES, true);
    const refused = await unsigned(key, "opsgenie", req, body);
    if (refused) return refused;
    if (body.problem) return await refuse(key, "opsgenie", body.text, body.problem);
    const target = opsgenieIdentifierSchema.safeParse({ identifier, identifierType: new URL(req.url).searchParams.get("identifierType") ?? undefined });
    if (!target.success) return await refuse(key, "opsgenie", body.text, problemOf(target.error));
    const parsed = opsgenieActionSchema.safeParse(body.json);
    if (!parsed.success) return await refuse(key, "opsgenie", body.text, problemOf(parsed.error));
    await ingestDelivery(key, "opsgenie", body.text, [normalizeOpsgenieAction(target.data.identifier, action)], senderOf(req));
    return opsgenieAccepted(started);
  } catch (error) {
    return alertFailure(error);
  }
}

const eventsV2Invalid = (errors: string[]) => Response.json({ status: "invalid event", message: "Event object is invalid", errors }, { status: 400 });

/** Where Events v2 and its change events find the key (the body's routing_key) and keep the body (the key masked). */
type EventsV2Read = { key: IngestKey; raw: Buffer; kept: string; json: unknown } | { answer: Response };

async function readEventsV2(req: Request, source: "events_v2" | typeof CHANGE_EVENT_SOURCE): Promise<EventsV2Read> {
  const { raw, text, json, problem } = await readJson(req, EVENT_LIMIT_BYTES);
  if (problem) return { answer: eventsV2Invalid([problem.message === "body: not valid JSON" ? "The body is not valid JSON." : problem.message]) };
  const routingKey = typeof (json as { routing_key?: unknown })?.routing_key === "string" ? (json as { routing_key: string }).routing_key : null;
  const key = await keyOrNull(routingKey ?? presentedKey(req));
  if (!key) return { answer: eventsV2Invalid([routingKey ? "routing_key is not a valid integration key" : "routing_key is required"]) };
  // The body carries the key itself: it is kept with the key masked, as the key list shows it (only a hash is kept).
  const kept = routingKey ? text.replaceAll(routingKey, `${routingKey.slice(0, 12)}…`) : text;
  const refused = await unsigned(key, source, req, { raw, text: kept });
  return refused ? { answer: refused } : { key, raw, kept, json };
}

/**
 * `POST /api/v1/alerts/events`: PagerDuty Events API v2, answered as PagerDuty answers (the one exception to the API
 * error shape) so its senders need only the URL changed. The body's routing_key is the integration key.
 */
export async function eventsV2Route(req: Request): Promise<Response> {
  try {
    const read = await readEventsV2(req, "events_v2");
    if ("answer" in read) return read.answer;
    const parsed = eventsV2Schema.safeParse(read.json);
    if (!parsed.success) {
      const errors = eventsV2Errors(parsed.error);
      await recordRefusedDelivery(read.key, "events_v2", read.kept, errors.join("; "));
      return eventsV2Invalid(errors);
    }
    const alert = normalizeEventV2(parsed.data, randomUUID);
    await ingestDelivery(read.key, "events_v2", read.kept, [alert], senderOf(req));
    return Response.json({ status: "success", message: "Event processed", dedup_key: alert.identity }, { status: 202 });
  } catch (error) {
    return alertFailure(error);
  }
}

/**
 * `POST /api/v1/alerts/events/change`: PagerDuty's Change Events (its `/v2/change/enqueue`), kept as a change on the
 * key's service so a deploy pipeline that sends them feeds "what changed" unchanged. Answered as PagerDuty answers.
 */
export async function changeEventsRoute(req: Request): Promise<Response> {
  try {
    const read = await readEventsV2(req, CHANGE_EVENT_SOURCE);
    if ("answer" in read) return read.answer;
    const parsed = changeEventSchema.safeParse(read.json);
    const change = parsed.success ? readChangeEvent(parsed.data, new Date()) : ({ ok: false, error: eventsV2Errors(parsed.error).join("; ") } as const);
    if (!change.ok) {
      await recordRefusedDelivery(read.key, CHANGE_EVENT_SOURCE, read.kept, change.error);
      return eventsV2Invalid(parsed.success ? [change.error] : eventsV2Errors(parsed.error));
    }
    await recordChangeEvent(read.key, read.kept, change.change);
    return Response.json({ status: "success", message: "Change event processed" }, { status: 202 });
  } catch (error) {
    return alertFailure(error);
  }
}

/** Heartbeat ids and names are URL-safe words: anything else names none (and never reaches the database). */
const PING_TARGET = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** A ping's body is not read (a ping carries nothing), but it is bounded like any alert route's. */
async function drainPing(req: Request) {
  if (req.method === "POST") await readLimited(req, EVENT_LIMIT_BYTES);
}

/**
 * `GET|POST /api/v1/heartbeats/{id}/ping` with the heartbeat's own key (Bearer or `?key=`): the deadline moves on; a
 * ping after silence resolves its alert. 202 once committed.
 */
export async function heartbeatPingRoute(req: Request, id: string): Promise<Response> {
  try {
    const key = await keyOrNull(presentedKey(req));
    if (!key) return unauthenticated("Send the heartbeat's key as 'Authorization: Bearer <key>' or '?key=<key>'.");
    await drainPing(req);
    const heartbeat = PING_TARGET.test(id) ? await heartbeatForPing({ id }) : null;
    if (!heartbeat || heartbeat.integrationKeyId !== key.id) return errorResponse(new AppError("not_found", "No such heartbeat for this key."));
    const pinged = await pingHeartbeat(heartbeat, senderOf(req));
    return Response.json({ status: "pong", name: pinged.name, expiresAt: pinged.expiresAt }, { status: 202 });
  } catch (error) {
    return alertFailure(error);
  }
}

/**
 * `GET|POST /api/v1/alerts/opsgenie/v2/heartbeats/{name}/ping` (`Authorization: GenieKey <key>`, any key of the
 * heartbeat's service): Opsgenie's ping, so its senders change only the base URL; answered as Opsgenie answers.
 */
export async function opsgenieHeartbeatPingRoute(req: Request, name: string): Promise<Response> {
  const started = performance.now();
  try {
    const key = await keyOrNull(presentedKey(req));
    if (!key) return unauthenticated();
    await drainPing(req);
    const heartbeat = PING_TARGET.test(name) ? await heartbeatForPing({ serviceId: key.serviceId, name }) : null;
    if (!heartbeat) return errorResponse(new AppError("not_found", `No such heartbeat on ${key.serviceKey}.`));
    await pingHeartbeat(heartbeat, senderOf(req));
    return Response.json({ result: "PONG - Heartbeat received", took: Math.round(performance.now() - started) / 1000, requestId: randomUUID() }, { status: 202 });
  } catch (error) {
    return alertFailure(error);
  }
}
