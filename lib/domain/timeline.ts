// Timeline entry kinds and the fields each carries (TimelineEntry.data).
// Every change to an incident produces exactly one entry of one of these kinds.
import { z } from "zod";

export const TIMELINE_KINDS = [
  "declared",
  "note",
  "update",
  "decision",
  "severity_changed",
  "priority_changed",
  "status_changed",
  "incident_edited",
  "role_assigned",
  "role_unassigned",
  "role_acknowledged",
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
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

const person = z.object({ handle: z.string(), name: z.string() });
/** Entries that change the incident's own fields carry the new values and version (see incident-view.ts). */
const stateChange = { set: z.record(z.string(), z.unknown()).optional(), version: z.number().int().optional() };
const fieldChange = z.object({ from: z.unknown(), to: z.unknown() });

export const timelineDataSchemas = {
  declared: z.object({
    title: z.string(),
    severity: z.string(),
    priority: z.string(),
    summary: z.string().optional(),
    private: z.boolean().optional(),
    drill: z.boolean().optional(),
    services: z.array(z.string()).optional(),
    commander: z.string().nullable().optional(),
    blastRadius: z.string().optional(),
    recentChanges: z.string().optional(),
    notify: z.string().optional(),
  }),
  note: z.object({ body: z.string() }),
  update: z.object({
    updateId: z.string(),
    condition: z.string(),
    action: z.string(),
    need: z.string(),
    audience: z.string(),
    nextUpdateDueAt: z.string().nullable(),
    eta: z.string().nullable().optional(),
    ...stateChange,
  }),
  decision: z.object({
    decisionId: z.string(),
    decision: z.string(),
    rationale: z.string(),
    alternatives: z.string().optional(),
    reversible: z.boolean().nullable().optional(),
    decidedBy: person.optional(),
  }),
  // One PATCH is one entry. Its kind names the most important field it changed
  // (severity, then status, then priority, else "incident_edited"); `changes` lists them all.
  severity_changed: z.object({ from: z.string(), to: z.string(), reason: z.string(), changes: z.record(z.string(), fieldChange).optional(), ...stateChange }),
  priority_changed: z.object({ from: z.string(), to: z.string(), reason: z.string().optional(), changes: z.record(z.string(), fieldChange).optional(), ...stateChange }),
  status_changed: z.object({
    from: z.string(),
    to: z.string(),
    reason: z.string(),
    changes: z.record(z.string(), fieldChange).optional(),
    resolution: z.record(z.string(), z.boolean()).optional(),
    ...stateChange,
  }),
  incident_edited: z.object({ changes: z.record(z.string(), fieldChange), reason: z.string().optional(), ...stateChange }),
  role_assigned: z.object({
    role: z.string(),
    user: z.string(),
    userName: z.string().optional(),
    previous: z.string().nullable().optional(),
    briefing: z.record(z.string(), z.string()).optional(),
  }),
  role_unassigned: z.object({ role: z.string(), user: z.string(), userName: z.string().optional() }),
  role_acknowledged: z.object({ role: z.string(), user: z.string() }),
  workstream: z.object({
    workstreamId: z.string(),
    action: z.string(),
    title: z.string(),
    status: z.string().optional(),
    lead: z.string().nullable().optional(),
    changes: z.array(z.string()).optional(),
    workstream: z.record(z.string(), z.unknown()).optional(),
  }),
  board: z.object({ itemId: z.string(), action: z.string(), kind: z.string(), text: z.string(), state: z.string(), changes: z.array(z.string()).optional(), item: z.record(z.string(), z.unknown()).optional() }),
  entry_pinned: z.object({ seq: z.number().int(), pinned: z.boolean(), entry: z.record(z.string(), z.unknown()).optional() }),
  escalated: z.object({ step: z.number().int(), pullIn: z.string(), note: z.string().optional(), ...stateChange }),
  /** The escalation engine paged people (author: Conn itself). */
  paged: z.object({
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
  page_skipped: z.object({ policy: z.string(), step: z.number().int(), round: z.number().int(), reason: z.string() }),
  page_acknowledged: z.object({
    user: z.string(),
    policy: z.string().nullable(),
    step: z.number().int(),
    round: z.number().int(),
    afterSeconds: z.number(),
    stoppedEscalation: z.boolean(),
    ...stateChange,
  }),
  escalation_exhausted: z.object({ policy: z.string(), reason: z.string() }),
  /** A change put on the timeline as a suspect: a copy of the change, so the entry renders without another fetch. */
  change_suspected: z.object({
    changeId: z.string(),
    service: z.string(),
    kind: z.string(),
    summary: z.string(),
    at: z.string(),
    link: z.string().nullable(),
    version: z.string().nullable(),
  }),
} as const;

export const TIMELINE_KIND_LABELS: Record<string, string> = {
  declared: "Declared",
  note: "Note",
  update: "Status update",
  decision: "Decision",
  severity_changed: "Severity",
  priority_changed: "Priority",
  status_changed: "Status",
  incident_edited: "Edited",
  role_assigned: "Role",
  role_unassigned: "Role",
  role_acknowledged: "Handover",
  workstream: "Workstream",
  board: "Board",
  change_suspected: "Suspect change",
  entry_pinned: "Pin",
  escalated: "Escalation",
  paged: "Page",
  page_skipped: "Page",
  page_acknowledged: "Page",
  escalation_exhausted: "Page",
  alert: "Alert",
};

/** Filters offered on the timeline: a label and the kinds it shows. */
export const TIMELINE_FILTERS = {
  all: { label: "All", kinds: null },
  updates: { label: "Updates", kinds: ["update"] },
  decisions: { label: "Decisions", kinds: ["decision"] },
  notes: { label: "Notes", kinds: ["note"] },
  changes: { label: "State", kinds: ["declared", "severity_changed", "priority_changed", "status_changed", "incident_edited"] },
  people: { label: "People", kinds: ["role_assigned", "role_unassigned", "role_acknowledged", "escalated", "paged", "page_skipped", "page_acknowledged", "escalation_exhausted"] },
  work: { label: "Work", kinds: ["workstream", "board", "change_suspected"] },
} as const satisfies Record<string, { label: string; kinds: readonly TimelineKind[] | null }>;
export type TimelineFilter = keyof typeof TIMELINE_FILTERS;
