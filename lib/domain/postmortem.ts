// Postmortems (PRACTICES.md "Postmortems"): the default section template, the
// draft pre-filled from what the incident already recorded, the review workflow,
// a gentle blameless lint, and the Markdown export. Pure: no I/O.
import { z } from "zod";
import { INT4_MAX, isoDate, isoInstant as isoInstantOf } from "./input";
import { describeEntry, roleName } from "./timeline";
import type { IncidentView } from "./incident-view";
import type { TimelineEntry } from "./timeline";
import type { IncidentStatus } from "./lifecycle";
import { serviceKeySchema } from "./services";
import { SEVERITY_LEVELS } from "./severity";
import { formatDuration } from "./time";

// ─── Sections ───────────────────────────────────────────────────────────────

export interface SectionTemplate {
  key: string;
  title: string;
  /** What the section asks of its writers (the editor's placeholder). */
  prompt: string;
}

/** The default template, in order (PRACTICES.md); an organization's own template (postmortem-template.ts) may replace it. */
export const DEFAULT_SECTIONS: readonly SectionTemplate[] = [
  { key: "summary", title: "Summary", prompt: "What happened, in two or three sentences a newcomer understands." },
  { key: "impact", title: "Impact", prompt: "Who and what was affected, how badly, for how long." },
  { key: "timeline", title: "Timeline", prompt: "The key moments, in UTC." },
  {
    key: "contributing_factors",
    title: "Contributing factors",
    prompt: "Rarely one root cause. Which conditions of the system made this possible, and why did each action make sense at the time?",
  },
  { key: "detection", title: "Detection", prompt: "How was it detected, how fast, and what would have caught it sooner?" },
  { key: "mitigation", title: "Mitigation", prompt: "What stopped the impact, and when?" },
  { key: "resolution", title: "Resolution", prompt: "What restored normal service, and how was it verified?" },
  { key: "lessons_learned", title: "Lessons learned", prompt: "What went well, what went wrong, where we got lucky." },
  { key: "action_items", title: "Action items", prompt: "Context for the tracked action items below: specific, one owner, a due date." },
  { key: "preventive_measures", title: "Preventive measures", prompt: "The structural changes that make the system harder to break the same way again." },
  {
    key: "automation",
    title: "Automation and AI involvement",
    prompt:
      "What automated systems or AI agents did, inferred or decided during the incident, and what they were allowed to do. A failure of inference is not a documentation gap.",
  },
];

export const SECTION_KEYS = DEFAULT_SECTIONS.map((s) => s.key);
export const sectionTemplate = (key: string) => DEFAULT_SECTIONS.find((s) => s.key === key);

/** A postmortem can be started once the incident is no longer active. */
export function canStartPostmortem(status: IncidentStatus): boolean {
  return status === "resolved" || status === "closed";
}

// ─── Pre-fill ───────────────────────────────────────────────────────────────

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

  body.summary = [`**${view.ref}: ${view.title}**`, view.summary.trim()].filter(Boolean).join("\n\n");

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
  const roleEntries = entries.filter((e) => e.kind === "role_assigned");
  body.timeline = [
    ...key.map(entryLine),
    ...(view.roles.length || roleEntries.length
      ? [
          "",
          "**Roles**",
          "",
          ...view.roles.map((r) => `- ${capitalize(roleName(r.role))}: @${r.user.handle} (${r.user.name}) since ${formatUtc(r.assignedAt)}`),
          ...roleEntries
            .filter((e) => e.data.role === "commander" && e.data.previous)
            .map((e) => `- ${formatUtc(e.at)}: @${String(e.data.previous)} handed command to @${String(e.data.user)}`),
        ]
      : []),
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
  if (suspects.length || view.intake.recentChanges) {
    body.contributing_factors = [
      "Changes suspected during the incident (a starting point, not a verdict):",
      "",
      ...suspects.map((e) => `- ${oneLine(describeEntry(e))}`),
      ...(view.intake.recentChanges ? [`- Reported at declaration: ${oneLine(view.intake.recentChanges)}`] : []),
    ].join("\n");
  }

  const firstAlert = entries.find((e) => e.kind === "alert");
  body.detection = [
    firstAlert ? `- First alert: ${formatUtc(firstAlert.at)} — ${oneLine(describeEntry(firstAlert))}` : "- Detected by: _alert, customer report, or a person noticing?_",
    `- Declared: ${formatUtc(view.declaredAt)}`,
    ...(view.acknowledgedAt ? [`- Acknowledged: ${formatUtc(view.acknowledgedAt)}`] : []),
  ].join("\n");

  const decisions = entries.filter((e) => e.kind === "decision");
  body.mitigation = [
    ...(view.mitigatedAt ? [`- Mitigated: ${formatUtc(view.mitigatedAt)}`] : []),
    ...decisions.map((e) => `- Decision: ${oneLine(describeEntry(e))}`),
  ].join("\n");

  const resolvedEntry = [...entries].reverse().find((e) => e.kind === "status_changed" && e.data.to === "resolved");
  body.resolution = [
    ...(view.resolvedAt ? [`- Resolved: ${formatUtc(view.resolvedAt)}`] : []),
    ...(resolvedEntry?.data.reason ? [`- ${oneLine(String(resolvedEntry.data.reason))}`] : []),
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

// ─── Reviews without an incident ────────────────────────────────────────────

/** Where a postmortem lives: an incident's under the incident, any other by its id (API and pages alike). */
export function postmortemApiPath(pm: { id: string; incident: { ref: string } | null }): string {
  return pm.incident ? `/api/v1/incidents/${pm.incident.ref}/postmortem` : `/api/v1/postmortems/${pm.id}`;
}
export function postmortemPagePath(pm: { id: string; incident: { ref: string } | null }): string {
  return pm.incident ? `/incidents/${pm.incident.ref}/postmortem` : `/postmortems/${pm.id}`;
}

/** incident_review: an incident's; near_miss and positive_retro (PRACTICES.md "Positive retros") need no incident. */
export const POSTMORTEM_TYPES = ["incident_review", "near_miss", "positive_retro"] as const;
export type PostmortemType = (typeof POSTMORTEM_TYPES)[number];
export const STANDALONE_TYPES = ["near_miss", "positive_retro"] as const;
export const POSTMORTEM_TYPE_LABELS: Record<PostmortemType, string> = { incident_review: "Incident review", near_miss: "Near miss", positive_retro: "Positive retro" };

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

// ─── Workflow ───────────────────────────────────────────────────────────────

export const POSTMORTEM_STATUSES = ["draft", "in_review", "published"] as const;
export type PostmortemStatus = (typeof POSTMORTEM_STATUSES)[number];
export const POSTMORTEM_STATUS_LABELS: Record<PostmortemStatus, string> = { draft: "Draft", in_review: "In review", published: "Published" };

const POSTMORTEM_FLOW: Record<PostmortemStatus, readonly PostmortemStatus[]> = {
  draft: ["in_review"],
  in_review: ["draft", "published"], // back for changes, or publish
  published: ["draft"], // reopen as a new revision
};

export function postmortemTransitions(from: PostmortemStatus): readonly PostmortemStatus[] {
  return POSTMORTEM_FLOW[from];
}

export type PostmortemTransition =
  | { ok: true; status: PostmortemStatus; revision: number; publishedAt: "set" | "keep" }
  | { ok: false; message: string };

/** Moving a postmortem through review. Publishing stamps the time; reopening a published one starts the next revision. */
export function checkPostmortemTransition(current: { status: PostmortemStatus; revision: number }, to: PostmortemStatus): PostmortemTransition {
  if (current.status === to) return { ok: false, message: `The postmortem is already ${POSTMORTEM_STATUS_LABELS[to].toLowerCase()}.` };
  if (!POSTMORTEM_FLOW[current.status].includes(to)) {
    const hint = to === "published" ? " Send it to review first." : "";
    return { ok: false, message: `Cannot go from ${POSTMORTEM_STATUS_LABELS[current.status].toLowerCase()} to ${POSTMORTEM_STATUS_LABELS[to].toLowerCase()}.${hint}` };
  }
  return {
    ok: true,
    status: to,
    revision: current.status === "published" ? current.revision + 1 : current.revision,
    publishedAt: to === "published" ? "set" : "keep",
  };
}

/** A section edited after publication reopens the postmortem as the next revision (draft); the published text stays in the audit log. */
export function afterSectionEdit(current: { status: PostmortemStatus; revision: number }): { status: PostmortemStatus; revision: number } {
  return current.status === "published" ? { status: "draft", revision: current.revision + 1 } : current;
}

// ─── Blameless lint ─────────────────────────────────────────────────────────

export interface BlameHint {
  /** The flagged text, and where it is. */
  match: string;
  index: number;
  message: string;
  suggestion: string;
}

const BLAME_VERBS =
  "broke|caused|forgot|forgotten|failed to|neglected|ignored|missed|messed up|screwed up|should have|should've|didn't|did not|mistakenly|carelessly|accidentally|wrongly|overlooked|blew up|pushed a bad";
/** A handle: may contain dots and dashes, never ends with one (the sentence's full stop is not part of it). */
const PERSON = String.raw`@[a-z0-9](?:[\w.-]*[\w-])?`;

const BLAME_RULES: { pattern: RegExp; message: string; suggestion: string }[] = [
  {
    pattern: new RegExp(String.raw`${PERSON}(?:\s+(?:had|has|just|then|also|simply|clearly|really))*\s+(?:${BLAME_VERBS})\b`, "gi"),
    message: "This sentence puts the cause on a person.",
    suggestion: "Describe what the system allowed and why the action made sense at the time, e.g. “the deploy pipeline let a config without X through”.",
  },
  {
    pattern: new RegExp(String.raw`(?:${PERSON}|\b[A-Z][a-z]+)(?:'s|’s)\s+(?:mistake|fault|error|blunder|screw-?up|negligence|carelessness|oversight)\b`, "g"),
    message: "Naming whose mistake it was is blame, not a contributing factor.",
    suggestion: "Name the condition instead: which check, guard rail or signal was missing?",
  },
  {
    pattern: new RegExp(String.raw`\b(?:because of|due to|blame[sd]? (?:on)?)\s+${PERSON}`, "gi"),
    message: "A person is given as the cause.",
    suggestion: "Ask “what made this possible?” and write down the system's part.",
  },
  {
    pattern: /\bhuman error\b/gi,
    message: "“Human error” ends the inquiry where it should start.",
    suggestion: "Which design, tooling or process made the error easy to make and hard to notice?",
  },
];

/** Gentle hints on blaming language: suggestions only, never a reason to refuse a save. */
export function lintBlame(text: string): BlameHint[] {
  const hints: BlameHint[] = [];
  for (const rule of BLAME_RULES) {
    for (const m of text.matchAll(rule.pattern)) {
      const index = m.index ?? 0;
      if (hints.some((h) => index < h.index + h.match.length && h.index < index + m[0].length)) continue;
      hints.push({ match: m[0], index, message: rule.message, suggestion: rule.suggestion });
    }
  }
  return hints.sort((a, b) => a.index - b.index);
}

// ─── Action items ───────────────────────────────────────────────────────────

export const ACTION_ITEM_KINDS = ["mitigate", "prevent", "detect", "process"] as const;
export type ActionItemKind = (typeof ACTION_ITEM_KINDS)[number];
export const ACTION_ITEM_STATUSES = ["open", "in_progress", "done", "verified", "wont_do"] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];
export const ACTION_ITEM_STATUS_LABELS: Record<ActionItemStatus, string> = {
  open: "Open",
  in_progress: "In progress",
  done: "Done",
  verified: "Verified",
  wont_do: "Won't do",
};

const ACTION_FLOW: Record<ActionItemStatus, readonly ActionItemStatus[]> = {
  open: ["in_progress", "done", "wont_do"],
  in_progress: ["open", "done", "wont_do"],
  done: ["verified", "in_progress", "open"], // verified: it had the effect; reopened: it did not
  verified: ["open"],
  wont_do: ["open"],
};

export type ActionStatusCheck = { ok: true } | { ok: false; field: "status" | "reason"; message: string };

/** An action item's status change: verified only after done; won't do only with a reason. */
export function checkActionItemStatus(from: ActionItemStatus, to: ActionItemStatus, reason: string | null | undefined): ActionStatusCheck {
  if (to === "wont_do" && !reason?.trim()) return { ok: false, field: "reason", message: "Say why it won't be done." };
  if (from === to) return { ok: true };
  if (!ACTION_FLOW[from].includes(to)) {
    const hint = to === "verified" ? " Mark it done first, then verify it had the effect." : "";
    return { ok: false, field: "status", message: `Cannot go from ${ACTION_ITEM_STATUS_LABELS[from].toLowerCase()} to ${ACTION_ITEM_STATUS_LABELS[to].toLowerCase()}.${hint}` };
  }
  return { ok: true };
}

/** Still to do and past its due date. */
export function isOverdue(item: { status: string; dueAt: string | null }, now: Date): boolean {
  return (item.status === "open" || item.status === "in_progress") && item.dueAt !== null && new Date(item.dueAt).getTime() < now.getTime();
}

/** PRACTICES.md: at least one structural change per major incident. True when a SEV0/1 review has no live "prevent" item. */
export function missingPreventItem(severity: string, items: readonly { kind: string; status: string }[]): boolean {
  if (severity !== "SEV0" && severity !== "SEV1") return false;
  return !items.some((i) => i.kind === "prevent" && i.status !== "wont_do");
}

/** An owner's home list: overdue first (most overdue first), then soonest due, undated last. Only open and in progress. */
export function sortMyActionItems<T extends { status: string; dueAt: string | null; createdAt: string }>(items: readonly T[], now: Date): T[] {
  const due = (i: T) => (i.dueAt ? new Date(i.dueAt).getTime() : Number.POSITIVE_INFINITY);
  return items
    .filter((i) => i.status === "open" || i.status === "in_progress")
    .sort((a, b) => Number(isOverdue(b, now)) - Number(isOverdue(a, now)) || due(a) - due(b) || a.createdAt.localeCompare(b.createdAt));
}

/** A nudge about a review (not an incident's): the war room and the editor show it with a link that clears it. */
export interface ReviewNudge {
  key: string;
  kind: "action_item_overdue" | "missing_prevent_item";
  level: "warning" | "critical";
  message: string;
  /** When the condition began (ISO), if it has a moment. */
  since: string | null;
  href: string;
  label: string;
}

const DAY_MS = 86_400_000;

/**
 * Nudges from postmortems: each overdue action item (critical after a week),
 * and each SEV0/1 review without a live "prevent" item (PRACTICES.md: at least
 * one structural change per major incident). Overdue first, oldest first.
 */
export function reviewNudges(
  input: {
    actionItems: readonly { id: string; title: string; status: string; dueAt: string | null; incident: { ref: string } | null; postmortemId?: string | null }[];
    postmortems: readonly { ref: string; severity: string; actionItems: readonly { kind: string; status: string }[] }[];
  },
  now: Date,
): ReviewNudge[] {
  const overdue: ReviewNudge[] = input.actionItems
    .filter((i) => isOverdue(i, now))
    .sort((a, b) => a.dueAt!.localeCompare(b.dueAt!))
    .map((i) => {
      const late = now.getTime() - new Date(i.dueAt!).getTime();
      return {
        key: `action_item_overdue:${i.id}`,
        kind: "action_item_overdue",
        level: late >= 7 * DAY_MS ? "critical" : "warning",
        message: `Action item “${i.title}”${i.incident ? ` (${i.incident.ref})` : ""} is ${formatDuration(late)} overdue: do it, re-date it, or say why it won't be done.`,
        since: i.dueAt,
        href: i.incident ? `/incidents/${i.incident.ref}/postmortem` : i.postmortemId ? `/postmortems/${i.postmortemId}` : "/action-items?owner=me",
        label: "Open",
      };
    });
  const prevent: ReviewNudge[] = input.postmortems
    .filter((p) => missingPreventItem(p.severity, p.actionItems))
    .map((p) => ({
      key: `missing_prevent_item:${p.ref}`,
      kind: "missing_prevent_item",
      level: "warning",
      message: `The ${p.severity} review of ${p.ref} has no “prevent” action item: add the structural change that makes this harder to happen again.`,
      since: null,
      href: `/incidents/${p.ref}/postmortem`,
      label: "Add a prevent item",
    }));
  return [...overdue, ...prevent];
}

// ─── Export ─────────────────────────────────────────────────────────────────

export interface PostmortemExportInput {
  incidentRef: string | null;
  /** A near miss or positive retro says so in its heading (default: an incident review). */
  type?: PostmortemType;
  title: string;
  status: PostmortemStatus;
  revision: number;
  publishedAt: string | null;
  sections: readonly { key: string; title: string; body: string }[];
  actionItems: readonly { title: string; owner: { handle: string } | null; dueAt: string | null; priority: string; kind: string; status: string; trackerUrl: string | null }[];
}

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\s+/g, " ");

/** The whole postmortem as one Markdown document: every section, then the action items as a table. */
export function exportMarkdown(pm: PostmortemExportInput): string {
  const state = pm.status === "published" ? `Published ${pm.publishedAt ? formatUtc(pm.publishedAt) : ""}`.trim() : POSTMORTEM_STATUS_LABELS[pm.status];
  const kind = pm.type && pm.type !== "incident_review" ? POSTMORTEM_TYPE_LABELS[pm.type] : "Postmortem";
  const lines = [`# ${kind}: ${pm.title}`, "", `${pm.incidentRef ? `${pm.incidentRef} · ` : ""}${state} · revision ${pm.revision}`, ""];
  for (const s of pm.sections) {
    lines.push(`## ${s.title}`, "", s.body.trim() || "_Nothing written yet._", "");
    if (s.key === "action_items") {
      if (pm.actionItems.length === 0) lines.push("_No tracked action items._", "");
      else {
        lines.push("| Action | Owner | Due | Priority | Kind | Status |", "|---|---|---|---|---|---|");
        for (const a of pm.actionItems) {
          const title = a.trackerUrl ? `[${cell(a.title)}](${a.trackerUrl})` : cell(a.title);
          lines.push(`| ${title} | ${a.owner ? `@${a.owner.handle}` : "—"} | ${a.dueAt ? a.dueAt.slice(0, 10) : "—"} | ${a.priority} | ${a.kind} | ${ACTION_ITEM_STATUS_LABELS[a.status as ActionItemStatus] ?? a.status} |`);
        }
        lines.push("");
      }
    }
  }
  return lines.join("\n");
}

// ─── Review: reviewers and comments ─────────────────────────────────────────

export interface CommentDto {
  id: string;
  section: string;
  author: PersonDto | null;
  /** Markdown, rendered safely (no raw HTML, no `javascript:` links). */
  body: string;
  createdAt: string;
  resolvedAt: string | null;
  resolvedBy: PersonDto | null;
}

/** A comment as it is now, into a list: replaced by id, else added in the conversation's order (oldest first). */
export function upsertComment(list: readonly CommentDto[] | undefined, comment: CommentDto): CommentDto[] {
  const prev = list ?? [];
  if (prev.some((c) => c.id === comment.id)) return prev.map((c) => (c.id === comment.id ? comment : c));
  return [...prev, comment].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

const sectionKey = z.string().regex(/^[a-z_]{1,50}$/, "Must be a section key such as contributing_factors");

/** A reviewer: one person, by handle or email. */
export const reviewerAddSchema = z.object({ reviewer: z.string().trim().toLowerCase().min(1, "Required: a handle or email").max(320) }).strict();
export type ReviewerAddInput = z.infer<typeof reviewerAddSchema>;
export const reviewerRemoveQuerySchema = z.object({ user: z.string().trim().toLowerCase().min(1, "Required: a handle or email").max(320) });

export const commentCreateSchema = z
  .object({ section: sectionKey, body: z.string().trim().min(1, "Required").max(10_000, "At most 10000 characters") })
  .strict();
export type CommentCreateInput = z.infer<typeof commentCreateSchema>;
export const commentPatchSchema = z.object({ resolved: z.boolean({ error: "Required: true or false" }) }).strict();
export type CommentPatchInput = z.infer<typeof commentPatchSchema>;
export const commentListQuerySchema = z.object({
  section: sectionKey.optional(),
  resolved: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
});
export type CommentListQuery = z.infer<typeof commentListQuerySchema>;

// ─── Revisions ──────────────────────────────────────────────────────────────

export interface DiffLine {
  op: "same" | "add" | "del";
  text: string;
}

/** Above this many lines on a side, the diff is "all removed, all added" rather than a quadratic LCS. */
export const MAX_DIFF_LINES = 3000;

/**
 * A line diff (longest common subsequence): what a later revision removed and
 * added relative to the published text, in reading order, deletions before
 * additions where lines were replaced.
 */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before === "" ? [] : before.split("\n");
  const b = after === "" ? [] : after.split("\n");
  if (a.length > MAX_DIFF_LINES || b.length > MAX_DIFF_LINES) {
    return [...a.map((text) => ({ op: "del" as const, text })), ...b.map((text) => ({ op: "add" as const, text }))];
  }
  // lcs[i][j]: length of the LCS of a[i..] and b[j..].
  const lcs: Uint32Array[] = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ op: "same", text: a[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ op: "del", text: a[i++]! });
    else out.push({ op: "add", text: b[j++]! });
  }
  while (i < a.length) out.push({ op: "del", text: a[i++]! });
  while (j < b.length) out.push({ op: "add", text: b[j++]! });
  return out;
}

export const sectionDiffQuerySchema = z.object({
  /** A published revision; default: the latest one. */
  revision: z.coerce.number().int().min(1).max(INT4_MAX).optional(),
});

export interface SectionDiffDto {
  key: string;
  /** The published revision compared against. */
  revision: number;
  publishedAt: string;
  published: string;
  current: string;
  currentVersion: number;
  changed: boolean;
  lines: DiffLine[];
}

// ─── Wire shapes and request schemas ────────────────────────────────────────

export interface PersonDto {
  handle: string;
  name: string;
}

export interface SectionDto {
  key: string;
  title: string;
  prompt: string;
  body: string;
  position: number;
  version: number;
  updatedAt: string;
  updatedBy: PersonDto | null;
}

export interface ActionItemDto {
  id: string;
  title: string;
  owner: PersonDto | null;
  dueAt: string | null;
  priority: "P1" | "P2" | "P3" | "P4";
  kind: ActionItemKind;
  status: ActionItemStatus;
  statusReason: string | null;
  trackerUrl: string | null;
  version: number;
  overdue: boolean;
  incident: { ref: string; title: string; severity: string } | null;
  postmortemId: string | null;
  /** The review it came from (an incident's, a near miss or a positive retro), or null for a standalone item. */
  postmortem: { id: string; title: string; type: PostmortemType } | null;
  createdAt: string;
  updatedAt: string;
}

export interface PostmortemDto {
  id: string;
  incident: { ref: string; title: string; severity: string; status: string } | null;
  title: string;
  type: PostmortemType;
  /** The incident's services, or the related services of a review without an incident. */
  services: { key: string; name: string }[];
  status: PostmortemStatus;
  revision: number;
  createdAt: string;
  publishedAt: string | null;
  transitions: PostmortemStatus[];
  sections: SectionDto[];
  actionItems: ActionItemDto[];
  /** People asked to review it, in the order they were asked. */
  reviewers: PersonDto[];
  /** The latest published revision (its text is kept for diffs), or null when never published. */
  lastPublishedRevision: number | null;
  /** SEV0/1 without a live "prevent" action item. */
  missingPreventItem: boolean;
}

const version = z.number({ error: "Required: the version you last read" }).int().min(1).max(INT4_MAX);
const httpUrl = z
  .string()
  .trim()
  .max(2000, "At most 2000 characters")
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === "http:" || u.protocol === "https:";
    } catch {
      return false;
    }
  }, "Must be an http(s) URL");
/** A due date: a day (`2026-12-01`, end of that day UTC) or an instant. */
const dueAt = z.union([isoDate(), isoInstantOf()], { error: "Must be a date (2026-12-01) or an ISO 8601 date-time, years 1970–9999" });

export function dueInstant(value: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T23:59:59.999Z`) : new Date(value);
}

export const postmortemCreateSchema = z.object({ title: z.string().trim().min(1).max(200).optional() }).strict();

/** `POST /api/v1/postmortems`: a review with no incident, optionally about some services (their keys). */
export const standalonePostmortemCreateSchema = z
  .object({
    type: z.enum(STANDALONE_TYPES),
    title: z.string().trim().min(1, "Required").max(200, "At most 200 characters"),
    services: z
      .array(serviceKeySchema)
      .max(20, "At most 20 services")
      .transform((keys) => [...new Set(keys)])
      .optional(),
  })
  .strict();
export type StandalonePostmortemCreateInput = z.infer<typeof standalonePostmortemCreateSchema>;
export const postmortemListQuerySchema = z.object({
  type: z.enum(POSTMORTEM_TYPES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type PostmortemListQuery = z.infer<typeof postmortemListQuerySchema>;
export type PostmortemCreateInput = z.infer<typeof postmortemCreateSchema>;

export const sectionPatchSchema = z.object({ body: z.string().max(100_000, "At most 100000 characters"), version }).strict();
export type SectionPatchInput = z.infer<typeof sectionPatchSchema>;

export const postmortemPatchSchema = z.object({ status: z.enum(POSTMORTEM_STATUSES) }).strict();
export type PostmortemPatchInput = z.infer<typeof postmortemPatchSchema>;

export const actionItemCreateSchema = z
  .object({
    title: z.string().trim().min(1, "Required").max(300, "At most 300 characters"),
    /** One person: handle or email. */
    owner: z.string().trim().toLowerCase().min(1, "Required: one owner").max(320),
    dueAt,
    priority: z.enum(["P1", "P2", "P3", "P4"]).default("P3"),
    kind: z.enum(ACTION_ITEM_KINDS),
    trackerUrl: httpUrl.nullish(),
    /** The incident whose postmortem it comes from (`INC-42`). */
    incident: z.string().regex(/^INC-\d{1,9}$/i, "Must look like INC-123").optional(),
    /** Or the postmortem by id (a near miss or positive retro has no incident). */
    postmortem: z.string().trim().min(1).max(50).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.incident && v.postmortem) ctx.addIssue({ code: "custom", path: ["postmortem"], message: "Give the incident or the postmortem, not both" });
  });
export type ActionItemCreateInput = z.infer<typeof actionItemCreateSchema>;

export const actionItemPatchSchema = z
  .object({
    version,
    title: z.string().trim().min(1, "Required").max(300, "At most 300 characters").optional(),
    owner: z.string().trim().toLowerCase().min(1, "Required: one owner").max(320).optional(),
    dueAt: dueAt.optional(),
    priority: z.enum(["P1", "P2", "P3", "P4"]).optional(),
    kind: z.enum(ACTION_ITEM_KINDS).optional(),
    status: z.enum(ACTION_ITEM_STATUSES).optional(),
    /** Required when the status becomes wont_do. */
    reason: z.string().trim().max(2000, "At most 2000 characters").optional(),
    trackerUrl: httpUrl.nullable().optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.status === "wont_do" && !v.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "Required: say why it won't be done" });
  });
export type ActionItemPatchInput = z.infer<typeof actionItemPatchSchema>;

export const actionItemListQuerySchema = z.object({
  /** A handle, an email, or `me`. */
  owner: z.string().trim().toLowerCase().max(320).optional(),
  /** A team key: items owned by its members. */
  team: z.string().trim().toLowerCase().max(100).optional(),
  overdue: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
  incident: z.string().regex(/^INC-\d{1,9}$/i, "Must look like INC-123").optional(),
  /** A postmortem's id: its items (also for a near miss or positive retro). */
  postmortem: z.string().trim().min(1).max(50).optional(),
  /** Comma-separated statuses. */
  status: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(",") : undefined))
    .pipe(z.array(z.enum(ACTION_ITEM_STATUSES)).optional()),
  limit: z.coerce.number().int().min(1).max(200).default(100),
  cursor: z.string().regex(/^\d{1,6}$/, "Invalid cursor").optional(),
});
export type ActionItemListQuery = z.infer<typeof actionItemListQuerySchema>;
