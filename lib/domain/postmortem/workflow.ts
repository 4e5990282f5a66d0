// A postmortem's review workflow: when one may start, and draft → in review → published (and back). Pure: no I/O.
import type { IncidentStatus } from "../lifecycle";

/** A postmortem can be started once the incident is no longer active. */
export function canStartPostmortem(status: IncidentStatus): boolean {
  return status === "resolved" || status === "closed";
}

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
