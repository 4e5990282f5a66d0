// Nudges: the anti-patterns a tool can spot (PRACTICES.md), computed from an
// incident's state and the clock. Pure: the server's clock tick, the dashboard
// and the incident page all run these same rules. Each nudge says when it began
// and names the action that clears it.
import type { Severity } from "./severity";
import { formatMinutes } from "./time";
import { isDue } from "./decisions";
import { unansweredHandover, type HandoverView } from "./handover";

export const NUDGE_KINDS = [
  "update_overdue",
  "no_commander",
  "commander_fatigue",
  "handover_unanswered",
  "endless_sev",
  "workstream_no_lead",
  "workstream_blocked",
  "no_decision",
  "decision_due",
  "escalation_due",
] as const;
export type NudgeKind = (typeof NUDGE_KINDS)[number];

/** What clears a nudge: the page offers it as a button. */
export type NudgeAction =
  | { kind: "post_update" }
  | { kind: "assign_commander" }
  | { kind: "hand_over" }
  | { kind: "resolve" }
  | { kind: "edit_workstream"; workstreamId: string }
  | { kind: "log_decision" }
  | { kind: "decision_outcome"; decisionId: string }
  | { kind: "escalate"; step: number };

export interface Nudge {
  /** Stable per incident: the same condition keeps the same key while it lasts. */
  key: string;
  kind: NudgeKind;
  level: "warning" | "critical";
  message: string;
  /** When the condition began (ISO). */
  since: string;
  action: NudgeAction & { label: string };
}

export interface EscalationStep {
  /** Minutes after declaration while the incident is still unresolved. */
  afterMinutes: number;
  /** Who to pull in, e.g. "platform lead". */
  pullIn: string;
}

export interface NudgeSettings {
  commanderMaxHours: number;
  endlessSevHours: number;
  workstreamBlockedMinutes: number;
  decisionWithinMinutes: number;
  /** Severities the escalation thresholds apply to. */
  escalationSeverities: Severity[];
  escalationSteps: EscalationStep[];
}

export const DEFAULT_NUDGE_SETTINGS: NudgeSettings = {
  commanderMaxHours: 4,
  endlessSevHours: 24,
  workstreamBlockedMinutes: 30,
  decisionWithinMinutes: 30,
  escalationSeverities: ["SEV0", "SEV1", "SEV2"],
  escalationSteps: [
    { afterMinutes: 15, pullIn: "the platform lead" },
    { afterMinutes: 30, pullIn: "the engineering director" },
    { afterMinutes: 45, pullIn: "the vendor bridge" },
  ],
};

/** The parts of an incident the rules read (an IncidentView fits, as do database rows). */
export interface NudgeInput {
  severity: Severity;
  status: string;
  drill?: boolean;
  declaredAt: string | Date;
  mitigatedAt: string | Date | null;
  nextUpdateDueAt: string | Date | null;
  /** Escalation steps already taken (0 = none). */
  escalationStep: number;
  commander: { handle: string; assignedAt: string | Date } | null;
  /** The commander's latest offer of command (the live view's `handover`), if any. */
  handover?: Pick<HandoverView, "status" | "to" | "decidedAt" | "reason"> | null;
  workstreams: { id: string; title: string; lead: { handle: string } | null; status: string; blockedAt: string | Date | null }[];
  decisionCount: number;
  /** Decisions with a revisit time (./decisions.ts): each nudges once its time has come. */
  decisions?: { id: string; decision: string; revisitAt: string | Date | null; rollbackTrigger?: string | null }[];
}

const MINUTE = 60_000;
const ms = (d: string | Date) => new Date(d).getTime();
const iso = (t: number) => new Date(t).toISOString();

const minutes = formatMinutes;

/** The nudges that hold for `incident` at `now`, most urgent first. Only active incidents have any. */
export function computeNudges(incident: NudgeInput, now: Date, settings: NudgeSettings = DEFAULT_NUDGE_SETTINGS): Nudge[] {
  if (incident.status !== "investigating" && incident.status !== "mitigated") return [];
  const t = now.getTime();
  const declared = ms(incident.declaredAt);
  const nudges: Nudge[] = [];

  if (incident.nextUpdateDueAt && t > ms(incident.nextUpdateDueAt)) {
    const due = ms(incident.nextUpdateDueAt);
    nudges.push({
      key: "update_overdue",
      kind: "update_overdue",
      level: "critical",
      message: `Update overdue by ${minutes(t - due)}: everyone is waiting to hear.`,
      since: iso(due),
      action: { kind: "post_update", label: "Post an update" },
    });
  }

  if (!incident.commander) {
    nudges.push({
      key: "no_commander",
      kind: "no_commander",
      level: "critical",
      message: "Nobody has the conn: assign an incident commander.",
      since: iso(declared),
      action: { kind: "assign_commander", label: "Assign a commander" },
    });
  } else {
    const limit = ms(incident.commander.assignedAt) + settings.commanderMaxHours * 60 * MINUTE;
    if (t > limit) {
      nudges.push({
        key: `commander_fatigue:${incident.commander.handle}`,
        kind: "commander_fatigue",
        level: "warning",
        message: `@${incident.commander.handle} has had the conn for ${minutes(t - ms(incident.commander.assignedAt))}: plan a handover.`,
        since: iso(limit),
        action: { kind: "hand_over", label: "Hand over" },
      });
    }
  }

  const unanswered = incident.commander ? unansweredHandover(incident.handover ?? null, now) : null;
  if (unanswered) {
    nudges.push({
      key: `handover_unanswered:${incident.handover!.to.handle}`,
      kind: "handover_unanswered",
      level: "warning",
      message: unanswered.message,
      since: unanswered.since,
      action: { kind: "hand_over", label: "Offer again" },
    });
  }

  if (incident.status === "mitigated" && incident.mitigatedAt) {
    const limit = ms(incident.mitigatedAt) + settings.endlessSevHours * 60 * MINUTE;
    if (t > limit) {
      nudges.push({
        key: "endless_sev",
        kind: "endless_sev",
        level: "warning",
        message: `Mitigated ${minutes(t - ms(incident.mitigatedAt))} ago and still not resolved: resolve it, or say what is left.`,
        since: iso(limit),
        action: { kind: "resolve", label: "Resolve" },
      });
    }
  }

  for (const w of incident.workstreams) {
    if (w.status === "done") continue;
    if (!w.lead) {
      nudges.push({
        key: `workstream_no_lead:${w.id}`,
        kind: "workstream_no_lead",
        level: "warning",
        message: `Workstream “${w.title}” has no lead: one lead, one goal.`,
        since: iso(declared),
        action: { kind: "edit_workstream", workstreamId: w.id, label: "Pick a lead" },
      });
    }
    if (w.status === "blocked" && w.blockedAt) {
      const limit = ms(w.blockedAt) + settings.workstreamBlockedMinutes * MINUTE;
      if (t > limit) {
        nudges.push({
          key: `workstream_blocked:${w.id}`,
          kind: "workstream_blocked",
          level: "warning",
          message: `Workstream “${w.title}” blocked for ${minutes(t - ms(w.blockedAt))}: unblock it or escalate.`,
          since: iso(limit),
          action: { kind: "edit_workstream", workstreamId: w.id, label: "Unblock" },
        });
      }
    }
  }

  if ((incident.severity === "SEV0" || incident.severity === "SEV1") && incident.decisionCount === 0) {
    const limit = declared + settings.decisionWithinMinutes * MINUTE;
    if (t >= limit) {
      nudges.push({
        key: "no_decision",
        kind: "no_decision",
        level: "warning",
        message: `${incident.severity} open ${minutes(t - declared)} with no decision logged: if it was decided on a call, log it.`,
        since: iso(limit),
        action: { kind: "log_decision", label: "Log a decision" },
      });
    }
  }

  for (const d of incident.decisions ?? []) {
    if (!isDue(d, now)) continue;
    nudges.push({
      key: `decision_due:${d.id}`,
      kind: "decision_due",
      level: "warning",
      message: `Time to revisit “${d.decision}”${d.rollbackTrigger ? ` (roll back if ${d.rollbackTrigger})` : ""}: kept, reversed or amended?`,
      since: new Date(d.revisitAt!).toISOString(),
      action: { kind: "decision_outcome", decisionId: d.id, label: "Record the outcome" },
    });
  }

  const step = escalationDue(incident, now, settings);
  if (step) {
    nudges.push({
      key: `escalation_due:${step.index}`,
      kind: "escalation_due",
      level: step.index >= 2 ? "critical" : "warning",
      message: `Unresolved after ${minutes(t - declared)}: pull in ${step.pullIn} (escalation step ${step.index} of ${settings.escalationSteps.length}).`,
      since: iso(declared + step.afterMinutes * MINUTE),
      action: { kind: "escalate", step: step.index, label: `Pulled in ${step.pullIn}` },
    });
  }

  const rank = (n: Nudge) => (n.level === "critical" ? 0 : 1);
  return nudges.sort((a, b) => rank(a) - rank(b) || a.since.localeCompare(b.since));
}

/**
 * The highest escalation step reached and not yet taken (1-based), or null. Drills
 * practise the same thresholds. Only incidents of the configured severities whose
 * impact is ongoing: once mitigated, the escalation clock stops.
 */
export function escalationDue(incident: Pick<NudgeInput, "severity" | "status" | "declaredAt" | "escalationStep">, now: Date, settings: NudgeSettings = DEFAULT_NUDGE_SETTINGS): (EscalationStep & { index: number }) | null {
  if (incident.status !== "investigating") return null;
  if (!settings.escalationSeverities.includes(incident.severity)) return null;
  const elapsed = now.getTime() - ms(incident.declaredAt);
  let reached = 0;
  settings.escalationSteps.forEach((s, i) => {
    if (elapsed >= s.afterMinutes * MINUTE) reached = i + 1;
  });
  if (reached === 0 || reached <= incident.escalationStep) return null;
  return { ...settings.escalationSteps[reached - 1]!, index: reached };
}
