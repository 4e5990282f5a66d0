// The live state of one incident as every viewer sees it, and the pure rule that
// moves it forward: a snapshot taken at `lastSeq`, plus the timeline entries
// after it applied in seq order, is the current state. The server builds the
// snapshot (lib/server/incidents/view.ts); the client applies realtime entries
// with `applyEntries` and fetches `timeline?after=` when it sees a gap.
import type { IncidentStatus } from "./lifecycle";
import type { IncidentRole } from "./schemas";
import type { PersonRef } from "./people";
import type { Priority, Severity } from "./severity";
import type { TimelineData, TimelineEntry, TimelineKind } from "./timeline";
import type { HandoverView } from "./handover";
import type { UpdateMark } from "./promises";
import type { DecisionOutcome } from "./decisions";



export type HandoverBriefing = {
  state: string;
  workstreams?: string;
  openDecisions?: string;
  nextUpdate?: string;
};

export interface RoleHolderView {
  role: IncidentRole;
  user: PersonRef;
  assignedAt: string;
  /** Set when this assignment replaced a commander: the outgoing IC's briefing. */
  briefing: HandoverBriefing | null;
  briefedBy: PersonRef | null;
  /** When the incoming commander accepted the handover (or, before two-party handover, acknowledged its briefing). */
  acknowledgedAt: string | null;
  /** Command taken without acceptance from an absent commander (never a handover). */
  taken: boolean;
}

/** Someone who joined to help without a role: a person paged who acknowledged. */
export interface ResponderView {
  user: PersonRef;
  /** When they joined (their acknowledgement). */
  since: string;
}

export const WORKSTREAM_STATUSES = ["active", "blocked", "done"] as const;
export type WorkstreamStatus = (typeof WORKSTREAM_STATUSES)[number];

export interface WorkstreamView {
  id: string;
  title: string;
  goal: string;
  lead: PersonRef | null;
  status: WorkstreamStatus;
  scratchpad: string;
  threadUrl: string | null;
  blockedAt: string | null;
  version: number;
  updatedAt: string;
}

export const BOARD_KINDS = ["fact", "hypothesis", "unknown", "blocker"] as const;
export type BoardKind = (typeof BOARD_KINDS)[number];
export const BOARD_STATES = ["open", "confirmed", "ruled_out", "resolved"] as const;
export type BoardState = (typeof BOARD_STATES)[number];

export interface BoardItemView {
  id: string;
  kind: BoardKind;
  text: string;
  disproveBy: string | null;
  state: BoardState;
  owner: PersonRef | null;
  /** While ruled out: what was checked, by whom, a link, when. */
  evidence: EvidenceView | null;
  version: number;
  updatedAt: string;
}

export interface EvidenceView {
  checked: string;
  by: PersonRef;
  link: string | null;
  at: string;
}

/** Ruling out needs its evidence, and only ruling out takes it: the refusal's field and reason, or null. */
export function evidenceRefusal(nextState: BoardState | undefined, hasEvidence: boolean): { field: string; message: string } | null {
  if (nextState === "ruled_out" && !hasEvidence) return { field: "evidence", message: "Say what was checked to rule it out (and a link if there is one), so nobody checks it twice." };
  if (nextState !== "ruled_out" && hasEvidence) return { field: "evidence", message: "Evidence goes with ruling an item out." };
  return null;
}

export interface DecisionView {
  id: string;
  seq: number;
  decision: string;
  rationale: string;
  alternatives: string;
  reversible: boolean | null;
  decidedBy: PersonRef | null;
  decidedAt: string;
  actorKind: TimelineEntry["actorKind"];
  /** When to look at it again; null when not (or no longer: its outcome was recorded). */
  revisitAt: string | null;
  rollbackTrigger: string | null;
  rollbackLink: string | null;
  /** The latest outcome recorded when it came due. */
  outcome: { kind: DecisionOutcome; note: string; at: string; by: PersonRef | null } | null;
}

export interface UpdateView {
  id: string;
  seq: number;
  condition: string;
  action: string;
  need: string;
  audience: string;
  nextUpdateDueAt: string | null;
  eta: string | null;
  author: PersonRef | null;
  actorKind: TimelineEntry["actorKind"];
  at: string;
}

export interface LinkView {
  label: string;
  url: string;
}

export interface ServiceRefView {
  id: string;
  key: string;
  name: string;
  tier: number;
}

/** The incident's own fields: what `set` in an entry's data may change. */
export interface IncidentFields {
  title: string;
  summary: string;
  severity: Severity;
  priority: Priority;
  status: IncidentStatus;
  links: LinkView[];
  services: ServiceRefView[];
  /** Recovery checklist after resolution: item key → done. */
  recovery: Record<string, boolean>;
  acknowledgedAt: string | null;
  mitigatedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  nextUpdateDueAt: string | null;
  /** Escalation steps taken. */
  escalationStep: number;
  /** Merged into another incident (its ref): resolved, everything moved there. */
  mergedInto: string | null;
}

export interface IncidentView extends IncidentFields {
  ref: string;
  number: number;
  private: boolean;
  drill: boolean;
  version: number;
  lastSeq: number;
  intake: { blastRadius?: string; recentChanges?: string; notify?: string };
  startedAt: string | null;
  declaredAt: string;
  roles: RoleHolderView[];
  /** The commander's latest offer of command while it waits, or just after it expired or was declined; else null. */
  handover: HandoverView | null;
  /** In the order they joined. */
  responders: ResponderView[];
  workstreams: WorkstreamView[];
  board: BoardItemView[];
  /** Newest first. */
  decisions: DecisionView[];
  /** The newest update, and the newest per audience. */
  latestUpdate: UpdateView | null;
  latestUpdateByAudience: Partial<Record<string, UpdateView>>;
  /** Every update's time and the next it promised, oldest first: the record of promises kept (./promises.ts). */
  updateLog: UpdateMark[];
  /** Pinned entries, in seq order. */
  pinned: TimelineEntry[];
  /** The incident's alerts as its latest `alert` entry counted them; null when monitoring sent none. */
  alerts: AlertsView | null;
}

/** Alerts never resolve an incident: the page says "all alerts resolved since 03:12" and a person decides. */
export interface AlertsView {
  total: number;
  open: number;
  allResolvedAt: string | null;
}

/** What an `alert` entry says of the incident's alerts, or null for an entry written before it counted them. */
export function alertsViewOf(data: { total?: number; open?: number; allResolvedAt?: string }): AlertsView | null {
  if (typeof data.total !== "number" || typeof data.open !== "number") return null;
  return { total: data.total, open: data.open, allResolvedAt: data.open === 0 ? (data.allResolvedAt ?? null) : null };
}

// ─── Entry data that carries state ─────────────────────────────────────────
// Every entry that changes the incident's fields carries `set` (the new values)
// and `version` (the incident's version after the change).

export interface StateChange {
  set?: Partial<IncidentFields>;
  version?: number;
}

export interface RoleAssignedData extends StateChange {
  role: IncidentRole;
  user: string;
  userName?: string;
  previous?: string | null;
  briefing?: HandoverBriefing;
}

const person = (handle: string, name?: string): PersonRef => ({ handle, name: name ?? handle });

/**
 * What is still open when the incident resolves: workstreams not done, and blockers, hypotheses and unknowns not
 * settled. Resolving asks to close them or carry them into the postmortem as open questions.
 */
export function stillOpen(view: Pick<IncidentView, "workstreams" | "board">): { workstreams: WorkstreamView[]; board: BoardItemView[] } {
  return {
    workstreams: view.workstreams.filter((w) => w.status !== "done"),
    board: view.board.filter((b) => b.kind !== "fact" && b.state === "open"),
  };
}

export type ApplyResult =
  | { status: "applied"; view: IncidentView }
  | { status: "duplicate"; view: IncidentView }
  /** The entry is ahead of the view: entries `view.lastSeq + 1 … entry.seq - 1` are missing. */
  | { status: "gap"; view: IncidentView };

/** Applies one entry to the view: only the entry right after `lastSeq` moves it. */
export function applyEntry(view: IncidentView, entry: TimelineEntry): ApplyResult {
  if (entry.seq <= view.lastSeq) return { status: "duplicate", view };
  if (entry.seq > view.lastSeq + 1) return { status: "gap", view };
  return { status: "applied", view: reduce(view, entry) };
}

/**
 * Applies entries in seq order, skipping the ones already applied. Stops at the
 * first gap and says where: the caller fetches `timeline?after=<view.lastSeq>`.
 */
export function applyEntries(view: IncidentView, entries: readonly TimelineEntry[]): { view: IncidentView; applied: TimelineEntry[]; gap: boolean } {
  const sorted = [...entries].sort((a, b) => a.seq - b.seq);
  const applied: TimelineEntry[] = [];
  let current = view;
  for (const entry of sorted) {
    const result = applyEntry(current, entry);
    if (result.status === "gap") return { view: current, applied, gap: true };
    if (result.status === "applied") {
      current = result.view;
      applied.push(entry);
    }
  }
  return { view: current, applied, gap: false };
}

function reduce(prev: IncidentView, entry: TimelineEntry): IncidentView {
  const change = entry.data as StateChange;
  let view: IncidentView = { ...prev, lastSeq: entry.seq };
  if (change.set) view = { ...view, ...change.set };
  if (typeof change.version === "number") view.version = change.version;
  const reducer = REDUCERS[entry.kind] as Reducer<TimelineKind> | null;
  return reducer ? reducer(view, entry.data, entry) : view;
}

/** The view with a newly posted CAN update as the latest (overall and for its audience). */
function withUpdate(view: IncidentView, d: TimelineData<"update">, entry: TimelineEntry): IncidentView {
  const update: UpdateView = {
    id: d.updateId,
    seq: entry.seq,
    condition: d.condition,
    action: d.action,
    need: d.need,
    audience: d.audience,
    nextUpdateDueAt: d.nextUpdateDueAt,
    eta: d.eta ?? null,
    author: entry.author,
    actorKind: entry.actorKind,
    at: entry.at,
  };
  return {
    ...view,
    latestUpdate: update,
    latestUpdateByAudience: { ...view.latestUpdateByAudience, [update.audience]: update },
    updateLog: [...(view.updateLog ?? []), { at: entry.at, nextUpdateDueAt: d.nextUpdateDueAt }],
  };
}

/** Moves `view` (already at the entry's seq, `set` and `version` applied) by what the entry says. */
type Reducer<K extends TimelineKind> = (view: IncidentView, data: TimelineData<K>, entry: TimelineEntry) => IncidentView;

/**
 * The reducer's dispatch, one case per kind: null where `set`/`version` say it all.
 * A kind added to the timeline table fails to compile until it is listed here.
 */
const REDUCERS: { [K in TimelineKind]: Reducer<K> | null } = {
  declared: null,
  note: null,
  severity_changed: null,
  priority_changed: null,
  status_changed: (view, d, entry) => (d.update ? withUpdate(view, d.update, entry) : view),
  incident_edited: null,
  change_suspected: null,
  escalated: null,
  paged: null,
  page_skipped: null,
  page_acknowledged: (view, d, entry) =>
    d.joined && !view.responders.some((r) => r.user.handle === d.user)
      ? { ...view, responders: [...view.responders, { user: person(d.user, d.userName), since: entry.at }] }
      : view,
  escalation_exhausted: null,
  merged: null,
  alert: (view, d) => {
    const alerts = alertsViewOf(d);
    return alerts ? { ...view, alerts } : view;
  },
  update: (view, d, entry) => withUpdate(view, d, entry),
  decision: (view, d, entry) => {
    const decision: DecisionView = {
      id: d.decisionId,
      seq: entry.seq,
      decision: d.decision,
      rationale: d.rationale,
      alternatives: d.alternatives ?? "",
      reversible: typeof d.reversible === "boolean" ? d.reversible : null,
      decidedBy: d.decidedBy ?? entry.author,
      decidedAt: entry.at,
      actorKind: entry.actorKind,
      revisitAt: d.revisitAt ?? null,
      rollbackTrigger: d.rollbackTrigger ?? null,
      rollbackLink: d.rollbackLink ?? null,
      outcome: null,
    };
    return { ...view, decisions: [decision, ...view.decisions] };
  },
  decision_outcome: (view, d, entry) => ({
    ...view,
    decisions: view.decisions.map((x) => (x.id === d.decisionId ? { ...x, revisitAt: d.revisitAt, outcome: { kind: d.outcome, note: d.note, at: entry.at, by: entry.author } } : x)),
  }),
  role_assigned: (view, d, entry) => {
    const data = d as unknown as RoleAssignedData;
    const holder: RoleHolderView = {
      role: data.role,
      user: person(data.user, data.userName),
      assignedAt: entry.at,
      briefing: data.briefing ?? null,
      briefedBy: data.briefing ? entry.author : null,
      acknowledgedAt: null,
      taken: false,
    };
    // SMEs are many; every other role has one holder, replaced by the new one.
    const kept = view.roles.filter((r) => (data.role === "sme" ? !(r.role === "sme" && r.user.handle === data.user) : r.role !== data.role));
    return { ...view, roles: [...kept, holder], handover: data.role === "commander" ? null : view.handover };
  },
  role_unassigned: (view, d) => ({ ...view, roles: view.roles.filter((r) => !(r.role === d.role && r.user.handle === d.user)) }),
  role_acknowledged: (view, d, entry) => ({
    ...view,
    roles: view.roles.map((r) => (r.role === d.role && r.user.handle === d.user ? { ...r, acknowledgedAt: entry.at } : r)),
  }),
  handover_offered: (view, d, entry) => ({
    ...view,
    handover: {
      id: d.handoverId,
      status: "pending",
      from: person(d.from, d.fromName),
      to: person(d.to, d.toName),
      briefing: d.briefing,
      offeredAt: entry.at,
      expiresAt: d.expiresAt,
      decidedAt: null,
      reason: null,
    },
  }),
  handover_accepted: (view, d, entry) => withCommander(view, { user: person(d.user, d.userName), at: entry.at, briefing: d.briefing, briefedBy: person(d.previous, d.previousName), taken: false }),
  handover_declined: (view, d, entry) =>
    view.handover?.id === d.handoverId ? { ...view, handover: { ...view.handover, status: "declined", decidedAt: entry.at, reason: d.reason } } : view,
  handover_expired: (view, d, entry) => (view.handover?.id === d.handoverId ? { ...view, handover: { ...view.handover, status: "expired", decidedAt: entry.at } } : view),
  handover_withdrawn: (view, d) => (view.handover?.id === d.handoverId ? { ...view, handover: null } : view),
  command_taken: (view, d, entry) => withCommander(view, { user: person(d.user, d.userName), at: entry.at, briefing: d.briefing ?? null, briefedBy: d.briefing ? entry.author : null, taken: true }),
  workstream: (view, d) => (d.workstream ? { ...view, workstreams: upsert(view.workstreams, d.workstream) } : view),
  board: (view, d) => (d.item ? { ...view, board: upsert(view.board, d.item) } : view),
  entry_pinned: (view, d) => {
    const target = d.entry as TimelineEntry | undefined;
    const others = view.pinned.filter((p) => p.seq !== d.seq);
    return { ...view, pinned: d.pinned && target ? [...others, { ...target, pinned: true }].sort((a, b) => a.seq - b.seq) : others };
  },
};

/** Command moved (accepted or taken): the new commander holds it from `at`, and any offer is over. */
function withCommander(view: IncidentView, c: { user: PersonRef; at: string; briefing: HandoverBriefing | null; briefedBy: PersonRef | null; taken: boolean }): IncidentView {
  const holder: RoleHolderView = { role: "commander", user: c.user, assignedAt: c.at, briefing: c.briefing, briefedBy: c.briefedBy, acknowledgedAt: c.taken ? null : c.at, taken: c.taken };
  return { ...view, roles: [...view.roles.filter((r) => r.role !== "commander"), holder], handover: null };
}

function upsert<T extends { id: string }>(list: readonly T[], item: T): T[] {
  const index = list.findIndex((x) => x.id === item.id);
  if (index === -1) return [...list, item];
  const next = [...list];
  next[index] = item;
  return next;
}

/** The timeline a viewer holds: newest first, no duplicates; pin flags follow `entry_pinned` entries. */
export function mergeTimeline(current: readonly TimelineEntry[], incoming: readonly TimelineEntry[]): TimelineEntry[] {
  const bySeq = new Map<number, TimelineEntry>();
  for (const e of current) bySeq.set(e.seq, e);
  const sorted = [...incoming].sort((a, b) => a.seq - b.seq);
  for (const e of sorted) bySeq.set(e.seq, e);
  for (const e of sorted) {
    if (e.kind === "entry_pinned") {
      const target = bySeq.get(e.data.seq);
      if (target) bySeq.set(target.seq, { ...target, pinned: e.data.pinned });
    }
  }
  return [...bySeq.values()].sort((a, b) => b.seq - a.seq);
}

export function commanderOf(view: Pick<IncidentView, "roles">): RoleHolderView | null {
  return view.roles.find((r) => r.role === "commander") ?? null;
}
