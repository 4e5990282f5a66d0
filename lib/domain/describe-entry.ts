// One readable line (or a markdown body) per timeline entry, for the page, feeds and exports.
import { describeSuspectedChange, type ChangeSuspectedData } from "./changes";
import type { EntryView } from "./incident-view";
import { RECOVERY_CHECKLIST } from "./lifecycle";

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

/** A one-line description of an entry (notes and updates render their own bodies). */
export function describeEntry(entry: Pick<EntryView, "kind" | "data">): string {
  const d = entry.data;
  switch (entry.kind) {
    case "declared":
      return `Declared ${str(d.severity)}: ${str(d.title)}`;
    case "note":
      return str(d.body);
    case "update":
      return `Condition: ${str(d.condition)} · Action: ${str(d.action)}${d.need ? ` · Need: ${str(d.need)}` : ""}`;
    case "decision":
      return `${str(d.decision)}${d.rationale ? ` — because ${str(d.rationale)}` : ""}`;
    case "severity_changed":
    case "priority_changed":
    case "status_changed": {
      const more = d.changes && Object.keys(d.changes).length > 1 ? ` (${fieldChanges(d.changes)})` : "";
      return `${str(d.from)} → ${str(d.to)}${d.reason ? `: ${str(d.reason)}` : ""}${more}`;
    }
    case "incident_edited":
      return `${fieldChanges(d.changes)}${d.reason ? `: ${str(d.reason)}` : ""}`;
    case "role_assigned":
      return d.role === "commander" && d.previous
        ? `@${str(d.previous)} handed command to @${str(d.user)}`
        : `@${str(d.user)} is ${roleName(str(d.role))}${d.previous ? ` (was @${str(d.previous)})` : ""}`;
    case "role_unassigned":
      return `@${str(d.user)} is no longer ${roleName(str(d.role))}`;
    case "role_acknowledged":
      return `@${str(d.user)} acknowledged the handover: has the conn`;
    case "workstream": {
      const what = d.action === "created" ? "Started" : d.action === "status_changed" ? `Now ${str(d.status)}:` : "Updated";
      return `${what} “${str(d.title)}”${d.action === "created" && d.lead ? ` led by @${str(d.lead)}` : ""}${Array.isArray(d.changes) && d.action === "updated" ? ` (${d.changes.join(", ")})` : ""}`;
    }
    case "board": {
      const kind = str(d.kind);
      return d.action === "created" ? `New ${kind}: ${str(d.text)}` : `${kind[0]?.toUpperCase()}${kind.slice(1)} ${str(d.state).replace("_", " ")}: ${str(d.text)}`;
    }
    case "change_suspected":
      return describeSuspectedChange(d as unknown as ChangeSuspectedData);
    case "entry_pinned":
      return d.pinned ? `Pinned #${str(d.seq)}` : `Unpinned #${str(d.seq)}`;
    case "escalated":
      return `Escalation step ${str(d.step)}: pulled in ${str(d.pullIn)}${d.note ? ` — ${str(d.note)}` : ""}`;
    case "alert":
      return str(d.summary ?? d.title ?? "Alert");
    case "paged": {
      const who = (d.users as string[] | undefined)?.map((h) => `@${h}`).join(", ") ?? "";
      const step = `${str(d.policy)}, step ${Number(d.step) + 1}${Number(d.round) > 0 ? ` (repeat ${str(d.round)})` : ""}`;
      if (d.acknowledgedBy) return `Paged ${who} (${step}) — @${str(d.acknowledgedBy)} declared it, so it is acknowledged`;
      return `Paged ${who} (${step}); escalates in ${str(d.delay)} unless acknowledged`;
    }
    case "page_skipped":
      return `${str(d.policy)}, step ${Number(d.step) + 1}: nobody paged (${str(d.reason)}); moving on`;
    case "page_acknowledged":
      return `@${str(d.user)} acknowledged the page after ${formatSeconds(Number(d.afterSeconds))}${d.stoppedEscalation ? ` — ${str(d.policy)} stops escalating` : ""}`;
    case "escalation_exhausted":
      return str(d.reason);
    default:
      return "";
  }
}
