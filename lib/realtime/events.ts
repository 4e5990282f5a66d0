// Realtime events: small, emitted after commit, validated by zod on both sides.
// Names follow `{entity}.{sub}.{past-tense}`.
import { z } from "zod";
import type { Nudge } from "@/lib/domain/nudges";

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

/** The nudges of an incident changed: the server's clock saw one fire or clear, or a write did. */
export const nudgesChangedEventSchema = z.object({
  type: z.literal("incident.nudges.changed"),
  incidentId: z.string(),
  ref: z.string(),
  orgId: z.string(),
  private: z.boolean(),
  nudges: z.array(z.custom<Nudge>((v) => typeof v === "object" && v !== null && typeof (v as Nudge).key === "string")),
});
export type NudgesChangedEvent = z.infer<typeof nudgesChangedEventSchema>;

/** Server-side envelope: who may see a private incident's events (never sent to clients). */
export interface Audience {
  memberIds?: string[];
}

/**
 * A postmortem section save committed: to the postmortem's room only (its
 * editors), never to the organization. Small: editors with no local changes
 * fetch the new text, the others are told "updated by @x — reload section".
 */
export const sectionSavedEventSchema = z.object({
  type: z.literal("postmortem.section.saved"),
  incidentId: z.string(),
  ref: z.string(),
  orgId: z.string(),
  private: z.boolean(),
  key: z.string(),
  version: z.number().int().positive(),
  by: z.object({ handle: z.string(), name: z.string() }),
});
export type SectionSavedEvent = z.infer<typeof sectionSavedEventSchema>;

export type IncidentEvent = EntryAddedEvent | NudgesChangedEvent;

/**
 * A page to you was sent, acknowledged or ended: to the paged people's own rooms
 * only, content-free (the client refetches its pages, which checks access).
 */
export const pageChangedSchema = z.object({
  type: z.literal("page.changed"),
  ref: z.string(),
  reason: z.enum(["paged", "acknowledged", "ended"]),
});
export type PageChanged = z.infer<typeof pageChangedSchema>;
/** Server-side: who receives it (never sent). */
export interface PageChangedEvent extends PageChanged {
  orgId: string;
  userIds: string[];
}

export type RealtimeEvent = ((IncidentEvent | SectionSavedEvent) & Audience) | PageChangedEvent;

/**
 * To the organization's room (or, for a private incident, to its members' own
 * rooms): "this incident changed". Dashboards and the status page refetch what
 * they show; they never rely on having seen every event.
 */
export const orgIncidentChangedSchema = z.object({
  type: z.literal("org.incident.changed"),
  ref: z.string(),
  reason: z.string(),
  seq: z.number().int().optional(),
  kind: z.string().optional(),
});
export type OrgIncidentChanged = z.infer<typeof orgIncidentChangedSchema>;

// Client → server payloads.
export const joinIncidentSchema = z.object({ ref: z.string().regex(/^INC-\d{1,9}$/i) });
export const leaveIncidentSchema = joinIncidentSchema;

/** Who is in the postmortem editor, and which section each one is editing (null: reading). */
export const postmortemEditorSchema = z.object({ handle: z.string(), name: z.string(), section: z.string().nullable() });
export type PostmortemEditor = z.infer<typeof postmortemEditorSchema>;
export const postmortemPresenceSchema = z.object({ ref: z.string(), editors: z.array(postmortemEditorSchema) });

export const joinPostmortemSchema = joinIncidentSchema;
export const postmortemEditingSchema = z
  .object({ ref: joinIncidentSchema.shape.ref, section: z.string().regex(/^[a-z_]{1,50}$/).nullable() })
  .strict();

export const incidentRoom = (incidentId: string) => `incident:${incidentId}`;
export const orgRoom = (orgId: string) => `org:${orgId}`;
export const userRoom = (userId: string) => `user:${userId}`;
export const postmortemRoom = (incidentId: string) => `postmortem:${incidentId}`;
