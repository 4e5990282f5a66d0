// The alert inbox (issue 16): every alert a responder may see, live, filtered and grouped by incident; one alert's
// detail; and what a responder does from it — declare an incident from selected alerts (./declare.ts), attach them
// to an open incident, mute an identity for a few hours (its alerts are recorded, open and page nothing). Pure: the
// schemas, the keyset cursor, the grouping and when a mute applies.
import { z } from "zod";
import { incidentRefSchema, text } from "../schemas";
import { ALERT_SEVERITIES, ALERT_SOURCES } from "./normalize";
import { ROUTE_ACTIONS } from "./rules";

const flag = z
  .enum(["true", "false", "1", "0"], { error: "Must be true or false" })
  .transform((v) => v === "true" || v === "1");

export const ALERT_STATUS_FILTERS = ["open", "firing", "acknowledged", "resolved", "all"] as const;

/** `GET /api/v1/alerts`: newest activity first; `open` (the default) is firing or acknowledged by its source. */
export const alertListQuerySchema = z.object({
  status: z.enum(ALERT_STATUS_FILTERS, { error: `Must be one of ${ALERT_STATUS_FILTERS.join(", ")}` }).default("open"),
  service: z.string().trim().max(60).optional(),
  source: z.enum([...ALERT_SOURCES, "heartbeat"], { error: `Must be one of ${[...ALERT_SOURCES, "heartbeat"].join(", ")}` }).optional(),
  severity: z.enum(ALERT_SEVERITIES, { error: `Must be one of ${ALERT_SEVERITIES.join(", ")}` }).optional(),
  action: z.enum(ROUTE_ACTIONS, { error: `Must be one of ${ROUTE_ACTIONS.join(", ")}` }).optional(),
  flapping: flag.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
  /** The `next` of the previous answer. */
  cursor: z.string().max(200).optional(),
});
export type AlertListQuery = z.infer<typeof alertListQuerySchema>;

/** The keyset cursor: the last item's activity time and id. Null when it is not one. */
export function parseAlertCursor(cursor: string): { at: Date; id: string } | null {
  const m = /^(\d{13})_([A-Za-z0-9-]{1,100})$/.exec(cursor);
  if (!m) return null;
  const at = new Date(Number(m[1]));
  return Number.isNaN(at.getTime()) ? null : { at, id: m[2]! };
}
export const alertCursor = (item: { lastSeenAt: Date; id: string }) => `${String(item.lastSeenAt.getTime()).padStart(13, "0")}_${item.id}`;

/** `POST /api/v1/alerts/attach`: put alerts that opened nothing on an open incident. */
export const alertAttachSchema = z
  .object({
    alertIds: z.array(z.string().trim().min(1, "Required").max(100)).min(1, "Pick at least one alert").max(200, "At most 200 alerts at once"),
    incident: incidentRefSchema,
  })
  .strict();
export type AlertAttachInput = z.infer<typeof alertAttachSchema>;

export const MUTE_MAX_HOURS = 168;

/** `POST /api/v1/alerts/{id}/mute`: every alert of this identity, for this long, is recorded only. */
export const alertMuteSchema = z
  .object({
    hours: z.number({ error: "Required: how many hours" }).int("Whole hours").min(1, "At least 1 hour").max(MUTE_MAX_HOURS, `At most ${MUTE_MAX_HOURS} hours (a week)`),
    reason: text(500, "Say why"),
  })
  .strict();
export type AlertMuteInput = z.infer<typeof alertMuteSchema>;

/** A mute applies from its start until `until`, unless lifted. */
export function muteApplies(mute: { until: Date; endedAt: Date | null; createdAt: Date }, at: Date): boolean {
  return mute.createdAt <= at && at < mute.until && (mute.endedAt === null || at < mute.endedAt);
}

/** Inbox rows grouped as the inbox shows them: each incident's alerts together (in order of first appearance), then those on none. */
export function groupByIncident<T extends { incident: { ref: string } | null }>(items: readonly T[]): { ref: string | null; items: T[] }[] {
  const groups = new Map<string | null, T[]>();
  for (const item of items) {
    const ref = item.incident?.ref ?? null;
    groups.set(ref, [...(groups.get(ref) ?? []), item]);
  }
  const none = groups.get(null);
  groups.delete(null);
  return [...[...groups].map(([ref, list]) => ({ ref, items: list })), ...(none ? [{ ref: null, items: none }] : [])];
}
