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
  "role_assigned",
  "role_unassigned",
  "workstream",
  "board",
  "change_suspected",
  "incident_edited",
  "alert",
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export const timelineDataSchemas = {
  declared: z.object({
    title: z.string(),
    severity: z.string(),
    priority: z.string(),
    summary: z.string().optional(),
    private: z.boolean().optional(),
    drill: z.boolean().optional(),
    services: z.array(z.string()).optional(),
    commander: z.string().optional(),
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
  }),
  decision: z.object({
    decisionId: z.string(),
    decision: z.string(),
    rationale: z.string(),
    alternatives: z.string().optional(),
    reversible: z.boolean().nullable().optional(),
  }),
  severity_changed: z.object({ from: z.string(), to: z.string(), reason: z.string() }),
  priority_changed: z.object({ from: z.string(), to: z.string(), reason: z.string().optional() }),
  status_changed: z.object({ from: z.string(), to: z.string(), reason: z.string() }),
  role_assigned: z.object({ role: z.string(), user: z.string(), previous: z.string().nullable().optional(), briefing: z.record(z.string(), z.string()).optional() }),
  role_unassigned: z.object({ role: z.string(), user: z.string() }),
  workstream: z.object({ workstreamId: z.string(), action: z.string(), title: z.string(), status: z.string().optional(), lead: z.string().nullable().optional() }),
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
  role_assigned: "Role",
  role_unassigned: "Role",
  workstream: "Workstream",
  board: "Board",
  change_suspected: "Suspect change",
  incident_edited: "Edited",
  alert: "Alert",
};
