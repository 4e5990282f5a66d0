// The timeline, the product's central contract: every change to an incident is
// exactly one entry of one of these kinds. One table says, per kind, its label,
// the filter that shows it, the zod schema of its `data`, how it reads as one
// line, and whether it moves the incident's live state. Labels, filters,
// `describeEntry`, the writer's check (lib/server/write.ts `appendEntry`) and the
// live reducer's dispatch (incident-view.ts) all derive from it, and the table is
// checked against `TIMELINE_KINDS` by the type checker: a kind added to the list
// fails to compile until it has its row, its reducer case and its writer's data.
import { z } from "zod";
import { describeSuspectedChange } from "./changes";
import type { BoardItemView, WorkstreamView } from "./incident-view";
import { RECOVERY_CHECKLIST } from "./lifecycle";
import { TAKE_REASON_WORDS } from "./handover";
import { DECISION_OUTCOMES, OUTCOME_WORDS } from "./decisions";

export const TIMELINE_KINDS = [
  "declared",
  "note",
  "update",
  "decision",
  "decision_outcome",
  "severity_changed",
  "priority_changed",
  "status_changed",
  "incident_edited",
  "role_assigned",
  "role_unassigned",
  "role_acknowledged",
  "handover_offered",
  "handover_accepted",
  "handover_declined",
  "handover_expired",
  "handover_withdrawn",
  "command_taken",
  "workstream",
  "board",
  "change_suspected",
  "entry_pinned",
  "escalated",
  "paged",
  "page_skipped",
  "page_acknowledged",
  "escalation_exhausted",
  "alert",
  "merged",
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export function isTimelineKind(kind: string): kind is TimelineKind {
  return (TIMELINE_KINDS as readonly string[]).includes(kind);
}

// ─── Wording helpers ────────────────────────────────────────────────────────

const ROLE_NAMES: Record<string, string> = {
  commander: "incident commander",
  ops_lead: "ops lead",
  comms_lead: "comms lead",
  scribe: "scribe",
  sme: "SME",
  support_lead: "support lead",
  exec_sponsor: "exec sponsor",
};
export const roleName = (role: string) => ROLE_NAMES[role] ?? role.replace(/_/g, " ");

const str = (v: unknown) => (typeof v === "string" ? v : v === null || v === undefined ? "" : String(v));

function fieldChanges(changes: unknown): string {
  if (!changes || typeof changes !== "object") return "";
  return Object.entries(changes as Record<string, { from: unknown; to: unknown }>)
    .map(([field, { from, to }]) => {
      if (field === "recovery") {
        return Object.entries(to as Record<string, boolean>)
          .map(([k, v]) => `${v ? "✓" : "✗"} ${RECOVERY_CHECKLIST[k as keyof typeof RECOVERY_CHECKLIST] ?? k}`)
          .join(", ");
      }
      if (field === "links") return "links updated";
      if (field === "summary") return "summary updated";
      if (field === "services") return `services: ${(to as string[]).join(", ") || "none"}`;
      return `${field} ${str(from)} → ${str(to)}`;
    })
    .join("; ");
}

function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return "?";
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${s % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

const stepOf = (d: { policy: string; step: number; round: number }) => `${d.policy}, step ${d.step + 1}${d.round > 0 ? ` (repeat ${d.round})` : ""}`;

// ─── Data schemas ───────────────────────────────────────────────────────────
// Loose objects: the named fields are checked when written; a field a newer
// writer adds survives an older reader. Every kind may carry `set`/`version`
// (a page's acknowledgement sets the incident's `acknowledgedAt`, its MTTA mark).

const person = z.object({ handle: z.string(), name: z.string() });
/** Entries that change the incident's own fields carry the new values and version (see incident-view.ts). */
const stateChange = { set: z.record(z.string(), z.unknown()).optional(), version: z.number().int().optional() };
const fieldChange = z.object({ from: z.unknown(), to: z.unknown() });
// A kind's own field wins over the state change's (a suspected change has a `version` of its own: the release).
const data = <T extends z.ZodRawShape>(shape: T) => z.looseObject({ ...stateChange, ...shape } as Omit<typeof stateChange, keyof T> & T);
const changes = z.record(z.string(), fieldChange);
/** A whole workstream or board item as the live view holds it (incident-view.ts), carried so viewers never refetch. */
const viewObject = <T>() => z.custom<T>((v) => typeof v === "object" && v !== null && typeof (v as { id?: unknown }).id === "string", "Must be the whole object with its id");

/** The timeline filters (besides "All"): a label each; each kind names the one that shows it. */
const FILTER_LABELS = { updates: "Updates", decisions: "Decisions", notes: "Notes", changes: "State", people: "People", work: "Work" } as const;
type FilterGroup = keyof typeof FILTER_LABELS;

interface KindSpec<S extends z.ZodType> {
  label: string;
  /** The filter that shows it; null: only "All". */
  filter: FilterGroup | null;
  data: S;
  /** One readable line (notes and updates render their own bodies). */
  describe(data: z.infer<S>): string;
  /** Whether applying it moves the live view beyond `set`/`version` (a reducer case in incident-view.ts). */
  changesState: boolean;
}
const kind = <S extends z.ZodType>(spec: KindSpec<S>) => spec;

/** A handover briefing: state, and optionally workstreams, open decisions, next update. */
const briefingData = z.looseObject({ state: z.string(), workstreams: z.string().optional(), openDecisions: z.string().optional(), nextUpdate: z.string().optional() });

/** A CAN update as the timeline carries it (its own entry, or with a status change). */
const updateData = data({
  updateId: z.string(),
  condition: z.string(),
  action: z.string(),
  need: z.string(),
  audience: z.string(),
  nextUpdateDueAt: z.string().nullable(),
  eta: z.string().nullable().optional(),
});

export const TIMELINE = {
  declared: kind({
    label: "Declared",
    filter: "changes",
    changesState: false,
    data: data({
      title: z.string(),
      severity: z.string(),
      priority: z.string(),
      summary: z.string().optional(),
      private: z.boolean().optional(),
      drill: z.boolean().optional(),
      services: z.array(z.string()).optional(),
      /** Null when an automation declared: nobody commands until a human takes it. */
      commander: z.string().nullable().optional(),
      blastRadius: z.string().optional(),
      recentChanges: z.string().optional(),
      notify: z.string().optional(),
    }),
    describe: (d) => `Declared ${d.severity}: ${d.title}`,
  }),
  note: kind({ label: "Note", filter: "notes", changesState: false, data: data({ body: z.string() }), describe: (d) => d.body }),
  update: kind({
    label: "Status update",
    filter: "updates",
    changesState: true,
    data: updateData,
    describe: (d) => `Condition: ${d.condition} · Action: ${d.action}${d.need ? ` · Need: ${d.need}` : ""}`,
  }),
  decision: kind({
    label: "Decision",
    filter: "decisions",
    changesState: true,
    data: data({
      decisionId: z.string(),
      decision: z.string(),
      rationale: z.string(),
      alternatives: z.string().optional(),
      reversible: z.boolean().nullable().optional(),
      decidedBy: person.optional(),
      revisitAt: z.string().nullable().optional(),
      rollbackTrigger: z.string().nullable().optional(),
      rollbackLink: z.string().nullable().optional(),
    }),
    describe: (d) => `${d.decision}${d.rationale ? ` — because ${d.rationale}` : ""}`,
  }),
  /** A decision that came due, and how it turned out (issue 18): linked to it by decisionId. */
  decision_outcome: kind({
    label: "Decision",
    filter: "decisions",
    changesState: true,
    data: data({ decisionId: z.string(), decision: z.string(), outcome: z.enum(DECISION_OUTCOMES), note: z.string(), revisitAt: z.string().nullable() }),
    describe: (d) => `Decision “${d.decision}” ${OUTCOME_WORDS[d.outcome]}: ${d.note}${d.revisitAt ? ` (revisit again ${d.revisitAt.slice(11, 16)} UTC)` : ""}`,
  }),
  // One PATCH is one entry. Its kind names the most important field it changed
  // (severity, then status, then priority, else "incident_edited"); `changes` lists them all.
  severity_changed: kind({
    label: "Severity",
    filter: "changes",
    changesState: false,
    data: data({ from: z.string(), to: z.string(), reason: z.string(), changes: changes.optional() }),
    describe: (d) => describeFieldMove(d),
  }),
  priority_changed: kind({
    label: "Priority",
    filter: "changes",
    changesState: false,
    data: data({ from: z.string(), to: z.string(), reason: z.string().optional(), changes: changes.optional() }),
    describe: (d) => describeFieldMove(d),
  }),
  status_changed: kind({
    label: "Status",
    filter: "changes",
    changesState: true,
    /** `update`: the CAN update posted with mitigating or resolving, in the same write. */
    data: data({ from: z.string(), to: z.string(), reason: z.string(), changes: changes.optional(), resolution: z.record(z.string(), z.boolean().optional()).optional(), update: updateData.optional() }),
    describe: (d) => `${describeFieldMove(d)}${d.update ? ` · Update: ${d.update.condition}` : ""}`,
  }),
  incident_edited: kind({
    label: "Edited",
    filter: "changes",
    changesState: false,
    data: data({ changes, reason: z.string().optional() }),
    describe: (d) => `${fieldChanges(d.changes)}${d.reason ? `: ${d.reason}` : ""}`,
  }),
  role_assigned: kind({
    label: "Role",
    filter: "people",
    changesState: true,
    data: data({
      role: z.string(),
      user: z.string(),
      userName: z.string().optional(),
      previous: z.string().nullable().optional(),
      briefing: z.record(z.string(), z.string()).optional(),
    }),
    describe: (d) =>
      d.role === "commander" && d.previous ? `@${d.previous} handed command to @${d.user}` : `@${d.user} is ${roleName(d.role)}${d.previous ? ` (was @${d.previous})` : ""}`,
  }),
  role_unassigned: kind({
    label: "Role",
    filter: "people",
    changesState: true,
    data: data({ role: z.string(), user: z.string(), userName: z.string().optional() }),
    describe: (d) => `@${d.user} is no longer ${roleName(d.role)}`,
  }),
  /** Before two-party handover (issue 18): a replaced commander's successor acknowledged the briefing. Kept for history. */
  role_acknowledged: kind({
    label: "Handover",
    filter: "people",
    changesState: true,
    data: data({ role: z.string(), user: z.string() }),
    describe: (d) => `@${d.user} acknowledged the handover: has the conn`,
  }),
  // Two-party handover (issue 18, lib/domain/handover.ts): command moves only with handover_accepted.
  handover_offered: kind({
    label: "Handover",
    filter: "people",
    changesState: true,
    data: data({ handoverId: z.string(), from: z.string(), fromName: z.string(), to: z.string(), toName: z.string(), briefing: briefingData, expiresAt: z.string() }),
    describe: (d) => `@${d.from} offered command to @${d.to}`,
  }),
  handover_accepted: kind({
    label: "Handover",
    filter: "people",
    changesState: true,
    data: data({ handoverId: z.string(), user: z.string(), userName: z.string(), previous: z.string(), previousName: z.string(), briefing: briefingData }),
    describe: (d) => `@${d.user} accepted command from @${d.previous}: has the conn`,
  }),
  handover_declined: kind({
    label: "Handover",
    filter: "people",
    changesState: true,
    data: data({ handoverId: z.string(), user: z.string(), reason: z.string() }),
    describe: (d) => `@${d.user} declined command: ${d.reason}`,
  }),
  handover_expired: kind({
    label: "Handover",
    filter: "people",
    changesState: true,
    data: data({ handoverId: z.string(), to: z.string() }),
    describe: (d) => `The offer of command to @${d.to} expired unanswered`,
  }),
  handover_withdrawn: kind({
    label: "Handover",
    filter: "people",
    changesState: true,
    data: data({ handoverId: z.string(), to: z.string() }),
    describe: (d) => `The offer of command to @${d.to} was withdrawn`,
  }),
  /** Command taken without acceptance from an absent commander: never shown as a handover. */
  command_taken: kind({
    label: "Command taken",
    filter: "people",
    changesState: true,
    data: data({
      user: z.string(),
      userName: z.string(),
      previous: z.string(),
      reason: z.enum(["admin", "absent", "deactivated"]),
      briefing: briefingData.optional(),
    }),
    describe: (d) => `@${d.user} took command without acceptance from @${d.previous} (${TAKE_REASON_WORDS[d.reason]})`,
  }),
  workstream: kind({
    label: "Workstream",
    filter: "work",
    changesState: true,
    data: data({
      workstreamId: z.string(),
      action: z.string(),
      title: z.string(),
      status: z.string().optional(),
      lead: z.string().nullable().optional(),
      changes: z.array(z.string()).optional(),
      workstream: viewObject<WorkstreamView>().optional(),
    }),
    describe: (d) => {
      const what = d.action === "created" ? "Started" : d.action === "status_changed" ? `Now ${str(d.status)}:` : "Updated";
      return `${what} “${d.title}”${d.action === "created" && d.lead ? ` led by @${d.lead}` : ""}${d.changes && d.action === "updated" ? ` (${d.changes.join(", ")})` : ""}`;
    },
  }),
  board: kind({
    label: "Board",
    filter: "work",
    changesState: true,
    data: data({
      itemId: z.string(),
      action: z.string(),
      kind: z.string(),
      text: z.string(),
      state: z.string(),
      changes: z.array(z.string()).optional(),
      item: viewObject<BoardItemView>().optional(),
    }),
    describe: (d) => (d.action === "created" ? `New ${d.kind}: ${d.text}` : `${d.kind[0]?.toUpperCase() ?? ""}${d.kind.slice(1)} ${d.state.replace("_", " ")}: ${d.text}`),
  }),
  /** A change put on the timeline as a suspect: a copy of the change, so the entry renders without another fetch. */
  change_suspected: kind({
    label: "Suspect change",
    filter: "work",
    changesState: false,
    data: data({
      changeId: z.string(),
      service: z.string(),
      kind: z.string(),
      summary: z.string(),
      at: z.string(),
      link: z.string().nullable(),
      version: z.string().nullable(),
    }),
    describe: (d) => describeSuspectedChange(d),
  }),
  entry_pinned: kind({
    label: "Pin",
    filter: null,
    changesState: true,
    data: data({ seq: z.number().int(), pinned: z.boolean(), entry: z.record(z.string(), z.unknown()).optional() }),
    describe: (d) => (d.pinned ? `Pinned #${d.seq}` : `Unpinned #${d.seq}`),
  }),
  escalated: kind({
    label: "Escalation",
    filter: "people",
    changesState: false,
    data: data({ step: z.number().int(), pullIn: z.string(), note: z.string().optional() }),
    describe: (d) => `Escalation step ${d.step}: pulled in ${d.pullIn}${d.note ? ` — ${d.note}` : ""}`,
  }),
  /** The escalation engine paged people (author: Conn itself). */
  paged: kind({
    label: "Page",
    filter: "people",
    changesState: false,
    data: data({
      policy: z.string(),
      services: z.array(z.string()),
      step: z.number().int(),
      round: z.number().int(),
      users: z.array(z.string()),
      skipped: z.array(z.string()).optional(),
      escalatesAt: z.string().optional(),
      delay: z.string().optional(),
      acknowledgedBy: z.string().optional(),
    }),
    describe: (d) => {
      const who = d.users.map((h) => `@${h}`).join(", ");
      if (d.acknowledgedBy) return `Paged ${who} (${stepOf(d)}) — @${d.acknowledgedBy} declared it, so it is acknowledged`;
      return `Paged ${who} (${stepOf(d)}); escalates in ${str(d.delay)} unless acknowledged`;
    },
  }),
  page_skipped: kind({
    label: "Page",
    filter: "people",
    changesState: false,
    /** `pagedFor`: not paged because an open incident on the same services already paged its on-call. */
    data: data({ policy: z.string(), step: z.number().int(), round: z.number().int(), reason: z.string(), pagedFor: z.string().optional() }),
    describe: (d) => (d.pagedFor ? `${d.policy}: not paged again — ${d.reason}` : `${d.policy}, step ${d.step + 1}: nobody paged (${d.reason}); moving on`),
  }),
  page_acknowledged: kind({
    label: "Page",
    filter: "people",
    changesState: false,
    data: data({
      user: z.string(),
      policy: z.string().nullable(),
      step: z.number().int(),
      round: z.number().int(),
      afterSeconds: z.number(),
      stoppedEscalation: z.boolean(),
      /** They joined the incident as a responder with this acknowledgement. */
      joined: z.boolean().optional(),
      userName: z.string().optional(),
    }),
    describe: (d) =>
      `@${d.user} acknowledged the page after ${formatSeconds(d.afterSeconds)}${d.joined ? " and joined as a responder" : ""}${d.stoppedEscalation ? ` — ${str(d.policy)} stops escalating` : ""}`,
  }),
  escalation_exhausted: kind({
    label: "Page",
    filter: "people",
    changesState: false,
    data: data({ policy: z.string(), reason: z.string() }),
    describe: (d) => d.reason,
  }),
  /** Alerts in (issue 16): what monitoring sent, at most one entry per incident per 30 s (lib/server/alerts/feed.ts). */
  alert: kind({
    label: "Alert",
    filter: null,
    changesState: false,
    data: data({
      /** The integration keys that sent them. */
      via: z.array(z.string()),
      firing: z.number().int(),
      resolved: z.number().int(),
      acknowledged: z.number().int(),
      /** The first 20 of them, in arrival order. */
      alerts: z.array(z.looseObject({ summary: z.string(), severity: z.string(), status: z.string() })),
      /** A more severe alert suggests raising the incident's severity; it never changes it. */
      suggestedSeverity: z.string().optional(),
      /** The incident's alerts when the entry was written: how many in all, how many not yet resolved. */
      total: z.number().int().optional(),
      open: z.number().int().optional(),
      /** Every alert resolved: when the last one did. Alerts never resolve the incident; a person does. */
      allResolvedAt: z.string().optional(),
      /** Every alert resolved before anyone acknowledged a page: the paging was called off. */
      pagingCancelled: z.boolean().optional(),
    }),
    describe: (d) => {
      const counts = [d.firing && `${d.firing} firing`, d.acknowledged && `${d.acknowledged} acknowledged by source`, d.resolved && `${d.resolved} resolved`].filter(Boolean).join(", ");
      const first = d.alerts[0]?.summary ?? "";
      const more = d.alerts.length > 1 ? ` and ${d.firing + d.resolved + d.acknowledged - 1} more` : "";
      const all = d.open === 0 && d.total ? `; all ${d.total} alert${d.total === 1 ? "" : "s"} resolved` : "";
      const cancelled = d.pagingCancelled ? "; paging called off: every alert resolved before anyone acknowledged" : "";
      return `${first}${more} — ${counts}${d.suggestedSeverity ? ` (suggests ${d.suggestedSeverity})` : ""}${all}${cancelled}`;
    },
  }),
  /**
   * Merging (issue 16), one entry on each side: on the merged incident (`direction: "into"`, its status moved to
   * resolved by `set`) and on the one that stays (`"from"`, its services by `set` when some came with it).
   */
  merged: kind({
    label: "Merged",
    filter: "changes",
    changesState: false,
    data: data({
      direction: z.enum(["into", "from"]),
      /** The other incident's ref, and its title. */
      other: z.string(),
      otherTitle: z.string(),
      alerts: z.number().int(),
      pages: z.number().int(),
      reason: z.string().optional(),
    }),
    describe: (d) => {
      const moved = d.alerts + d.pages === 0 ? "" : `; ${d.alerts} alert${d.alerts === 1 ? "" : "s"} and ${d.pages} page${d.pages === 1 ? "" : "s"} moved ${d.direction === "into" ? "there" : "here"}`;
      const why = d.reason ? `: ${d.reason}` : "";
      return d.direction === "into" ? `Merged into ${d.other} (${d.otherTitle})${moved}${why}` : `${d.other} (${d.otherTitle}) merged into this incident${moved}${why}`;
    },
  }),
} satisfies Record<TimelineKind, KindSpec<z.ZodType>>;

function describeFieldMove(d: { from: string; to: string; reason?: string; changes?: Record<string, unknown> }): string {
  const more = d.changes && Object.keys(d.changes).length > 1 ? ` (${fieldChanges(d.changes)})` : "";
  return `${d.from} → ${d.to}${d.reason ? `: ${d.reason}` : ""}${more}`;
}

/** The data an entry of kind K carries. */
export type TimelineData<K extends TimelineKind> = z.infer<(typeof TIMELINE)[K]["data"]>;

/** The schemas of each kind's data (for writers that build entries outside `appendEntry`: the demo seed). */
export const timelineDataSchemas: { [K in TimelineKind]: (typeof TIMELINE)[K]["data"] } = Object.fromEntries(
  TIMELINE_KINDS.map((k) => [k, TIMELINE[k].data]),
) as { [K in TimelineKind]: (typeof TIMELINE)[K]["data"] };

export interface TimelineEntryBase {
  id: string;
  seq: number;
  at: string;
  pinned: boolean;
  actorKind: "human" | "automation" | "system";
  author: { handle: string; name: string } | null;
}

/** What a writer hands over for one entry: a kind and that kind's data. */
export type TimelineWrite = { [K in TimelineKind]: { kind: K; data: TimelineData<K> } }[TimelineKind];

/** One timeline entry as it crosses the wire (API answers, socket events, the live page): narrowed by `kind`. */
export type TimelineEntry = { [K in TimelineKind]: TimelineEntryBase & { kind: K; data: TimelineData<K> } }[TimelineKind];

export const TIMELINE_KIND_LABELS: Record<TimelineKind, string> = Object.fromEntries(TIMELINE_KINDS.map((k) => [k, TIMELINE[k].label])) as Record<TimelineKind, string>;

/** Filters offered on the timeline: a label and the kinds it shows. */
export const TIMELINE_FILTERS: Record<"all" | FilterGroup, { label: string; kinds: readonly TimelineKind[] | null }> = {
  all: { label: "All", kinds: null },
  ...(Object.fromEntries(
    (Object.keys(FILTER_LABELS) as FilterGroup[]).map((group) => [group, { label: FILTER_LABELS[group], kinds: TIMELINE_KINDS.filter((k) => TIMELINE[k].filter === group) }]),
  ) as unknown as Record<FilterGroup, { label: string; kinds: readonly TimelineKind[] }>),
};
export type TimelineFilter = keyof typeof TIMELINE_FILTERS;

/**
 * Checks an entry's data against its kind's schema: what a writer must pass
 * before an entry is stored. Answers the data as given (a loose schema keeps
 * fields it does not name), or throws naming the kind and field.
 */
export function checkEntryData<K extends TimelineKind>(kind: K, value: TimelineData<K>): TimelineData<K> {
  const result = TIMELINE[kind].data.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`timeline entry "${kind}" does not match its schema at ${issue?.path.join(".") || "data"}: ${issue?.message}`);
  }
  return value;
}

/** A one-line description of an entry (notes and updates render their own bodies); "" for data its schema refuses. */
export function describeEntry(entry: { kind: string; data: unknown }): string {
  if (!isTimelineKind(entry.kind)) return "";
  const spec: KindSpec<z.ZodType> = TIMELINE[entry.kind];
  const parsed = spec.data.safeParse(entry.data);
  return parsed.success ? spec.describe(parsed.data) : "";
}
