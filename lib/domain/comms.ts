// Comms templates: a draft per audience from what the incident already knows
// (the latest CAN update, severity and impact, status, services, next update).
// People edit a draft before posting it as an update; nothing is sent by itself.
import type { IncidentView } from "./incident-view";
import { SEVERITY_LEVELS } from "./severity";
import { formatAbsolute } from "./time";

export const COMMS_AUDIENCES = ["internal", "exec", "public"] as const;
export type CommsAudience = (typeof COMMS_AUDIENCES)[number];

export const COMMS_LABELS: Record<CommsAudience, string> = {
  internal: "Internal update",
  exec: "Exec briefing",
  public: "Public status text",
};

export interface CommsDraft {
  audience: CommsAudience;
  /** CAN fields, to post as an update for this audience. */
  condition: string;
  action: string;
  need: string;
  /** The whole text, for copying into chat, email or a status page. */
  text: string;
}

function publicCondition(status: string, services: string): string {
  const what = services || "some of our services";
  if (status === "mitigated") return `A fix has been applied for the issue affecting ${what}, and we are monitoring the results.`;
  if (status === "resolved" || status === "closed") return `The issue affecting ${what} has been resolved.`;
  return `We are investigating an issue affecting ${what}.`;
}

function when(iso: string | null, timeZone: string): string | null {
  return iso ? formatAbsolute(new Date(iso), timeZone) : null;
}

/** Drafts for every audience. `timeZone` formats the times (the reader's zone; UTC for public text). */
export function commsDrafts(view: IncidentView, opts: { timeZone?: string } = {}): Record<CommsAudience, CommsDraft> {
  const zone = opts.timeZone ?? "UTC";
  const level = SEVERITY_LEVELS[view.severity];
  const latest = view.latestUpdate;
  const services = view.services.map((s) => s.name).join(", ");
  const next = when(view.nextUpdateDueAt, zone);
  const nextUtc = when(view.nextUpdateDueAt, "UTC");
  const since = when(view.startedAt ?? view.declaredAt, zone);
  const eta = latest?.eta ? when(latest.eta, zone) : null;

  const condition = latest?.condition ?? `${view.title}. ${level.impact}.`;
  const action = latest?.action ?? "Responders are investigating.";
  const need = latest?.need ?? "";

  const internal: CommsDraft = {
    audience: "internal",
    condition: `${view.ref} (${view.severity}, ${view.status}): ${condition}`,
    action,
    need,
    text: [
      `${view.ref} – ${view.title}`,
      `Severity ${view.severity} (${level.label}): ${level.impact}. Status: ${view.status}. Since ${since}.`,
      services && `Affected: ${services}.`,
      `Condition: ${condition}`,
      `Action: ${action}`,
      need && `Need: ${need}`,
      eta && `Expected recovery: ${eta}.`,
      next ? `Next update by ${next}.` : "No further update planned.",
    ]
      .filter(Boolean)
      .join("\n"),
  };

  const exec: CommsDraft = {
    audience: "exec",
    condition: `${level.label} incident (${view.severity}): ${condition}`,
    action,
    need: need || "No decision needed from you right now.",
    text: [
      `${view.ref}: ${view.title}`,
      `Business impact: ${level.impact}${services ? ` — ${services}` : ""}.`,
      `Where we are: ${view.status}. ${action}`,
      `Decision needed from you: ${need || "none right now"}.`,
      eta ? `Expected recovery: ${eta}.` : "Expected recovery: not yet known.",
      next ? `Next briefing by ${next}.` : "",
    ]
      .filter(Boolean)
      .join("\n"),
  };

  const pubCondition = publicCondition(view.status, services);
  const pub: CommsDraft = {
    audience: "public",
    condition: pubCondition,
    action: view.status === "resolved" || view.status === "closed" ? "Service has been restored. We will share what we learn." : "Our engineers are working on it.",
    need: "",
    text: [
      pubCondition,
      view.status === "resolved" || view.status === "closed" ? "Service has been restored. Thank you for your patience." : "Our engineers are working on it.",
      nextUtc && view.status !== "resolved" && view.status !== "closed" ? `We will post another update by ${nextUtc}.` : "",
    ]
      .filter(Boolean)
      .join(" "),
  };

  return { internal, exec, public: pub };
}
