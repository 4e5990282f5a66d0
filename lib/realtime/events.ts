// Realtime events: small, emitted after commit, validated by zod on both sides.
// Names follow `{entity}.{sub}.{past-tense}`.
import { z } from "zod";

export const timelineEntrySchema = z.object({
  id: z.string(),
  seq: z.number().int().positive(),
  kind: z.string(),
  at: z.string(),
  pinned: z.boolean(),
  actorKind: z.enum(["human", "automation", "system"]),
  author: z.object({ handle: z.string(), name: z.string() }).nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type TimelineEntryDto = z.infer<typeof timelineEntrySchema>;

/** A change to an incident: the entry it produced (with its seq). */
export const entryAddedEventSchema = z.object({
  type: z.literal("incident.timeline.entry_added"),
  incidentId: z.string(),
  ref: z.string(),
  orgId: z.string(),
  private: z.boolean(),
  entry: timelineEntrySchema,
});
export type EntryAddedEvent = z.infer<typeof entryAddedEventSchema>;

export type RealtimeEvent = EntryAddedEvent;

// Client → server payloads.
export const joinIncidentSchema = z.object({ ref: z.string().regex(/^INC-\d{1,9}$/i) });
export const leaveIncidentSchema = joinIncidentSchema;

export const incidentRoom = (incidentId: string) => `incident:${incidentId}`;
export const orgRoom = (orgId: string) => `org:${orgId}`;
export const userRoom = (userId: string) => `user:${userId}`;
