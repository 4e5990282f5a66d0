// Alerts in (issue 16): what monitoring tools post, unchanged, read into one shape.
//
// Each sender keeps its own payload: Prometheus Alertmanager's webhook (version 4), Grafana's webhook contact point
// (the same plus title, state, message and per-alert values), PagerDuty's Events API v2 and Opsgenie's create-alert
// body. The schemas check what Conn reads and keep every field they do not name (a newer sender, an older reader);
// the raw body is stored beside the result by the caller. Formats were read from the senders' own documentation and
// tests (fixtures/SOURCES.md), not from memory.
//
// Facts the senders taught us:
// - Alertmanager: the per-alert `status` is the truth (one group mixes firing and resolved alerts); `endsAt`
//   `0001-01-01T00:00:00Z` means no end; times carry nanoseconds and offsets; `fingerprint` (and `groupKey`,
//   `version`) are missing from old or minimal senders, and `annotations` may be null.
// - Events v2: `dedup_key` ≤ 255, `payload.summary` ≤ 1024, severity critical/error/warning/info, timestamps like
//   `2015-07-17T08:42:58.315+0000`; acknowledge and resolve carry no payload.
// - Opsgenie: `message` required (≤ 130), `alias` ≤ 512 is the dedup key, priority P1–P5 (P3 when absent).
import { DateTime } from "luxon";
import { z } from "zod";

/** The senders whose payloads Conn reads (and the tester takes). */
export const ALERT_SOURCES = ["alertmanager", "grafana", "events_v2", "opsgenie", "generic"] as const;
/** Where an alert came from: a sender, or one of Conn's own heartbeats going silent (./heartbeats.ts). */
export type AlertSource = (typeof ALERT_SOURCES)[number] | "heartbeat";

/** Normalised severity, PagerDuty's four (the widest common vocabulary). */
export const ALERT_SEVERITIES = ["critical", "error", "warning", "info"] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** What a delivery asks of one alert: Alertmanager and Grafana say firing/resolved, Events v2 and Opsgenie say more. */
export type AlertAction = "trigger" | "acknowledge" | "resolve";

export interface AlertLink {
  label: string;
  url: string;
}

export interface NormalizedAlert {
  source: AlertSource;
  /** Who this alert is, within its integration key: a fingerprint, a dedup key or alias, or its labels. */
  identity: string;
  identityFrom: "fingerprint" | "dedup_key" | "alias" | "labels";
  action: AlertAction;
  summary: string;
  severity: AlertSeverity;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** ISO instants in UTC; null when the sender gave none (or Alertmanager's zero time). */
  startsAt: string | null;
  endsAt: string | null;
  /** Alertmanager's and Grafana's group: alerts of one group share an incident. */
  groupKey: string | null;
  links: AlertLink[];
  /** Sender-specific details worth showing (Events v2 custom_details, Opsgenie details, Grafana values). */
  details: Record<string, unknown>;
}

// ─── Shared pieces ──────────────────────────────────────────────────────────

const ZERO_TIME = /^0001-01-01T00:00:00(\.0+)?Z$/;

/** An RFC 3339 / ISO 8601 instant as senders write it (nanoseconds, `+0000`), in UTC with milliseconds; null for none. */
export function parseAlertTime(value: string | null | undefined): string | null {
  if (!value || ZERO_TIME.test(value)) return null;
  // Luxon reads at most milliseconds: drop the digits past them (Go writes nanoseconds).
  const trimmed = value.replace(/(\.\d{3})\d+/, "$1");
  const parsed = DateTime.fromISO(trimmed, { setZone: true });
  if (parsed.isValid) return parsed.toUTC().toISO();
  const rfc2822ish = DateTime.fromFormat(trimmed, "yyyy-MM-dd'T'HH:mm:ss.SSSZZZ", { setZone: true });
  return rfc2822ish.isValid ? rfc2822ish.toUTC().toISO() : null;
}

/** An instant as senders write it (RFC 3339, nanoseconds, `+0000`, or Alertmanager's zero time). */
export const instant = z.string().max(64).refine((v) => ZERO_TIME.test(v) || parseAlertTime(v) !== null, "Must be an RFC 3339 date and time");

/** A label or annotation map: string values (Alertmanager's are); null is an empty map (Alertmanager's toJson). */
const stringMap = z
  .record(z.string().max(1024), z.string().max(65_536))
  .nullish()
  .transform((m) => m ?? {});

/**
 * An alert's identity from its labels when the sender sent no fingerprint: the sorted label set, as Alertmanager
 * writes one (`{alertname="X", env="prod"}`). Never the summary text: two alerts with one summary stay two.
 */
export function labelIdentity(labels: Record<string, string>): string {
  const pairs = Object.keys(labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`);
  return `{${pairs.join(", ")}}`;
}

const SEVERITY_WORDS: Record<string, AlertSeverity> = {
  critical: "critical",
  crit: "critical",
  page: "critical",
  emergency: "critical",
  fatal: "critical",
  p1: "critical",
  sev0: "critical",
  sev1: "critical",
  error: "error",
  err: "error",
  high: "error",
  major: "error",
  p2: "error",
  sev2: "error",
  warning: "warning",
  warn: "warning",
  medium: "warning",
  minor: "warning",
  p3: "warning",
  sev3: "warning",
  info: "info",
  informational: "info",
  low: "info",
  none: "info",
  ok: "info",
  p4: "info",
  p5: "info",
  sev4: "info",
};

/** A sender's severity word in Conn's four; what nobody said is a warning (recorded, not paged, by default). */
export function normalizeSeverity(value: unknown, fallback: AlertSeverity = "warning"): AlertSeverity {
  if (typeof value !== "string") return fallback;
  return SEVERITY_WORDS[value.trim().toLowerCase()] ?? fallback;
}

/** The entries that hold text. */
function presentOnly(entries: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(entries)) if (v) out[k] = v;
  return out;
}

export const link = (label: string, url: unknown): AlertLink[] => (typeof url === "string" && /^https?:\/\//i.test(url) ? [{ label, url }] : []);

// ─── Alertmanager and Grafana ───────────────────────────────────────────────

const webhookAlertSchema = z.looseObject({
  status: z.enum(["firing", "resolved"]),
  labels: stringMap,
  annotations: stringMap,
  startsAt: instant.optional(),
  endsAt: instant.optional(),
  generatorURL: z.string().max(8192).optional(),
  fingerprint: z.string().max(255).optional(),
  // Grafana's
  silenceURL: z.string().max(8192).optional(),
  dashboardURL: z.string().max(8192).optional(),
  panelURL: z.string().max(8192).optional(),
  values: z.record(z.string(), z.unknown()).nullish(),
  valueString: z.string().max(65_536).optional(),
});

/** Alertmanager's webhook body (version 4); Grafana's contact point sends the same with more. */
export const alertmanagerWebhookSchema = z.looseObject({
  version: z.string().max(16).optional(),
  groupKey: z.string().max(65_536).optional(),
  truncatedAlerts: z.number().int().min(0).optional(),
  status: z.enum(["firing", "resolved"]).optional(),
  receiver: z.string().max(1024).optional(),
  groupLabels: stringMap,
  commonLabels: stringMap,
  commonAnnotations: stringMap,
  externalURL: z.string().max(8192).optional(),
  alerts: z.array(webhookAlertSchema).min(1, "Send at least one alert").max(10_000),
  // Grafana's
  orgId: z.number().optional(),
  title: z.string().max(65_536).optional(),
  state: z.string().max(64).optional(),
  message: z.string().max(1_000_000).optional(),
});
export type AlertmanagerWebhook = z.infer<typeof alertmanagerWebhookSchema>;

const SUMMARY_MAX = 1024;
const clip = (text: string, max = SUMMARY_MAX) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function normalizeAlertmanager(body: AlertmanagerWebhook, source: "alertmanager" | "grafana" = "alertmanager"): NormalizedAlert[] {
  const groupKey = body.groupKey ?? null;
  return body.alerts.map((alert) => {
    const labels = { ...body.commonLabels, ...alert.labels };
    const annotations = { ...body.commonAnnotations, ...alert.annotations };
    const summary =
      annotations.summary || annotations.title || annotations.message || annotations.description || (labels.alertname ? `${labels.alertname}${labels.instance ? ` on ${labels.instance}` : ""}` : "") || body.title || "Alert";
    const fingerprint = alert.fingerprint?.trim();
    return {
      source,
      identity: fingerprint || labelIdentity(labels),
      identityFrom: fingerprint ? "fingerprint" : "labels",
      action: alert.status === "firing" ? "trigger" : "resolve",
      summary: clip(summary),
      severity: normalizeSeverity(labels.severity ?? labels.priority),
      labels,
      annotations,
      startsAt: parseAlertTime(alert.startsAt),
      endsAt: parseAlertTime(alert.endsAt),
      groupKey,
      links: [
        ...link("Source", alert.generatorURL),
        ...link("Runbook", annotations.runbook_url),
        ...link("Dashboard", alert.dashboardURL),
        ...link("Panel", alert.panelURL),
        ...link("Silence", alert.silenceURL),
      ],
      details: alert.values ? { values: alert.values } : {},
    } satisfies NormalizedAlert;
  });
}

// ─── PagerDuty Events API v2 ────────────────────────────────────────────────

export const eventsV2Link = z.looseObject({ href: z.string().max(8192), text: z.string().max(1024).optional() });

/** One Events v2 event. `routing_key` is the integration key (the caller checks it); trigger needs a payload. */
export const eventsV2Schema = z
  .looseObject({
    routing_key: z.string().min(1, "routing_key is required").max(255),
    event_action: z.enum(["trigger", "acknowledge", "resolve"], { error: "event_action must be trigger, acknowledge or resolve" }),
    dedup_key: z.string().min(1).max(255, "dedup_key is at most 255 characters").optional(),
    payload: z
      .looseObject({
        summary: z.string().min(1, "payload.summary is required").max(1024, "payload.summary is at most 1024 characters"),
        source: z.string().min(1, "payload.source is required").max(1024),
        severity: z.enum(ALERT_SEVERITIES, { error: "payload.severity must be critical, error, warning or info" }),
        timestamp: instant.optional(),
        component: z.string().max(1024).optional(),
        group: z.string().max(1024).optional(),
        class: z.string().max(1024).optional(),
        custom_details: z.unknown().optional(),
      })
      .optional(),
    client: z.string().max(1024).optional(),
    client_url: z.string().max(8192).optional(),
    links: z.array(eventsV2Link).max(100).optional(),
    images: z.array(z.unknown()).max(100).optional(),
  })
  .superRefine((event, ctx) => {
    if (event.event_action === "trigger" && !event.payload) ctx.addIssue({ code: "custom", path: ["payload"], message: "payload is required for a trigger" });
    if (event.event_action !== "trigger" && !event.dedup_key) ctx.addIssue({ code: "custom", path: ["dedup_key"], message: `dedup_key is required to ${event.event_action}` });
  });
export type EventsV2Event = z.infer<typeof eventsV2Schema>;

/** An Events v2 event as one alert; `newKey` names a trigger sent without a dedup key (PagerDuty makes one up). */
export function normalizeEventV2(event: EventsV2Event, newKey: () => string): NormalizedAlert {
  const p = event.payload;
  const details = p?.custom_details;
  return {
    source: "events_v2",
    identity: event.dedup_key ?? newKey(),
    identityFrom: "dedup_key",
    action: event.event_action,
    summary: clip(p?.summary ?? event.dedup_key ?? "Alert"),
    severity: p ? p.severity : "warning",
    labels: presentOnly({ source: p?.source, component: p?.component, group: p?.group, class: p?.class }),
    annotations: {},
    startsAt: parseAlertTime(p?.timestamp),
    endsAt: null,
    groupKey: null,
    links: [...(event.links ?? []).flatMap((l) => link(l.text || "Link", l.href)), ...link(event.client || "Source", event.client_url)],
    details: details === undefined ? {} : typeof details === "object" && details !== null && !Array.isArray(details) ? (details as Record<string, unknown>) : { details },
  };
}

/** Events v2's 400 answer lists its errors as sentences; ours name the field, as PagerDuty's do. */
export function eventsV2Errors(error: z.ZodError): string[] {
  return error.issues.map((i) => (i.message.includes(String(i.path.at(-1) ?? "")) || i.path.length === 0 ? i.message : `${i.path.join(".")}: ${i.message}`));
}

// ─── Opsgenie ───────────────────────────────────────────────────────────────

const upTo = (max: number) =>
  z
    .string()
    .transform((text) => text.slice(0, max))
    .optional();

/** Opsgenie's create-alert body (`POST /v2/alerts`). */
export const opsgenieCreateSchema = z.looseObject({
  // Counted in characters (code points), as Alertmanager truncates it to 130 runes: an emoji is one, not two.
  message: z
    .string()
    .trim()
    .min(1, "message is required")
    .refine((m) => [...m].length <= 130, "message is at most 130 characters"),
  alias: z.string().min(1).max(512, "alias is at most 512 characters").optional(),
  // Past Opsgenie's limits the rest is cut, not refused: the sender would drop a refused alert over its source text.
  description: upTo(15_000),
  responders: z.array(z.unknown()).optional(),
  visibleTo: z.array(z.unknown()).optional(),
  actions: z.array(z.string()).optional(),
  tags: z
    .array(z.string())
    .transform((tags) => tags.slice(0, 20).map((t) => t.slice(0, 50)))
    .optional(),
  details: z.record(z.string(), z.unknown()).optional(),
  entity: upTo(512),
  source: upTo(100),
  priority: z.enum(["P1", "P2", "P3", "P4", "P5"]).optional(),
  user: upTo(100),
  note: upTo(25_000),
});
export type OpsgenieCreate = z.infer<typeof opsgenieCreateSchema>;

/** Opsgenie's close and acknowledge bodies: all optional. */
export const opsgenieActionSchema = z.looseObject({ user: upTo(100), source: upTo(100), note: upTo(25_000) });

/** Opsgenie's `tags` as labels: `key:value` tags become labels, the rest are labelled `tag=true`-style by name. */
function tagLabels(tags: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const tag of tags ?? []) {
    const at = tag.indexOf(":");
    if (at > 0) out[tag.slice(0, at).trim()] = tag.slice(at + 1).trim();
    else out[`tag:${tag}`] = "true";
  }
  return out;
}

/** Details that are text, as labels: Alertmanager's Opsgenie notifier sends the group's common labels there. */
function textDetails(details: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(details ?? {})) if (typeof v === "string" && k.length <= 100 && v.length <= 1000) out[k] = v;
  return out;
}

/**
 * A create-alert body as one alert. Without an alias Opsgenie dedups nothing: each create is its own alert. Labels
 * come from text details, then tags, entity and source (later ones win), so rules on `env=prod` work whichever the
 * sender used.
 */
export function normalizeOpsgenie(body: OpsgenieCreate, newKey: () => string): NormalizedAlert {
  const labels = {
    ...textDetails(body.details),
    ...tagLabels(body.tags),
    ...(body.entity ? { entity: body.entity } : {}),
    ...(body.source ? { source: body.source } : {}),
  };
  return {
    source: "opsgenie",
    identity: body.alias ?? newKey(),
    identityFrom: "alias",
    action: "trigger",
    summary: body.message,
    severity: normalizeSeverity(body.priority ?? "P3"),
    labels,
    annotations: body.description ? { description: body.description } : {},
    startsAt: null,
    endsAt: null,
    groupKey: null,
    links: [],
    details: body.details ?? {},
  };
}

/** Opsgenie's `identifierType`: Conn knows its alerts by alias only (the id and tiny id are Opsgenie's own). */
export const opsgenieIdentifierSchema = z.object({
  identifier: z.string().min(1).max(512, "the alias is at most 512 characters"),
  identifierType: z.literal("alias", "identifierType must be alias: Conn finds Opsgenie-style alerts by their alias"),
});

/** `close` or `acknowledge` of the alert with this alias: the source's word, as Events v2's resolve and acknowledge. */
export function normalizeOpsgenieAction(alias: string, action: "close" | "acknowledge"): NormalizedAlert {
  return {
    source: "opsgenie",
    identity: alias,
    identityFrom: "alias",
    action: action === "close" ? "resolve" : "acknowledge",
    summary: clip(alias),
    severity: "warning",
    labels: {},
    annotations: {},
    startsAt: null,
    endsAt: null,
    groupKey: null,
    links: [],
    details: {},
  };
}
