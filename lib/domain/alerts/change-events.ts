// PagerDuty's Change Events (issue 16), read as a Conn change: deploy pipelines that already send them to PagerDuty
// feed "what changed" by changing only the URL (`POST /api/v1/alerts/events/change`, the routing_key being the
// service's integration key, as for Events v2).
//
// The format, from PagerDuty's developer documentation (docs/events-API-v2/03-Change-Events.md): `routing_key` and
// `payload.summary` (≤ 1024) are required; `payload.source`, `payload.timestamp` (e.g. `2020-07-17T08:42:58.315+0000`)
// and `payload.custom_details` (an object) are optional; `links[]` has a required `href` and an optional `text`.
// PagerDuty answers 202 `{status: "success", message: "Change event processed"}`. Pure: no I/O.
import { z } from "zod";
import { CHANGE_KINDS, type ChangeKind, isTooFarInFuture } from "../changes";
import { eventsV2Link, instant, parseAlertTime, type AlertSource } from "./normalize";

/** The delivery log's name for change events, beside the alert senders' (ALERT_SOURCES). */
export const CHANGE_EVENT_SOURCE = "events_v2_change";
/** What sent a delivery: one of the alert senders, or a change event. */
export type DeliverySource = AlertSource | typeof CHANGE_EVENT_SOURCE;

export const changeEventSchema = z.looseObject({
  routing_key: z.string().min(1, "routing_key is required").max(255),
  payload: z.looseObject(
    {
      summary: z.string({ error: "payload.summary is required" }).trim().min(1, "payload.summary is required").max(1024, "payload.summary is at most 1024 characters"),
      source: z.string().max(1024).optional(),
      timestamp: instant.optional(),
      custom_details: z.unknown().optional(),
    },
    { error: "payload is required" },
  ),
  links: z.array(eventsV2Link).max(100).optional(),
});
export type ChangeEvent = z.infer<typeof changeEventSchema>;

/** A change as Conn keeps it (lib/domain/changes.ts), read from a change event. */
export interface ChangeFromEvent {
  kind: ChangeKind;
  summary: string;
  at: Date;
  link: string | null;
  version: string | null;
}

/** The longest link and version the changes API takes; longer ones are left out, not refused (the sender cannot fix them). */
const LINK_MAX = 2000;
const VERSION_MAX = 100;

const detailsOf = (event: ChangeEvent): Record<string, unknown> => {
  const d = event.payload.custom_details;
  return typeof d === "object" && d !== null && !Array.isArray(d) ? (d as Record<string, unknown>) : {};
};

/** A short string or number from the details, or null. */
const scalar = (value: unknown, max: number): string | null => {
  const text = typeof value === "number" && Number.isFinite(value) ? String(value) : typeof value === "string" ? value.trim() : "";
  return text && text.length <= max ? text : null;
};

/**
 * The change, or why it cannot be taken. Its kind is `custom_details.kind` when that names one of Conn's kinds
 * (deploy, config, flag, migration), else "other": a change event may be a deploy, a rotated secret or an applied
 * configuration, and PagerDuty's format does not say which. The version is `custom_details.version` or `revision`
 * (what Ansible's pagerduty_change sends); the link, the first http(s) one. Dated when the sender says (at most 5
 * minutes ahead of this clock, as for the changes API), else now.
 */
export function readChangeEvent(event: ChangeEvent, now: Date): { ok: true; change: ChangeFromEvent } | { ok: false; error: string } {
  const stamped = parseAlertTime(event.payload.timestamp);
  const at = stamped ? new Date(stamped) : now;
  if (isTooFarInFuture(at, now)) return { ok: false, error: "payload.timestamp: must not be more than 5 minutes in the future" };
  const details = detailsOf(event);
  const named = scalar(details.kind, 20)?.toLowerCase();
  const kind = CHANGE_KINDS.find((k) => k === named) ?? "other";
  const link = (event.links ?? []).map((l) => l.href.trim()).find((href) => href.length <= LINK_MAX && /^https?:\/\/\S+$/i.test(href)) ?? null;
  return {
    ok: true,
    change: { kind, summary: event.payload.summary, at, link, version: scalar(details.version, VERSION_MAX) ?? scalar(details.revision, VERSION_MAX) },
  };
}
