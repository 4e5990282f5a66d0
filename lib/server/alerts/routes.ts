import "server-only";
// The alert routes' handlers (app/api/v1/alerts/*/route.ts are one line each): read, authenticate, validate, commit,
// then answer — 202 only once the delivery is stored.
import { randomUUID } from "node:crypto";
import type { ZodError } from "zod";
import { alertmanagerWebhookSchema, eventsV2Errors, eventsV2Schema, normalizeAlertmanager, normalizeEventV2 } from "@/lib/domain/alerts/normalize";
import { findUnsafeText } from "@/lib/domain/input";
import { zodFields } from "../api-handler";
import { alertFailure, BATCH_LIMIT_BYTES, EVENT_LIMIT_BYTES, keyOrNull, presentedKey, readLimited, senderOf, unauthenticated } from "./http";
import { ingestDelivery, recordRefusedDelivery } from "./ingest";

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** The body as Postgres can keep it: a raw NUL byte (which no text column takes) is kept as its JSON escape. */
const storable = (text: string) => text.replaceAll("\0", "\\u0000");

/** A string Postgres cannot store (NUL, a lone surrogate), with its path: refused before anything is acted on. */
function unsafeText(value: unknown): { field: string; reason: string; message: string } | null {
  const found = findUnsafeText(value);
  return found ? { field: found.path, reason: found.reason, message: `${found.path}: ${found.reason}` } : null;
}

const describeZod = (error: ZodError) =>
  Object.entries(zodFields(error))
    .map(([k, v]) => `${k}: ${v}`)
    .join("; ");

/** `POST /api/v1/alerts/alertmanager` and `/grafana`: a webhook v4 body (Grafana's adds title, state, message, values). */
export function webhookRoute(source: "alertmanager" | "grafana") {
  return async (req: Request): Promise<Response> => {
    try {
      const key = await keyOrNull(presentedKey(req));
      if (!key) return unauthenticated();
      const text = storable(await readLimited(req, BATCH_LIMIT_BYTES));
      const json = parseJson(text);
      if (!json.ok) {
        await recordRefusedDelivery(key, source, text, "body: not valid JSON");
        return Response.json({ error: { code: "invalid_input", message: "The body is not valid JSON.", fields: { body: "not valid JSON" } } }, { status: 400 });
      }
      const unsafe = unsafeText(json.value);
      if (unsafe) {
        await recordRefusedDelivery(key, source, text, unsafe.message);
        return Response.json({ error: { code: "invalid_input", message: `Invalid input: ${unsafe.message}`, fields: { [unsafe.field]: unsafe.reason } } }, { status: 400 });
      }
      const parsed = alertmanagerWebhookSchema.safeParse(json.value);
      if (!parsed.success) {
        const message = describeZod(parsed.error);
        await recordRefusedDelivery(key, source, text, message);
        return Response.json({ error: { code: "invalid_input", message: `Invalid input: ${message}`, fields: zodFields(parsed.error) } }, { status: 400 });
      }
      const outcomes = await ingestDelivery(key, source, text, normalizeAlertmanager(parsed.data, source), senderOf(req));
      return Response.json({ status: "accepted", alerts: outcomes.length, incidents: [...new Set(outcomes.flatMap((o) => (o.incident ? [o.incident] : [])))] }, { status: 202 });
    } catch (error) {
      return alertFailure(error);
    }
  };
}

const eventsV2Invalid = (errors: string[]) => Response.json({ status: "invalid event", message: "Event object is invalid", errors }, { status: 400 });

/**
 * `POST /api/v1/alerts/events`: PagerDuty Events API v2, answered as PagerDuty answers (the one exception to the API
 * error shape) so its senders need only the URL changed. The body's routing_key is the integration key.
 */
export async function eventsV2Route(req: Request): Promise<Response> {
  try {
    const text = storable(await readLimited(req, EVENT_LIMIT_BYTES));
    const json = parseJson(text);
    if (!json.ok) return eventsV2Invalid(["The body is not valid JSON."]);
    const unsafe = unsafeText(json.value);
    if (unsafe) return eventsV2Invalid([unsafe.message]);
    const routingKey = typeof (json.value as { routing_key?: unknown })?.routing_key === "string" ? (json.value as { routing_key: string }).routing_key : null;
    const key = await keyOrNull(routingKey ?? presentedKey(req));
    if (!key) {
      if (!routingKey) return eventsV2Invalid(["routing_key is required"]);
      return Response.json({ status: "invalid event", message: "Event object is invalid", errors: ["routing_key is not a valid integration key"] }, { status: 400 });
    }
    const parsed = eventsV2Schema.safeParse(json.value);
    if (!parsed.success) {
      const errors = eventsV2Errors(parsed.error);
      await recordRefusedDelivery(key, "events_v2", text, errors.join("; "));
      return eventsV2Invalid(errors);
    }
    const alert = normalizeEventV2(parsed.data, randomUUID);
    await ingestDelivery(key, "events_v2", text, [alert], senderOf(req));
    return Response.json({ status: "success", message: "Event processed", dedup_key: alert.identity }, { status: 202 });
  } catch (error) {
    return alertFailure(error);
  }
}
