// Merging incidents (issue 16): one outage declared twice — by monitoring and by a person, or by two people — becomes
// one. Merging INC-9 into INC-7 moves INC-9's alerts, pages, services and people to INC-7 and resolves INC-9 as
// "merged into INC-7", left out of the recently-resolved lists; every dedup key then points at INC-7, so the next alert
// of INC-9's identities joins INC-7. Pure: the input and the rule of what may merge into what. No I/O.
import { z } from "zod";
import { INT4_MAX } from "./input";
import type { IncidentStatus } from "./lifecycle";
import { incidentRefSchema, text } from "./schemas";

export const incidentMergeSchema = z
  .object({
    /** The incident that stays: everything moves there. */
    into: incidentRefSchema,
    /** The version of the incident being merged away, as last read (409 when stale). */
    version: z.number({ error: "Required: the version you last read" }).int().min(1).max(INT4_MAX),
    reason: text(2000, "Say why").optional(),
  })
  .strict();
export type IncidentMergeInput = z.infer<typeof incidentMergeSchema>;

export interface MergeSide {
  ref: string;
  status: IncidentStatus;
  private: boolean;
  drill: boolean;
}

export type MergeProblem = { code: "invalid_input" | "conflict"; field: "into" | "status"; message: string };

/** Why `source` cannot merge into `target`, or null when it can. */
export function mergeProblem(source: MergeSide, target: MergeSide): MergeProblem | null {
  const open = (s: IncidentStatus) => s === "investigating" || s === "mitigated";
  if (source.ref === target.ref) return { code: "invalid_input", field: "into", message: "An incident cannot be merged into itself." };
  if (!open(source.status)) return { code: "conflict", field: "status", message: `${source.ref} is ${source.status}: only an open incident is merged.` };
  if (!open(target.status)) return { code: "conflict", field: "into", message: `${target.ref} is ${target.status}: merge into an open incident, or reopen it first.` };
  if (source.drill !== target.drill) return { code: "invalid_input", field: "into", message: source.drill ? "A drill merges only into a drill." : "A real incident never merges into a drill." };
  // Each side's timeline names the other: a private incident is never named on a public one, nor its alerts moved there.
  if (source.private && !target.private) return { code: "invalid_input", field: "into", message: `${source.ref} is private: it merges only into a private incident.` };
  if (!source.private && target.private) return { code: "invalid_input", field: "into", message: `${target.ref} is private: only a private incident merges into it.` };
  return null;
}

/** The incidents `self` may merge into, for the merge dialog: open ones it may join, most severe first, then the oldest. */
export function mergeCandidates<T extends MergeSide & { severity: string; declaredAt: string }>(self: MergeSide, incidents: T[]): T[] {
  return incidents
    .filter((i) => mergeProblem(self, i) === null)
    .sort((a, b) => a.severity.localeCompare(b.severity) || a.declaredAt.localeCompare(b.declaredAt));
}
