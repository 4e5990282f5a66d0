// Pages at the API boundary: query and body schemas (route handlers, OpenAPI).
import { z } from "zod";
import { tooLong } from "./input";

const flag = z
  .enum(["true", "false", "1", "0"], { error: "Must be true or false" })
  .transform((v) => v === "true" || v === "1");

export const pageListQuerySchema = z.object({
  /** `me` (default): pages sent to you; `all`: every page you can see. */
  user: z.enum(["me", "all"], { error: "Must be me or all" }).default("me"),
  /** Only pages still waiting for an answer. */
  open: flag.optional(),
  incident: z.string().regex(/^INC-\d{1,9}$/i, "Must look like INC-123").optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type PageListQuery = z.infer<typeof pageListQuerySchema>;

export const pageNoteSchema = z.object({ body: z.string().trim().min(1, "Required").max(2000, tooLong(2000)) }).strict();

/** `POST /api/v1/incidents/{ref}/pages`: page one person now (handle or email), with why they are needed. */
export const pagePersonSchema = z
  .object({
    user: z.string().trim().toLowerCase().min(1, "Say who to page").max(320),
    note: z.string().trim().max(500, tooLong(500)).optional(),
  })
  .strict();
export type PagePersonInput = z.infer<typeof pagePersonSchema>;

/** A page to one person repeats this often until they answer, this many times in all. */
export const PERSON_PAGE_DELAY_MINUTES = 5;
export const PERSON_PAGE_TRIES = 3;

export const channelCreateSchema = z
  .object({
    name: z.string().trim().min(1, "Required").max(80, tooLong(80)),
    url: z
      .url({ protocol: /^https?$/, error: "Must be an http(s) URL, e.g. a Slack incoming webhook" })
      .max(2000, tooLong(2000)),
    enabled: z.boolean().default(true),
  })
  .strict();
export type ChannelCreateInput = z.infer<typeof channelCreateSchema>;
export const channelPatchSchema = z.object({ name: channelCreateSchema.shape.name.optional(), enabled: z.boolean().optional() }).strict();

/** A webhook URL is a secret (a Slack URL is its own credential): shown as its origin and a hint of its end. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    const tail = u.pathname.length > 4 ? u.pathname.slice(-4) : "";
    return `${u.protocol}//${u.host}/…${tail}`;
  } catch {
    return "(invalid URL)";
  }
}

/**
 * Why a "page only" alert woke someone, in the words of the page itself (the red bar, the webhook message): which
 * service, how severe, what the sender said. No incident was opened, so there is no ref.
 */
export function alertPageReason(alert: { serviceName: string; severity: string; summary: string }): string {
  const summary = alert.summary.trim() || "an alert with no summary";
  return `${alert.serviceName} ${alert.severity} alert: ${summary}`.slice(0, 500);
}

// ─── Wire shapes ───────────────────────────────────────────────────────────

export interface PageDto {
  id: string;
  incident: { ref: string; title: string; severity: string; status: string; private: boolean } | null;
  user: { handle: string; name: string };
  reason: string;
  step: number;
  round: number;
  /** How the person was chosen: `{ kind: "schedule", id, name }` or `{ kind: "user" }`. */
  via: unknown;
  createdAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: { handle: string; name: string } | null;
  /** Unacknowledged, and its escalation is still running: the person should answer. */
  open: boolean;
  escalation: { id: string; policy: string; status: string; escalatesAt: string | null } | null;
  /**
   * A "page only" rule's page (no incident): the alerts it pages for — the first one's summary, severity, status and
   * links, the service, and how many alerts it holds and how many still fire. Null for an incident's page.
   */
  alert: {
    id: string;
    summary: string;
    severity: string;
    status: string;
    service: { key: string; name: string };
    alerts: number;
    firing: number;
    links: { label: string; url: string }[];
    alertIds: string[];
  } | null;
  notes: { id: string; body: string; at: string; actorKind: string; author: { handle: string; name: string } | null }[];
  deliveries: unknown;
}

export interface EscalationDto {
  id: string;
  policy: string;
  services: string[];
  status: string;
  step: number;
  round: number;
  escalatesAt: string | null;
  startedAt: string;
  endedAt: string | null;
  endedReason: string | null;
  pages: PageDto[];
}

export interface IncidentPagingDto {
  escalations: EscalationDto[];
}

/** "via Payments primary (on call)" or "named in the policy". */
export function describeVia(via: unknown): string {
  if (via && typeof via === "object" && (via as { kind?: unknown }).kind === "schedule") {
    const name = (via as { name?: unknown }).name;
    return typeof name === "string" ? `on call for ${name}` : "on call";
  }
  return "named in the policy";
}
