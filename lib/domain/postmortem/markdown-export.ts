// A postmortem as one Markdown document. Pure: no I/O.
import { ACTION_ITEM_STATUS_LABELS, type ActionItemStatus } from "./action-items";
import { formatUtc } from "./prefill";
import { POSTMORTEM_TYPE_LABELS, type PostmortemType } from "./review-types";
import { POSTMORTEM_STATUS_LABELS, type PostmortemStatus } from "./workflow";

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
