// Nudges from postmortems (overdue action items, a major review without a "prevent" item). Pure: no I/O.
import { formatDuration } from "../time";
import { isOverdue, missingPreventItem } from "./action-items";

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
