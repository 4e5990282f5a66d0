import type { TimelineEntryDto } from "@/lib/realtime/events";
import { TIMELINE_KIND_LABELS } from "@/lib/domain/timeline";
import { RelativeTime } from "@/components/ui/relative-time";
import { Tag } from "./badges";

function describe(entry: TimelineEntryDto): string {
  const d = entry.data as Record<string, unknown>;
  switch (entry.kind) {
    case "declared":
      return `Declared ${d.severity}: ${d.title}`;
    case "note":
      return String(d.body ?? "");
    case "update":
      return `Condition: ${d.condition}\nAction: ${d.action}${d.need ? `\nNeed: ${d.need}` : ""}`;
    case "decision":
      return `${d.decision}${d.rationale ? ` — because ${d.rationale}` : ""}`;
    case "severity_changed":
    case "priority_changed":
    case "status_changed":
      return `${d.from} → ${d.to}${d.reason ? `: ${d.reason}` : ""}`;
    case "role_assigned":
      return `@${d.user} is ${String(d.role).replace("_", " ")}${d.previous ? ` (was @${d.previous})` : ""}`;
    case "role_unassigned":
      return `@${d.user} is no longer ${String(d.role).replace("_", " ")}`;
    case "workstream":
      return `${d.action} “${d.title}”${d.status ? ` (${d.status})` : ""}`;
    default:
      return JSON.stringify(d);
  }
}

export function Timeline({ entries }: { entries: TimelineEntryDto[] }) {
  return (
    <ol className="space-y-2">
      {[...entries].reverse().map((entry) => (
        <li key={entry.seq} data-seq={entry.seq} className="rounded-md border border-slate-200 bg-white px-3 py-2 dark:border-slate-800 dark:bg-slate-900">
          <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
            <span className="font-mono">#{entry.seq}</span>
            <span className="font-semibold text-slate-700 dark:text-slate-300">{TIMELINE_KIND_LABELS[entry.kind] ?? entry.kind}</span>
            <span>{entry.author ? `@${entry.author.handle}` : "system"}</span>
            {entry.actorKind === "automation" && <Tag tone="sky">bot</Tag>}
            <RelativeTime at={entry.at} className="ml-auto" />
          </div>
          <p className="mt-1 whitespace-pre-wrap text-sm">{describe(entry)}</p>
        </li>
      ))}
    </ol>
  );
}
