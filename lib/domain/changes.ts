// "What changed, and when?": deploys, config changes, flag flips and migrations,
// posted by CI/CD or people, and the rule for which of them an incident shows.
// Pure: schemas, the window rule, cursors and wording. No I/O.
import { z } from "zod";
import { isoInstant as isoInstantOf, yearInRange, tooLong } from "./input";
import { formatDuration } from "./time";

export const CHANGE_KINDS = ["deploy", "config", "flag", "migration", "other"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const CHANGE_KIND_LABELS: Record<ChangeKind, string> = {
  deploy: "Deploy",
  config: "Config",
  flag: "Flag flip",
  migration: "Migration",
  other: "Other",
};

/** A change may be dated this far ahead of the server's clock (a CI runner's clock skew), no further. */
export const MAX_FUTURE_SKEW_MS = 5 * 60_000;
export const DEFAULT_WINDOW_HOURS = 24;
export const MAX_WINDOW_HOURS = 168;

const HOUR_MS = 60 * 60_000;

/** True when `at` lies more than the allowed clock skew after `now`. */
export function isTooFarInFuture(at: Date, now: Date): boolean {
  return at.getTime() > now.getTime() + MAX_FUTURE_SKEW_MS;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

const isoInstant = isoInstantOf();

// ─── Create ─────────────────────────────────────────────────────────────────

export const changeCreateSchema = z
  .object({
    /** The service's key (`SVC-CHECKOUT`, any case) or id. */
    service: z.string().trim().min(1, "Required").max(100, tooLong(100)),
    kind: z.enum(CHANGE_KINDS),
    summary: z.string().trim().min(1, "Required").max(500, tooLong(500)),
    /** When the change took effect (ISO 8601); default now. At most 5 minutes in the future. */
    at: isoInstant.refine((v) => !isTooFarInFuture(new Date(v), new Date()), "Must not be more than 5 minutes in the future").nullish(),
    /** The pipeline run, pull request or ticket (http or https). */
    link: z.string().trim().max(2000, tooLong(2000)).refine(isHttpUrl, "Must be an http(s) URL").nullish(),
    /** A version, tag or commit, e.g. `v3.8.1`; blank counts as none. */
    version: z.string().trim().max(100, tooLong(100)).nullish(),
  })
  .strict();
export type ChangeCreateInput = z.infer<typeof changeCreateSchema>;

// ─── Cursors: newest first by (at, id) ──────────────────────────────────────

export interface ChangeCursor {
  at: Date;
  id: string;
}

const toBase64Url = (s: string) => btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
const fromBase64Url = (s: string) => atob(s.replace(/-/g, "+").replace(/_/g, "/"));

/** An opaque cursor for the page after this change. */
export function encodeChangeCursor(c: ChangeCursor): string {
  return toBase64Url(`${c.at.toISOString()}|${c.id}`);
}

/** The position a cursor names, or null if it is not one of ours. */
export function decodeChangeCursor(cursor: string): ChangeCursor | null {
  let raw: string;
  try {
    raw = fromBase64Url(cursor);
  } catch {
    return null;
  }
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|([A-Za-z0-9_-]{1,100})$/.exec(raw);
  if (!match) return null;
  if (!yearInRange(match[1]!)) return null;
  return { at: new Date(match[1]!), id: match[2]! };
}

const cursorSchema = z.string().max(400).refine((v) => decodeChangeCursor(v) !== null, "Invalid cursor");
const limitSchema = z.coerce.number().int().min(1).max(200).default(50);

// ─── List ───────────────────────────────────────────────────────────────────

/** `GET /api/v1/changes?service=&since=&until=&limit=&cursor=`: both ends inclusive. */
export const changeListQuerySchema = z
  .object({
    service: z.string().trim().min(1).max(100).optional(),
    since: isoInstant.optional(),
    until: isoInstant.optional(),
    limit: limitSchema,
    cursor: cursorSchema.optional(),
  })
  .refine((q) => !q.since || !q.until || Date.parse(q.since) <= Date.parse(q.until), { message: "Must not be before since", path: ["until"] });
export type ChangeListQuery = z.infer<typeof changeListQuerySchema>;

/** `GET /api/v1/incidents/{ref}/changes?hours=&limit=&cursor=`. */
export const incidentChangesQuerySchema = z.object({
  /** How many hours before the incident's start to look back. */
  hours: z.coerce.number().int().min(1).max(MAX_WINDOW_HOURS).default(DEFAULT_WINDOW_HOURS),
  limit: limitSchema,
  cursor: cursorSchema.optional(),
});
export type IncidentChangesQuery = z.infer<typeof incidentChangesQuerySchema>;

export const suspectCreateSchema = z.object({ changeId: z.string().trim().min(1, "Required").max(100) }).strict();
export type SuspectCreateInput = z.infer<typeof suspectCreateSchema>;

// ─── The incident's window ──────────────────────────────────────────────────

export interface ChangeWindow {
  /** The incident's start: when the impact started if known, else when it was declared. */
  start: Date;
  /** `hours` before the start (inclusive). */
  from: Date;
  /** Inclusive end: the resolution, or for an open incident now plus the allowed clock skew. */
  until: Date;
  hours: number;
}

/**
 * Which changes an incident lists. Back `hours` (default 24) from its start
 * (`startedAt ?? declaredAt`), and forward past the start too: a deploy, a flag
 * flip or a rollback made during the incident can make it worse, or be the fix
 * someone needs to know about. An open incident looks up to now (plus the
 * 5 minutes of clock skew a change may be dated ahead); a resolved one up to its
 * resolution, since what changed afterwards cannot have caused it.
 */
export function changeWindow(
  incident: { startedAt: Date | null; declaredAt: Date; resolvedAt?: Date | null },
  opts: { now: Date; hours?: number },
): ChangeWindow {
  const hours = opts.hours ?? DEFAULT_WINDOW_HOURS;
  const start = incident.startedAt ?? incident.declaredAt;
  const from = new Date(start.getTime() - hours * HOUR_MS);
  const openEnd = opts.now.getTime() + MAX_FUTURE_SKEW_MS;
  const end = incident.resolvedAt ? Math.min(incident.resolvedAt.getTime(), openEnd) : openEnd;
  // Never end before the start: a start given in the future still shows what led up to it.
  return { start, from, until: new Date(Math.max(end, start.getTime())), hours };
}

/** "1h 10m before start", "14m after start", "at start". */
export function describeOffsetFromStart(at: Date, start: Date): string {
  const diff = at.getTime() - start.getTime();
  if (Math.abs(diff) < 60_000) return "at start";
  return diff < 0 ? `${formatDuration(diff)} before start` : `${formatDuration(diff)} after start`;
}

// ─── Wire shapes (what the API returns; shared with the client) ─────────────

export interface ChangeDto {
  id: string;
  service: { id: string; key: string; name: string };
  kind: ChangeKind;
  summary: string;
  at: string;
  link: string | null;
  version: string | null;
  author: { handle: string; name: string } | null;
  actorKind: "human" | "automation" | "system";
  createdAt: string;
}

export interface IncidentChangeDto extends ChangeDto {
  /** `affected`: one of the incident's services; `dependency`: a service one of them depends on. */
  relation: "affected" | "dependency";
  /** Already on this incident's timeline as a suspect. */
  suspected: boolean;
}

export interface IncidentChangesDto {
  window: { start: string; from: string; until: string; hours: number };
  services: { key: string; name: string; relation: "affected" | "dependency" }[];
  items: IncidentChangeDto[];
  nextCursor: string | null;
}

/** The fields of a `change_suspected` timeline entry: enough to render it without another fetch. */
/** A `change_suspected` entry's data (lib/domain/timeline.ts checks it against its schema). */
export type ChangeSuspectedData = {
  changeId: string;
  service: string;
  kind: string;
  summary: string;
  at: string;
  link: string | null;
  version: string | null;
};

/** One line for the timeline: "Suspect: Deploy SVC-SEARCH v3.8.1 — search-indexer v3.8.1 (dependency bumps)". */
export function describeSuspectedChange(d: ChangeSuspectedData): string {
  const label = CHANGE_KIND_LABELS[d.kind as ChangeKind] ?? d.kind;
  return `Suspect: ${label} ${d.service}${d.version ? ` ${d.version}` : ""} — ${d.summary}`;
}
