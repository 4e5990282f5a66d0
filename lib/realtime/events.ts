// Realtime events: small, emitted after commit, validated by zod on both sides.
// Names follow `{entity}.{sub}.{past-tense}`.
import { z } from "zod";
import type { Nudge } from "@/lib/domain/nudges";
import { TIMELINE, TIMELINE_KINDS, type TimelineEntry } from "@/lib/domain/timeline";

const entryBase = {
  id: z.string(),
  seq: z.number().int().positive(),
  at: z.string(),
  pinned: z.boolean(),
  actorKind: z.enum(["human", "automation", "system"]),
  author: z.object({ handle: z.string(), name: z.string() }).nullable(),
};
/** A timeline entry on the wire: the envelope, and its data checked against its kind's schema (lib/domain/timeline.ts). */
export const timelineEntrySchema = z.discriminatedUnion(
  "kind",
  TIMELINE_KINDS.map((kind) => z.object({ ...entryBase, kind: z.literal(kind), data: TIMELINE[kind].data })) as unknown as [z.ZodObject, ...z.ZodObject[]],
) as unknown as z.ZodType<TimelineEntry>;

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

const person = z.object({ handle: z.string(), name: z.string() });

/**
 * Postmortem events go to the postmortem's room only (its editors, joined with
 * the same authorization as the incident's room), never to the organization.
 * `ref` is the incident's, or null for a near miss or positive retro.
 */
const postmortemEventBase = { postmortemId: z.string(), ref: z.string().nullable() };

/**
 * A section save committed. Small: editors with no local changes fetch the new
 * text, the others are told "updated by @x — reload section".
 */
export const sectionSavedEventSchema = z.object({
  type: z.literal("postmortem.section.saved"),
  ...postmortemEventBase,
  key: z.string(),
  version: z.number().int().positive(),
  by: person,
});
export type SectionSavedEvent = z.infer<typeof sectionSavedEventSchema>;

/** A comment was posted, resolved or reopened: the comment as it is now (editors upsert it by id). */
export const commentSavedEventSchema = z.object({
  type: z.literal("postmortem.comment.saved"),
  ...postmortemEventBase,
  comment: z.object({
    id: z.string(),
    section: z.string(),
    author: person.nullable(),
    body: z.string(),
    createdAt: z.string(),
    resolvedAt: z.string().nullable(),
    resolvedBy: person.nullable(),
  }),
});
export type CommentSavedEvent = z.infer<typeof commentSavedEventSchema>;

/** Someone was asked to review, or no longer is: the whole list, in the order they were asked. */
export const reviewersChangedEventSchema = z.object({
  type: z.literal("postmortem.reviewers.changed"),
  ...postmortemEventBase,
  reviewers: z.array(person),
});
export type ReviewersChangedEvent = z.infer<typeof reviewersChangedEventSchema>;

export type PostmortemEvent = SectionSavedEvent | CommentSavedEvent | ReviewersChangedEvent;
export const isPostmortemEvent = (event: { type: string }): event is PostmortemEvent => event.type.startsWith("postmortem.");

export type IncidentEvent = EntryAddedEvent | NudgesChangedEvent;

/**
 * A page to you was sent, acknowledged or ended: to the paged people's own rooms
 * only, content-free (the client refetches its pages, which checks access).
 */
export const pageChangedSchema = z.object({
  type: z.literal("page.changed"),
  /** The incident's ref; null for a "page only" alert's page (no incident). */
  ref: z.string().nullable(),
  reason: z.enum(["paged", "acknowledged", "ended"]),
});
export type PageChanged = z.infer<typeof pageChangedSchema>;
/** Server-side: who receives it (never sent). */
export interface PageChangedEvent extends PageChanged {
  orgId: string;
  userIds: string[];
}

/**
 * An offer of command to you or from you changed (offered, accepted, declined, expired, withdrawn, replaced), or
 * command was taken from you: to those people's own rooms only, content-free (the client refetches its handovers).
 */
export const handoverChangedSchema = z.object({
  type: z.literal("handover.changed"),
  ref: z.string(),
  reason: z.enum(["offered", "accepted", "declined", "expired", "withdrawn", "superseded", "taken"]),
});
export type HandoverChanged = z.infer<typeof handoverChangedSchema>;
/** Server-side: who receives it (never sent). */
export interface HandoverChangedEvent extends HandoverChanged {
  orgId: string;
  userIds: string[];
}

/**
 * Server-side only (never sent): access ended, published after the write that ended it commits.
 * Every socket authenticated with one of `tokenIds`, and every socket of one of `userIds` (a
 * person deactivated or removed from the organization), is disconnected at once; their next
 * connection is refused at the handshake. Disconnecting by room (`token:<id>`, `user:<id>`) goes
 * through the socket.io adapter, so it reaches every node once there are several.
 *
 * Losing access to one incident (removed from a private incident's members, an incident made
 * private) needs no event of its own: such a write appends a timeline entry, whose event carries
 * the members read in that transaction, and the socket server takes every non-member out of the
 * incident's rooms before it delivers the entry (see lib/realtime/server.ts).
 */
export interface AccessRevokedEvent {
  type: "access.revoked";
  orgId: string;
  tokenIds?: string[];
  userIds?: string[];
}

export type RealtimeEvent = ((IncidentEvent | PostmortemEvent) & Audience) | PageChangedEvent | HandoverChangedEvent | AccessRevokedEvent | AlertsChangedEvent;

/**
 * To the organization's room: alerts arrived or changed (the alert inbox refetches, which checks access). Content-free:
 * no service, alert, incident or summary, so it says nothing of a private incident's alerts.
 */
export const alertsChangedSchema = z.object({ type: z.literal("alerts.changed") });
export type AlertsChanged = z.infer<typeof alertsChangedSchema>;
/** Server-side: whose room. */
export interface AlertsChangedEvent extends AlertsChanged {
  orgId: string;
}

/**
 * To a socket taken out of an incident's room (or a postmortem's) because its person may no
 * longer see it: the page says so and stops showing live changes.
 */
export const accessLostSchema = z.object({ type: z.enum(["incident.access.lost", "postmortem.access.lost"]), ref: z.string().nullable(), postmortemId: z.string().optional() });
export type AccessLost = z.infer<typeof accessLostSchema>;

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
export const postmortemPresenceSchema = z.object({ postmortemId: z.string(), ref: z.string().nullable(), editors: z.array(postmortemEditorSchema) });

/** Which postmortem: an incident's by its ref, or any by its id (near misses and positive retros have no ref). */
const postmortemTarget = { ref: joinIncidentSchema.shape.ref.optional(), id: z.string().regex(/^[A-Za-z0-9_-]{1,50}$/).optional() };
const oneTarget = (v: { ref?: string; id?: string }) => Boolean(v.ref) !== Boolean(v.id);
export const joinPostmortemSchema = z.object(postmortemTarget).strict().refine(oneTarget, "Give ref or id");
export const postmortemEditingSchema = z
  .object({ ...postmortemTarget, section: z.string().regex(/^[a-z_]{1,50}$/).nullable() })
  .strict()
  .refine(oneTarget, "Give ref or id");

export const incidentRoom = (incidentId: string) => `incident:${incidentId}`;
export const orgRoom = (orgId: string) => `org:${orgId}`;
export const userRoom = (userId: string) => `user:${userId}`;
export const postmortemRoom = (postmortemId: string) => `postmortem:${postmortemId}`;
/**
 * One person's share of a room: a socket that joins `incident:<id>` also joins `incident:<id>:<userId>`.
 * A private incident's events go to its members' shares only, so a socket whose person is no longer a
 * member receives nothing of it, on any node, even before it is taken out of the room.
 */
export const memberShare = (room: string, userId: string) => `${room}:${userId}`;
export const tokenRoom = (tokenId: string) => `token:${tokenId}`;
