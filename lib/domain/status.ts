// The exec status view: what leadership and stakeholders read. Only non-private
// incidents, only updates written for them (exec, else internal), never the
// responders' chatter (notes, alerts, responder-only updates). Shapes shared by
// the API, the pages and the share link; the rules that pick what to show.
import { z } from "zod";
import { openForMs, type IncidentStatus } from "./lifecycle";
import type { PersonRef } from "./people";
import type { Severity } from "./severity";

/** Audiences the exec view may show, in order of preference. */
export const EXEC_AUDIENCES = ["exec", "internal"] as const;
export type ExecAudience = (typeof EXEC_AUDIENCES)[number];

/** How far back the status page and the feed look for resolved incidents and updates. */
export const STATUS_RESOLVED_DAYS = 30;
/** The feed's length. */
export const STATUS_FEED_LIMIT = 100;

export interface ExecUpdate {
  id: string;
  audience: ExecAudience;
  condition: string;
  action: string;
  need: string;
  at: string;
  /** Seconds between the update and `generatedAt` of the response it came in. */
  ageSeconds: number;
  author: PersonRef | null;
  actorKind: "human" | "automation" | "system";
  nextUpdateDueAt: string | null;
  eta: string | null;
}

import type { ImpactPoint } from "./alerts/impact";

export interface StatusIncident {
  ref: string;
  title: string;
  severity: Severity;
  severityLabel: string;
  /** One line: the severity's impact (SEVERITY_LEVELS). */
  impact: string;
  status: IncidentStatus;
  drill: boolean;
  services: { key: string; name: string }[];
  startedAt: string | null;
  declaredAt: string;
  mitigatedAt: string | null;
  resolvedAt: string | null;
  /** From the impact's start (else the declaration) to resolution (else `generatedAt`). */
  durationSeconds: number;
  nextUpdateDueAt: string | null;
  /** When recovery is expected, as the shown update said (active incidents only). */
  eta: string | null;
  /** The newest exec update, else the newest internal one; null if neither exists. */
  update: ExecUpdate | null;
  /** Impact numbers from its alerts (active incidents): per metric the latest reading and a short series since declared. */
  impactNumbers: { metric: string; latest: ImpactPoint; points: ImpactPoint[] }[];
}

export interface StatusBoard {
  generatedAt: string;
  /** Most severe first, then oldest first. */
  active: StatusIncident[];
  /** Resolved in the last STATUS_RESOLVED_DAYS days, most recently resolved first. */
  resolved: StatusIncident[];
  /** Services under maintenance now (their alerts open nothing), soonest to end first. */
  maintenance: StatusMaintenance[];
}

export interface StatusMaintenance {
  service: { key: string; name: string };
  endsAt: string;
  reason: string;
}

export interface ExecDecision {
  id: string;
  decision: string;
  rationale: string;
  reversible: boolean | null;
  decidedBy: PersonRef | null;
  decidedAt: string;
}

export interface ExecSummary extends StatusIncident {
  generatedAt: string;
  summary: string;
  /** The declarer's answer to "what is the blast radius?", if given. */
  blastRadius: string | null;
  acknowledgedAt: string | null;
  closedAt: string | null;
  commander: PersonRef | null;
  commsLead: PersonRef | null;
  /** Exec and internal updates, newest first. */
  updates: ExecUpdate[];
  /** What was decided, newest first. */
  decisions: ExecDecision[];
}

/**
 * The update the exec view shows: the newest written for execs; if there is
 * none, the newest internal one. Responder-only and public updates never.
 */
export function pickExecUpdate<U extends { audience: string; at: string }>(updates: readonly U[]): U | null {
  for (const audience of EXEC_AUDIENCES) {
    const newest = updates.filter((u) => u.audience === audience).sort((a, b) => Date.parse(b.at) - Date.parse(a.at))[0];
    if (newest) return newest;
  }
  return null;
}

/** An incident's duration: from the impact's start (else its declaration) to its resolution (else now). Never negative. */
export function incidentDurationSeconds(i: { startedAt: Date | null; declaredAt: Date; resolvedAt: Date | null }, now: Date): number {
  return Math.floor(openForMs(i, now) / 1000);
}

// ─── Share links ────────────────────────────────────────────────────────────

export const SHARE_LINK_DEFAULT_HOURS = 24;
export const SHARE_LINK_MAX_HOURS = 168;

export const shareLinkCreateSchema = z
  .object({
    /** How long the link works: 1–168 hours (default 24). */
    expiresInHours: z.number().int().min(1, "At least 1 hour").max(SHARE_LINK_MAX_HOURS, "At most 168 hours (7 days)").default(SHARE_LINK_DEFAULT_HOURS),
  })
  .strict();
export type ShareLinkCreateInput = z.infer<typeof shareLinkCreateSchema>;

export type ShareLinkState = "active" | "expired" | "revoked";

export interface ShareLinkView {
  id: string;
  state: ShareLinkState;
  createdBy: PersonRef | null;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  /** How many times the link was opened (each view is audit-logged). */
  views: number;
  lastViewedAt: string | null;
  /** The link itself: only for people who may manage links, and only while active. */
  url?: string;
}

export interface ShareLinkList {
  /** False for a private incident: it can never be shared. */
  shareable: boolean;
  /** Whether the caller may create and revoke links (the current commander or an admin). */
  canManage: boolean;
  items: ShareLinkView[];
}

export function shareLinkState(link: { expiresAt: Date; revokedAt: Date | null }, now: Date): ShareLinkState {
  if (link.revokedAt) return "revoked";
  return link.expiresAt.getTime() <= now.getTime() ? "expired" : "active";
}
