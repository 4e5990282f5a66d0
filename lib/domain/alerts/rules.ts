// Alerts in (issue 16): the pure rules between a normalised alert and what Conn does with it — whether a delivery
// opens an alert, repeats one, or is dropped (dedup and the Events v2 lifecycle); which routing rule applies; which
// open group (incident) an alert joins; when an alert is flapping. No I/O: the ingest path reads the stored state,
// asks these, and writes the answer in one transaction.
import type { Severity } from "../severity";
import type { AlertAction, AlertSeverity, NormalizedAlert } from "./normalize";

// ─── Dedup and lifecycle ────────────────────────────────────────────────────

/** A stored alert of one identity (integration key + fingerprint/dedup key), its latest episode. */
export interface StoredAlert {
  status: "firing" | "acknowledged" | "resolved";
  /** The episode's start as the sender gave it (Alertmanager's startsAt); null when it gave none. */
  startsAt: string | null;
}

/**
 * What one delivery of one alert does:
 * - `open`: a new alert (a new episode) — routed by the rules;
 * - `repeat`: the same episode again (Alertmanager re-sends groups each group_interval and repeat_interval, and
 *   re-sends resolved alerts): only "last seen" and a counter change;
 * - `source_ack`: the sender acknowledged it (Events v2, Opsgenie) — not a human acknowledgement: escalation goes on;
 * - `resolve`: the alert ended;
 * - `drop`: nothing to act on (acknowledging or resolving an unknown or resolved alert; a late copy of an episode
 *   already resolved) — answered 202 and logged, never refused.
 */
export type AlertTransition = "open" | "repeat" | "source_ack" | "resolve" | "drop";

export function alertTransition(stored: StoredAlert | null, action: AlertAction, startsAt: string | null): AlertTransition {
  const live = stored !== null && stored.status !== "resolved";
  if (action === "trigger") {
    if (live) return "repeat";
    // The same episode as the one resolved, delivered late (or re-sent): it does not open it again.
    if (stored && startsAt !== null && stored.startsAt === startsAt) return "drop";
    return "open";
  }
  if (action === "acknowledge") return live ? (stored.status === "acknowledged" ? "repeat" : "source_ack") : "drop";
  // resolve
  if (live) return "resolve";
  return stored ? "repeat" : "drop";
}

// ─── Routing rules ──────────────────────────────────────────────────────────

export const ROUTE_ACTIONS = ["open", "page", "record", "drop"] as const;

/** What each action does, in the words the service page and the rule tester use. */
export const ROUTE_ACTION_WORDS: Record<(typeof ROUTE_ACTIONS)[number], string> = {
  open: "opens an incident",
  page: "pages the on-call, no incident (joins one already open)",
  record: "is recorded",
  drop: "is dropped",
};
/** open: an incident, and its service's escalation pages; page: the escalation pages, no incident; record: kept, shown; drop: kept as dropped. */
export type RouteAction = (typeof ROUTE_ACTIONS)[number];

/** A label condition, as Alertmanager writes matchers: `env=prod`, `env!=dev`. */
export interface LabelMatcher {
  label: string;
  op: "=" | "!=";
  value: string;
}

export interface RoutingRule {
  id: string;
  /** Severities this rule takes; empty or absent = any. */
  severities?: readonly AlertSeverity[];
  /** Every matcher must hold. */
  matchers?: readonly LabelMatcher[];
  action: RouteAction;
  /** The incident's severity when the rule opens one. */
  incidentSeverity?: Severity;
  /** Wait this long (0–900 s) before acting: an alert resolved within it opens and pages nothing (transient). */
  holdSeconds?: number;
}

export interface Route {
  /** The rule that matched, or null for the defaults. */
  ruleId: string | null;
  action: RouteAction;
  incidentSeverity: Severity;
  holdSeconds: number;
}

/** With no rule matching: critical opens (SEV2), error pages, warning and info are recorded. */
export const DEFAULT_ROUTES: Record<AlertSeverity, { action: RouteAction; incidentSeverity: Severity }> = {
  critical: { action: "open", incidentSeverity: "SEV2" },
  error: { action: "page", incidentSeverity: "SEV3" },
  warning: { action: "record", incidentSeverity: "SEV3" },
  info: { action: "record", incidentSeverity: "SEV4" },
};

/** Parses `env=prod` or `env!=dev` (whitespace around the parts ignored); null when it is neither. */
export function parseMatcher(text: string): LabelMatcher | null {
  const m = /^\s*([A-Za-z_][A-Za-z0-9_.:-]*)\s*(!=|=)\s*"?(.*?)"?\s*$/.exec(text);
  return m ? { label: m[1]!, op: m[2] as LabelMatcher["op"], value: m[3]! } : null;
}

export function matches(rule: RoutingRule, alert: Pick<NormalizedAlert, "severity" | "labels">): boolean {
  if (rule.severities?.length && !rule.severities.includes(alert.severity)) return false;
  // A missing label is the empty value, as in Alertmanager: `env!=prod` holds for an alert with no env.
  return (rule.matchers ?? []).every((m) => ((alert.labels[m.label] ?? "") === m.value) === (m.op === "="));
}

/** The first rule (in order) that matches, else the default for the alert's severity. */
export function routeAlert(rules: readonly RoutingRule[], alert: Pick<NormalizedAlert, "severity" | "labels">): Route {
  const rule = rules.find((r) => matches(r, alert));
  const fallback = DEFAULT_ROUTES[alert.severity];
  if (!rule) return { ruleId: null, action: fallback.action, incidentSeverity: fallback.incidentSeverity, holdSeconds: 0 };
  return { ruleId: rule.id, action: rule.action, incidentSeverity: rule.incidentSeverity ?? fallback.incidentSeverity, holdSeconds: Math.min(900, Math.max(0, rule.holdSeconds ?? 0)) };
}

// ─── Grouping ───────────────────────────────────────────────────────────────

export const DEFAULT_GROUP_WINDOW_MS = 30 * 60_000;
export const MAX_GROUP_SPAN_MS = 24 * 60 * 60_000;

/**
 * The group an alert that would open an incident falls in, per service: the values of the service's grouping labels
 * (`alertname`, `cluster`) when it has some, else one group for the whole service — one outage, one incident.
 * Alertmanager's and Grafana's own `groupKey` is stronger still: alerts of a groupKey already on an open incident
 * join that incident whatever their labels (the ingest path looks that up first).
 */
export function groupingKey(alert: Pick<NormalizedAlert, "labels">, groupingLabels: readonly string[]): string {
  if (groupingLabels.length === 0) return "service";
  return `labels:${groupingLabels.map((l) => `${l}=${JSON.stringify(alert.labels[l] ?? "")}`).join(",")}`;
}

/** An open group of a service: the incident alerts join while its window lasts. */
export interface OpenGroup {
  openedAt: Date;
  /** When the last alert joined (each one extends the window). */
  lastAlertAt: Date;
  /** An incident a person declared takes the service's alerts as long as it is open, whatever the window. */
  humanDeclared: boolean;
}

/**
 * Whether an alert arriving at `now` joins the group: within the window since the group's last alert, and no more
 * than 24 h after the group opened; a human-declared incident on the service takes them while it is open.
 */
export function joinsGroup(group: OpenGroup, now: Date, windowMs = DEFAULT_GROUP_WINDOW_MS): boolean {
  if (group.humanDeclared) return true;
  const t = now.getTime();
  return t - group.lastAlertAt.getTime() <= windowMs && t - group.openedAt.getTime() <= MAX_GROUP_SPAN_MS;
}

// ─── Re-firing and flapping ─────────────────────────────────────────────────

export const REFIRE_REJOIN_MS = 10 * 60_000;
export const FLAP_WINDOW_MS = 30 * 60_000;
export const FLAP_TRANSITIONS = 3;

/** An alert firing again within 10 minutes of resolving rejoins its incident without a new page. */
export function rejoinsAfterResolve(resolvedAt: Date, now: Date): boolean {
  return now.getTime() - resolvedAt.getTime() <= REFIRE_REJOIN_MS;
}

/** Three firing/resolved transitions within 30 minutes: flapping (no more timeline entries for it). */
export function isFlapping(transitions: readonly Date[], now: Date): boolean {
  const since = now.getTime() - FLAP_WINDOW_MS;
  return transitions.filter((t) => t.getTime() >= since && t.getTime() <= now.getTime()).length >= FLAP_TRANSITIONS;
}

// ─── Timeline coalescing ────────────────────────────────────────────────────

export const ALERT_ENTRY_COALESCE_MS = 30_000;
export const ALERT_ENTRY_SUMMARIES = 20;

/** At most one `alert` entry per incident per 30 s: a delivery within that of the last entry adds to it. */
export function coalescesInto(lastEntryAt: Date | null, now: Date): boolean {
  return lastEntryAt !== null && now.getTime() - lastEntryAt.getTime() < ALERT_ENTRY_COALESCE_MS;
}
