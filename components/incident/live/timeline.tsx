"use client";
// The timeline: every change is one entry with its seq, author and time. Newest
// first; new entries slide in at the top without moving what you are reading
// below; older ones load on demand (keyset pagination by seq).
import { useState } from "react";
import { RelativeTime } from "@/components/ui/relative-time";
import { Markdown } from "@/components/ui/markdown";
import { describeEntry, TIMELINE_FILTERS, TIMELINE_KIND_LABELS, type TimelineFilter } from "@/lib/domain/timeline";
import type { TimelineEntry } from "@/lib/domain/timeline";
import { ApiRequestError } from "@/lib/query/fetch-json";
import { Tag } from "@/components/ui/badges";
import { useIncident } from "./context";

const KIND_ACCENT: Record<string, string> = {
  update: "border-l-sky-500",
  decision: "border-l-violet-500",
  severity_changed: "border-l-red-500",
  status_changed: "border-l-emerald-500",
  role_assigned: "border-l-amber-500",
  role_acknowledged: "border-l-amber-500",
  handover_offered: "border-l-amber-500",
  handover_accepted: "border-l-amber-500",
  handover_declined: "border-l-amber-500",
  handover_expired: "border-l-amber-500",
  handover_withdrawn: "border-l-amber-500",
  command_taken: "border-l-red-500",
  change_suspected: "border-l-orange-500",
  declared: "border-l-red-600",
};

export function EntryBody({ entry }: { entry: TimelineEntry }) {
  const d = entry.data;
  if (entry.kind === "note") return <Markdown>{String(d.body ?? "")}</Markdown>;
  if (entry.kind === "update") {
    return (
      <dl className="space-y-1 text-sm">
        {(["condition", "action", "need"] as const).map((k) =>
          d[k] ? (
            <div key={k} className="flex gap-2">
              <dt className="w-20 shrink-0 font-semibold capitalize text-slate-500">{k}</dt>
              <dd className="min-w-0 whitespace-pre-wrap break-words">{String(d[k])}</dd>
            </div>
          ) : null,
        )}
      </dl>
    );
  }
  return <p className="text-sm whitespace-pre-wrap break-words">{describeEntry(entry)}</p>;
}

function Entry({ entry, canPin }: { entry: TimelineEntry; canPin: boolean }) {
  const { write } = useIncident();
  const [error, setError] = useState<string | null>(null);
  const togglePin = async () => {
    setError(null);
    try {
      await write("POST", `/timeline/${entry.seq}/pin`, { pinned: !entry.pinned });
    } catch (e) {
      setError(e instanceof ApiRequestError ? e.message : "Could not pin.");
    }
  };
  return (
    <li data-seq={entry.seq} data-kind={entry.kind} className={`rounded-md border border-l-4 border-slate-200 bg-white px-3 py-2 dark:border-slate-800 dark:bg-slate-900 ${KIND_ACCENT[entry.kind] ?? "border-l-slate-300 dark:border-l-slate-700"}`}>
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-500">
        <span className="font-mono">#{entry.seq}</span>
        <span className="font-semibold text-slate-700 dark:text-slate-300">{TIMELINE_KIND_LABELS[entry.kind] ?? entry.kind}</span>
        <span title={entry.author?.name}>{entry.author ? `@${entry.author.handle}` : (senderOf(entry) ?? "system")}</span>
        {entry.actorKind === "automation" && <Tag tone="sky">bot</Tag>}
        {entry.pinned && <span className="rounded bg-amber-200 px-1 font-semibold text-amber-900 dark:bg-amber-900 dark:text-amber-100">pinned</span>}
        <span className="ml-auto flex items-center gap-2">
          <RelativeTime at={entry.at} />
          {canPin && entry.kind !== "entry_pinned" && (
            <button type="button" onClick={togglePin} className="rounded px-1.5 py-1 hover:bg-slate-100 dark:hover:bg-slate-800" aria-label={entry.pinned ? `Unpin #${entry.seq}` : `Pin #${entry.seq}`}>
              {entry.pinned ? "Unpin" : "Pin"}
            </button>
          )}
        </span>
      </div>
      <div className="mt-1">
        <EntryBody entry={entry} />
      </div>
      {error && <p role="alert" className="mt-1 text-xs text-red-600 dark:text-red-400">{error}</p>}
    </li>
  );
}

export function TimelinePanel({ entries, hasOlder, loadOlder }: { entries: TimelineEntry[]; hasOlder: boolean; loadOlder: () => Promise<void> }) {
  const { canWrite } = useIncident();
  const [filter, setFilter] = useState<TimelineFilter>("all");
  const [loading, setLoading] = useState(false);
  const kinds = TIMELINE_FILTERS[filter].kinds as readonly string[] | null;
  const shown = kinds ? entries.filter((e) => kinds.includes(e.kind)) : entries;
  return (
    <section aria-labelledby="timeline-heading" className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="timeline-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
          Timeline
        </h2>
        <div role="group" aria-label="Filter the timeline" className="flex flex-wrap gap-1">
          {(Object.keys(TIMELINE_FILTERS) as TimelineFilter[]).map((key) => (
            <button
              key={key}
              type="button"
              aria-pressed={filter === key}
              onClick={() => setFilter(key)}
              className={`rounded-full border px-2.5 py-1 text-xs ${filter === key ? "border-slate-900 bg-slate-900 text-white dark:border-slate-100 dark:bg-slate-100 dark:text-slate-900" : "border-slate-300 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"}`}
            >
              {TIMELINE_FILTERS[key].label}
            </button>
          ))}
        </div>
      </div>
      <ol className="space-y-2" data-testid="timeline">
        {shown.map((entry) => (
          <Entry key={entry.seq} entry={entry} canPin={canWrite} />
        ))}
      </ol>
      {shown.length === 0 && <p className="text-sm text-slate-500">Nothing of this kind yet.</p>}
      {hasOlder && (
        <button
          type="button"
          disabled={loading}
          onClick={async () => {
            setLoading(true);
            await loadOlder().finally(() => setLoading(false));
          }}
          className="w-full rounded-md border border-slate-300 py-2 text-sm hover:bg-slate-100 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800"
        >
          {loading ? "Loading…" : "Load older entries"}
        </button>
      )}
    </section>
  );
}

export function PinnedEntries() {
  const { view } = useIncident();
  if (view.pinned.length === 0) return null;
  return (
    <section aria-labelledby="pinned-heading" className="space-y-2">
      <h2 id="pinned-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
        Pinned
      </h2>
      <ul className="space-y-1">
        {view.pinned.map((entry) => (
          <li key={entry.seq} className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm dark:border-amber-800 dark:bg-amber-950/40">
            <span className="mr-2 font-mono text-xs text-slate-500">#{entry.seq}</span>
            <span className="mr-2 text-xs font-semibold">{TIMELINE_KIND_LABELS[entry.kind] ?? entry.kind}</span>
            {entry.kind === "note" ? <Markdown className="inline">{String(entry.data.body ?? "")}</Markdown> : describeEntry(entry)}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** An alert entry has no person behind it: it names the monitoring senders (their integration keys) that sent it. */
function senderOf(entry: { kind: string; data: unknown }): string | null {
  if (entry.kind !== "alert") return null;
  const via = (entry.data as { via?: unknown }).via;
  return Array.isArray(via) && via.length ? via.filter((v): v is string => typeof v === "string").join(", ") : null;
}
