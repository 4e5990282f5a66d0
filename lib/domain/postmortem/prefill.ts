// The first draft of a postmortem's sections, in Markdown: from what the incident
// already recorded (its live view and timeline), or, for a review with no incident,
// the questions it asks. Pure: no I/O.
import { stillOpen, type IncidentView } from "../incident-view";
import { SEVERITY_LEVELS } from "../severity";
import { formatDuration } from "../time";
import { TAKE_REASON_WORDS } from "../handover";
import { promiseLines, promiseRecord } from "../promises";
import { describeEntry, roleName, type TimelineEntry } from "../timeline";
import { POSTMORTEM_TYPE_LABELS, type STANDALONE_TYPES } from "./review-types";
import { SECTION_KEYS } from "./sections";

/** "2026-11-23 14:05 UTC": unambiguous for readers in every zone. */
export function formatUtc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** The entry kinds the key timeline keeps (besides pinned entries). */
export const KEY_TIMELINE_KINDS = new Set(["declared", "update", "decision", "severity_changed", "status_changed", "escalated", "change_suspected"]);

const KIND_PREFIX: Record<string, string> = {
  declared: "Declared",
  update: "Update",
  decision: "Decision",
  severity_changed: "Severity",
  status_changed: "Status",
  escalated: "Escalation",
  change_suspected: "Suspect change",
  note: "Note",
  role_assigned: "Role",
  workstream: "Workstream",
  board: "Board",
  alert: "Alert",
};

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

/** One Markdown list item for a timeline entry: its UTC time, what it was, who, and what it said. */
export function entryLine(entry: Pick<TimelineEntry, "kind" | "at" | "data" | "author" | "actorKind" | "seq">): string {
  const prefix = KIND_PREFIX[entry.kind] ?? entry.kind.replace(/_/g, " ");
  const who = entry.author ? ` (@${entry.author.handle}${entry.actorKind === "automation" ? ", automation" : ""})` : "";
  return `- **${formatUtc(entry.at)}** — ${prefix}: ${oneLine(describeEntry(entry))}${who}`;
}

function durationLines(view: IncidentView): string[] {
  const t = (iso: string | null) => (iso ? new Date(iso).getTime() : null);
  const start = t(view.startedAt);
  const detected = t(view.declaredAt)!;
  const acked = t(view.acknowledgedAt);
  const mitigated = t(view.mitigatedAt);
  const resolved = t(view.resolvedAt);
  const line = (label: string, from: number | null, to: number | null) =>
    `- ${label}: ${from !== null && to !== null ? formatDuration(to - from) : "—"}`;
  return [
    ...(start !== null && start < detected ? [line("Impact start → detected", start, detected)] : []),
    line("Detected → acknowledged", detected, acked),
    line("Detected → mitigated", detected, mitigated),
    line("Detected → resolved", detected, resolved),
  ];
}

function severityHistory(view: IncidentView, entries: readonly TimelineEntry[]): string[] {
  const declared = entries.find((e) => e.kind === "declared");
  const changes = entries.filter((e) => e.kind === "severity_changed");
  if (changes.length === 0) return [];
  return [
    `- Declared at ${String(declared?.data.severity ?? changes[0]!.data.from)}`,
    ...changes.map((e) => `- ${formatUtc(e.at)}: ${String(e.data.from)} → ${String(e.data.to)}${e.data.reason ? ` — ${oneLine(String(e.data.reason))}` : ""}`),
  ];
}

/**
 * The section bodies of a new postmortem, in Markdown, from the incident's live
 * view and its timeline (any order): what the incident already recorded, so
 * that the review starts from facts instead of a blank page.
 */
export function buildPrefill(view: IncidentView, timeline: readonly TimelineEntry[]): Record<string, string> {
  const entries = [...timeline].sort((a, b) => a.seq - b.seq);
  const level = SEVERITY_LEVELS[view.severity];
  const services = view.services.map((s) => `${s.name} (${s.key})`).join(", ");
  const body: Record<string, string> = Object.fromEntries(SECTION_KEYS.map((k) => [k, ""]));

  const lastCondition = view.latestUpdate?.condition.trim();
  body.summary = [`**${view.ref}: ${view.title}**`, view.summary.trim(), lastCondition ? `Last update: ${lastCondition}` : ""].filter(Boolean).join("\n\n");

  const sevHistory = severityHistory(view, entries);
  body.impact = [
    `- Severity: **${view.severity}** (${level.impact}) · priority ${view.priority}`,
    `- Services: ${services || "none recorded"}`,
    ...(view.intake.blastRadius ? [`- Blast radius: ${oneLine(view.intake.blastRadius)}`] : []),
    ...(view.startedAt ? [`- Impact started: ${formatUtc(view.startedAt)}`] : []),
    ...(sevHistory.length ? ["", "Severity history:", "", ...sevHistory] : []),
    "",
    "Durations:",
    "",
    ...durationLines(view),
  ].join("\n");

  const key = entries.filter((e) => KEY_TIMELINE_KINDS.has(e.kind) || e.pinned);
  const roleEntries = entries.filter((e) => e.kind === "role_assigned" || e.kind === "handover_accepted" || e.kind === "command_taken");
  const commandMoves = roleEntries.flatMap((e) => {
    if (e.kind === "handover_accepted") return [`- ${formatUtc(e.at)}: @${e.data.previous} handed command to @${e.data.user}, who accepted`];
    if (e.kind === "command_taken") return [`- ${formatUtc(e.at)}: @${e.data.user} took command from @${e.data.previous} without acceptance (${TAKE_REASON_WORDS[e.data.reason]})`];
    return e.kind === "role_assigned" && e.data.role === "commander" && e.data.previous ? [`- ${formatUtc(e.at)}: @${String(e.data.previous)} handed command to @${String(e.data.user)}`] : [];
  });
  // The record of promised updates, as it stood at resolution (or at the latest entry).
  const asOf = view.resolvedAt ?? entries.at(-1)?.at ?? view.declaredAt;
  const promises = promiseLines(promiseRecord(view.updateLog, new Date(asOf), view.resolvedAt), formatUtc);
  body.timeline = [
    ...key.map(entryLine),
    ...(view.roles.length || roleEntries.length
      ? [
          "",
          "**Roles**",
          "",
          ...view.roles.map((r) => `- ${capitalize(roleName(r.role))}: @${r.user.handle} (${r.user.name}) since ${formatUtc(r.assignedAt)}`),
          ...commandMoves,
        ]
      : []),
    ...(promises.length ? ["", "**Updates promised and kept**", "", ...promises] : []),
    ...(view.workstreams.length
      ? [
          "",
          "**Workstreams**",
          "",
          ...view.workstreams.map((w) => `- ${w.title} — ${oneLine(w.goal)} (${w.status}${w.lead ? `, led by @${w.lead.handle}` : ", no lead"})`),
        ]
      : []),
  ].join("\n");

  const suspects = entries.filter((e) => e.kind === "change_suspected");
  const factors: string[] = [];
  if (suspects.length || view.intake.recentChanges) {
    factors.push(
      "Changes suspected during the incident (a starting point, not a verdict):",
      "",
      ...suspects.map((e) => `- ${oneLine(describeEntry(e))}`),
      ...(view.intake.recentChanges ? [`- Reported at declaration: ${oneLine(view.intake.recentChanges)}`] : []),
    );
  }
  const ruledOut = view.board.filter((b) => b.state === "ruled_out");
  if (ruledOut.length) {
    factors.push(
      ...(factors.length ? [""] : []),
      "Ruled out during the incident, with what was checked (so nobody checks them twice):",
      "",
      ...ruledOut.map((b) => `- ${oneLine(b.text)}${b.evidence ? ` — checked: ${oneLine(b.evidence.checked)} (@${b.evidence.by.handle}, ${formatUtc(b.evidence.at)}${b.evidence.link ? `, ${b.evidence.link}` : ""})` : ""}`),
    );
  }
  if (factors.length) body.contributing_factors = factors.join("\n");

  const firstAlert = entries.find((e) => e.kind === "alert");
  body.detection = [
    firstAlert ? `- First alert: ${formatUtc(firstAlert.at)} — ${oneLine(describeEntry(firstAlert))}` : "- Detected by: _alert, customer report, or a person noticing?_",
    `- Declared: ${formatUtc(view.declaredAt)}`,
    ...(view.acknowledgedAt ? [`- Acknowledged: ${formatUtc(view.acknowledgedAt)}`] : []),
  ].join("\n");

  const decisions = entries.filter((e) => e.kind === "decision" || e.kind === "decision_outcome");
  body.mitigation = [
    ...(view.mitigatedAt ? [`- Mitigated: ${formatUtc(view.mitigatedAt)}`] : []),
    ...decisions.map((e) => (e.kind === "decision" ? `- Decision: ${oneLine(describeEntry(e))}` : `- ${formatUtc(e.at)}, revisited: ${oneLine(describeEntry(e))}`)),
  ].join("\n");

  const resolvedEntry = [...entries].reverse().find((e) => e.kind === "status_changed" && e.data.to === "resolved");
  const open = stillOpen(view);
  body.resolution = [
    ...(view.resolvedAt ? [`- Resolved: ${formatUtc(view.resolvedAt)}`] : []),
    ...(resolvedEntry?.data.reason ? [`- ${oneLine(String(resolvedEntry.data.reason))}`] : []),
    ...(open.workstreams.length || open.board.length
      ? [
          "",
          "**Open questions carried over at resolution**",
          "",
          ...open.workstreams.map((w) => `- Workstream ${w.status === "blocked" ? "blocked" : "still active"}: ${oneLine(w.title)}${w.lead ? ` (@${w.lead.handle})` : ""}`),
          ...open.board.map((b) => `- ${capitalize(b.kind)}: ${oneLine(b.text)}`),
        ]
      : []),
  ].join("\n");

  body.lessons_learned = ["### What went well", "", "", "### What went wrong", "", "", "### Where we got lucky", ""].join("\n");

  const automated = entries.filter((e) => e.actorKind === "automation");
  body.automation = automated.length
    ? [
        "Entries recorded by automation (bots, AI agents, scripts):",
        "",
        ...automated.map(entryLine),
        "",
        "_What was each allowed to do? What did it infer or decide, and was that right?_",
      ].join("\n")
    : "_No automated system or AI agent wrote to the incident's timeline. Did any act outside it (auto-remediation, alert routing, suggestions)?_";

  return body;
}

/**
 * The first draft of a review with no incident to pre-fill from: the questions
 * that study a near miss (what almost happened, what caught it) or a save (what
 * went right, and how to make it the default).
 */
export function buildStandalonePrefill(type: (typeof STANDALONE_TYPES)[number], title: string): Record<string, string> {
  const body: Record<string, string> = Object.fromEntries(SECTION_KEYS.map((k) => [k, ""]));
  const heading = `**${POSTMORTEM_TYPE_LABELS[type]}: ${title}**`;
  if (type === "near_miss") {
    body.summary = `${heading}\n\n_What almost happened, and what stopped it?_`;
    body.impact = "- Actual impact: none\n- What it would have been: _who, what, how long_";
    body.detection = "- Caught by: _a check, an alert, a person noticing?_\n- How close was it?";
    body.lessons_learned = ["### What caught it", "", "", "### Where we got lucky", "", "", "### What would have made it an incident", ""].join("\n");
  } else {
    body.summary = `${heading}\n\n_What went right, and who or what made it go right?_`;
    body.impact = "- What was avoided or shortened: _and by how much_";
    body.lessons_learned = ["### What went well", "", "", "### How to make it the default", "", "", "### Where we got lucky", ""].join("\n");
  }
  body.automation = "_Did an automated system or AI agent help, or nearly hurt? What was it allowed to do?_";
  return body;
}

const capitalize = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);
