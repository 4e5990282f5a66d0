// Incident lifecycle: investigating → mitigated → resolved → closed.
// A resolved or closed incident may be reopened (it keeps its history); closing
// needs resolution first, and resolving needs every resolution criterion confirmed.

export const INCIDENT_STATUSES = ["investigating", "mitigated", "resolved", "closed"] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

const ALLOWED: Record<IncidentStatus, readonly IncidentStatus[]> = {
  investigating: ["mitigated", "resolved"],
  mitigated: ["investigating", "resolved"],
  resolved: ["investigating", "closed"], // reopen, or close after review
  closed: ["investigating"], // reopen: the same problem came back
};

export type TransitionCheck =
  | { ok: true }
  | { ok: false; reason: "SAME_STATUS" | "NOT_ALLOWED"; message: string };

export function checkTransition(from: IncidentStatus, to: IncidentStatus): TransitionCheck {
  if (from === to) return { ok: false, reason: "SAME_STATUS", message: `The incident is already ${from}.` };
  if (!ALLOWED[from].includes(to)) {
    const hint =
      to === "closed" ? " Resolve it first: closing needs resolution." : from === "closed" ? " Reopen it first." : "";
    return { ok: false, reason: "NOT_ALLOWED", message: `Cannot go from ${from} to ${to}.${hint}` };
  }
  return { ok: true };
}

export function allowedTransitions(from: IncidentStatus): readonly IncidentStatus[] {
  return ALLOWED[from];
}

/**
 * The one thing the page offers as the filled button in each state: while investigating the commander's job is the
 * next update; once mitigated, resolving; once resolved, the postmortem. A closed incident has none.
 */
export type PrimaryAction = "post_update" | "resolve" | "start_postmortem" | null;
export function primaryAction(status: IncidentStatus): PrimaryAction {
  return status === "investigating" ? "post_update" : status === "mitigated" ? "resolve" : status === "resolved" ? "start_postmortem" : null;
}

/** The update that goes with mitigating or resolving, as first written for the commander to correct. */
export const STATUS_UPDATE_DRAFT: Partial<Record<IncidentStatus, string>> = {
  mitigated: "Mitigated: the impact has stopped for users; we are watching for a recurrence.",
  resolved: "Resolved: service is back to normal for all users.",
};

type Instant = Date | string;
const ms = (t: Instant) => (typeof t === "string" ? Date.parse(t) : t.getTime());

/**
 * Where an incident's clock starts: when the impact started, if known and not in the future (input refuses a future
 * start; a stored one never shows as an age), else when it was declared.
 */
export function impactStart(i: { startedAt: Instant | null; declaredAt: Instant }, now: Instant): number {
  const started = i.startedAt === null ? null : ms(i.startedAt);
  return started !== null && started <= ms(now) ? started : ms(i.declaredAt);
}

/** "Open for" / "lasted", in ms: from the impact's start to resolution (else now). Never negative. The one every page uses. */
export function openForMs(i: { startedAt: Instant | null; declaredAt: Instant; resolvedAt: Instant | null }, now: Instant): number {
  const end = i.resolvedAt === null ? ms(now) : ms(i.resolvedAt);
  return Math.max(0, end - impactStart(i, now));
}

export function isActive(status: IncidentStatus): boolean {
  return status === "investigating" || status === "mitigated";
}

export interface LifecycleTimestamps {
  mitigatedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
}

/**
 * The lifecycle timestamps after moving to `to` at `now`. Going forward sets the
 * step's time (and a skipped mitigation is mitigated at resolution); reopening
 * clears the times of steps no longer reached, the timeline keeps the history.
 */
export function timestampsAfter(to: IncidentStatus, current: LifecycleTimestamps, now: Date): LifecycleTimestamps {
  switch (to) {
    case "investigating":
      return { mitigatedAt: null, resolvedAt: null, closedAt: null };
    case "mitigated":
      return { mitigatedAt: now, resolvedAt: null, closedAt: null };
    case "resolved":
      return { mitigatedAt: current.mitigatedAt ?? now, resolvedAt: now, closedAt: null };
    case "closed":
      // Only the three times: `current` may be a whole incident row, and these are what the caller writes.
      return { mitigatedAt: current.mitigatedAt, resolvedAt: current.resolvedAt, closedAt: now };
  }
}

/** Resolution criteria (PRACTICES.md "Ending"): confirmed before resolving. */
export const RESOLUTION_CRITERIA = {
  servicesRestored: "All affected services restored: the root-cause service and its dependents",
  customerImpactEnded: "Customer impact has ended",
  metricsNormal: "Metrics are back to normal, no alerts firing",
  noResidualIssue: "No known residual issue",
} as const;
export type ResolutionCriterion = keyof typeof RESOLUTION_CRITERIA;

/**
 * The criteria not confirmed in a resolve request: every one must be `true`.
 * The page ticks them; the API asks the same of every caller, integrations included.
 */
export function unconfirmedCriteria(resolution: Partial<Record<string, boolean | undefined>> | undefined): ResolutionCriterion[] {
  return (Object.keys(RESOLUTION_CRITERIA) as ResolutionCriterion[]).filter((key) => resolution?.[key] !== true);
}

/** The recovery checklist that follows resolution, then the all-clear. */
export const RECOVERY_CHECKLIST = {
  servicesVerified: "Verify the services",
  dataConsistent: "Confirm data consistency",
  mitigationsRemoved: "Remove temporary mitigations (flags, throttles)",
  alertingRestored: "Restore normal alerting",
  evidencePreserved: "Preserve logs and evidence",
  stakeholdersNotified: "Notify stakeholders: the all-clear",
  reviewScheduled: "Schedule the review",
} as const;
export type RecoveryItem = keyof typeof RECOVERY_CHECKLIST;

