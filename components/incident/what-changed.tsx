"use client";
// "What changed, and when?": the deploys, config changes, flag flips and migrations on
// the incident's services and their dependencies around its start, newest first, each
// one click away from the timeline as a suspect.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { CHANGE_KIND_LABELS, describeOffsetFromStart, type ChangeKind, type IncidentChangeDto, type IncidentChangesDto } from "@/lib/domain/changes";
import { formatAbsolute } from "@/lib/domain/time";
import { ApiRequestError, fetchJson } from "@/lib/query/fetch-json";
import { Tag } from "@/components/ui/badges";

/** Beside queryKeys.timeline(ref) in lib/query/keys.ts's scheme. */
const changesKey = (ref: string) => ["incident", ref.toUpperCase(), "changes"] as const;

/** The panel asks for one page this large; the note below the list says when there are more. */
const PAGE_SIZE = 200;

const KIND_STYLE: Record<ChangeKind, string> = {
  deploy: "border-sky-300 bg-sky-50 text-sky-800 dark:border-sky-700 dark:bg-sky-950 dark:text-sky-300",
  config: "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-300",
  flag: "border-violet-300 bg-violet-50 text-violet-800 dark:border-violet-700 dark:bg-violet-950 dark:text-violet-300",
  migration: "border-emerald-300 bg-emerald-50 text-emerald-800 dark:border-emerald-700 dark:bg-emerald-950 dark:text-emerald-300",
  other: "border-slate-300 bg-slate-50 text-slate-700 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-300",
};

function KindIcon({ kind }: { kind: ChangeKind }) {
  const common = { width: 14, height: 14, viewBox: "0 0 24 24", fill: "none", stroke: "currentColor", strokeWidth: 2, strokeLinecap: "round", strokeLinejoin: "round", "aria-hidden": true } as const;
  switch (kind) {
    case "deploy": // an arrow going out
      return (
        <svg {...common}>
          <path d="M12 19V5M5 12l7-7 7 7" />
        </svg>
      );
    case "config": // sliders
      return (
        <svg {...common}>
          <path d="M4 6h10M18 6h2M4 12h4M12 12h8M4 18h12" />
          <circle cx="16" cy="6" r="2" />
          <circle cx="10" cy="12" r="2" />
          <circle cx="18" cy="18" r="2" />
        </svg>
      );
    case "flag":
      return (
        <svg {...common}>
          <path d="M5 21V4h11l-2 4 2 4H5" />
        </svg>
      );
    case "migration": // a database
      return (
        <svg {...common}>
          <ellipse cx="12" cy="6" rx="7" ry="3" />
          <path d="M5 6v12c0 1.7 3.1 3 7 3s7-1.3 7-3V6M5 12c0 1.7 3.1 3 7 3s7-1.3 7-3" />
        </svg>
      );
    default:
      return (
        <svg {...common}>
          <circle cx="12" cy="12" r="3" />
        </svg>
      );
  }
}

function KindBadge({ kind }: { kind: ChangeKind }) {
  const known = kind in KIND_STYLE;
  return (
    <span className={`inline-flex items-center gap-1 rounded border px-1.5 py-0.5 text-xs font-semibold ${KIND_STYLE[known ? kind : "other"]}`}>
      <KindIcon kind={known ? kind : "other"} />
      {CHANGE_KIND_LABELS[kind] ?? kind}
    </span>
  );
}

function ChangeRow({
  change,
  start,
  canWrite,
  pending,
  error,
  onSuspect,
}: {
  change: IncidentChangeDto;
  start: Date;
  canWrite: boolean;
  pending: boolean;
  error: string | undefined;
  onSuspect: () => void;
}) {
  const at = new Date(change.at);
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const summaryId = `change-${change.id}-summary`;
  const duringIncident = at.getTime() >= start.getTime();
  return (
    <li data-change-id={change.id} className="flex flex-col gap-2 px-3 py-3 sm:flex-row sm:items-start sm:gap-3">
      <div className="min-w-0 flex-1 space-y-1">
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs">
          <KindBadge kind={change.kind} />
          <span className="font-mono font-medium text-slate-700 dark:text-slate-300" title={change.service.name}>
            {change.service.key}
          </span>
          {change.relation === "dependency" && <Tag>dependency</Tag>}
          {change.version && (
            <code className="max-w-full truncate rounded bg-slate-100 px-1 font-mono text-slate-700 dark:bg-slate-800 dark:text-slate-300" title={change.version}>
              {change.version}
            </code>
          )}
          {change.actorKind === "automation" && <Tag tone="sky">bot</Tag>}
        </div>
        <p id={summaryId} className="break-words text-sm font-medium">
          {change.summary}
        </p>
        <p className="flex flex-wrap items-center gap-x-2 gap-y-0.5 text-xs text-slate-500 dark:text-slate-400">
          <RelativeTime at={change.at} className="font-medium text-slate-700 dark:text-slate-300" />
          <time dateTime={change.at} suppressHydrationWarning>
            {formatAbsolute(at, zone)}
          </time>
          <span className={duringIncident ? "font-medium text-amber-700 dark:text-amber-400" : undefined}>{describeOffsetFromStart(at, start)}</span>
          {change.author && <span>@{change.author.handle}</span>}
          {change.link && (
            <a href={change.link} target="_blank" rel="noopener noreferrer" className="tap text-sky-700 underline hover:text-sky-900 dark:text-sky-400 dark:hover:text-sky-300">
              Details<span className="sr-only"> of this change (opens in a new tab)</span>
            </a>
          )}
        </p>
        {error && (
          <p role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">
            {error}
          </p>
        )}
      </div>
      {canWrite && (
        <Button
          variant="secondary"
          className="w-full shrink-0 sm:w-auto"
          disabled={change.suspected || pending}
          aria-describedby={summaryId}
          onClick={onSuspect}
        >
          {change.suspected ? "On timeline" : pending ? "Adding…" : "Suspect"}
        </Button>
      )}
    </li>
  );
}

export function WhatChanged({ incidentRef, canWrite }: { incidentRef: string; canWrite: boolean }) {
  const queryClient = useQueryClient();
  const key = changesKey(incidentRef);
  const changes = useQuery({
    queryKey: key,
    queryFn: () => fetchJson<IncidentChangesDto>(`/api/v1/incidents/${encodeURIComponent(incidentRef)}/changes?limit=${PAGE_SIZE}`),
    // CI/CD keeps posting during an incident: a deploy made now belongs on this list.
    refetchInterval: 60_000,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});

  const markSuspected = (changeId: string) =>
    queryClient.setQueryData<IncidentChangesDto>(key, (old) =>
      old ? { ...old, items: old.items.map((c) => (c.id === changeId ? { ...c, suspected: true } : c)) } : old,
    );

  const suspect = useMutation({
    mutationFn: (changeId: string) =>
      fetchJson(`/api/v1/incidents/${encodeURIComponent(incidentRef)}/suspects`, { method: "POST", json: { changeId }, credentials: "same-origin" }),
    onMutate: (changeId) => setErrors(({ [changeId]: _dropped, ...rest }) => rest),
    onSuccess: (_entry, changeId) => markSuspected(changeId),
    onError: (error, changeId) => {
      // Someone else suspected it first: it is on the timeline, which is what this click wanted.
      if (error instanceof ApiRequestError && error.code === "conflict") return markSuspected(changeId);
      setErrors((e) => ({ ...e, [changeId]: error instanceof ApiRequestError ? error.message : "Could not reach Conn. Try again." }));
    },
  });

  const data = changes.data;
  const affected = data?.services.filter((s) => s.relation === "affected") ?? [];
  const dependencies = data?.services.filter((s) => s.relation === "dependency") ?? [];

  return (
    <section aria-labelledby="what-changed-heading" aria-busy={changes.isPending} className="space-y-2">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <h2 id="what-changed-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
          What changed?
        </h2>
        {data && (
          <p className="text-xs text-slate-500 [overflow-wrap:anywhere] dark:text-slate-400">
            From {data.window.hours} h before the start to {Date.parse(data.window.until) < changes.dataUpdatedAt ? "the resolution" : "now"}
            {affected.length > 0 && (
              <>
                {" · "}
                {affected.map((s) => s.key).join(", ")}
                {dependencies.length > 0 && (
                  <span title={dependencies.map((s) => s.key).join(", ")}>
                    {" "}
                    + {dependencies.length} {dependencies.length === 1 ? "dependency" : "dependencies"}
                  </span>
                )}
              </>
            )}
          </p>
        )}
      </div>

      {changes.isPending && (
        <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-500 dark:border-slate-800 dark:bg-slate-900">Loading changes…</p>
      )}

      {changes.isError && (
        <div role="alert" className="flex flex-wrap items-center gap-2 rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-300">
          <span className="flex-1">{changes.error instanceof ApiRequestError ? changes.error.message : "Could not load the changes."}</span>
          <Button variant="secondary" onClick={() => void changes.refetch()}>
            Retry
          </Button>
        </div>
      )}

      {data && data.items.length === 0 && (
        <p className="rounded-md border border-dashed border-slate-300 p-4 text-center text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400">
          {affected.length === 0
            ? "No services on this incident yet: add the affected services to see what changed on them."
            : "No deploys, config changes, flag flips or migrations recorded on these services in this window."}
        </p>
      )}

      {data && data.items.length > 0 && (
        <ol className="divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
          {data.items.map((change) => (
            <ChangeRow
              key={change.id}
              change={change}
              start={new Date(data.window.start)}
              canWrite={canWrite}
              pending={suspect.isPending && suspect.variables === change.id}
              error={errors[change.id]}
              onSuspect={() => suspect.mutate(change.id)}
            />
          ))}
        </ol>
      )}

      {data?.nextCursor && (
        <p className="text-xs text-slate-500 dark:text-slate-400">Showing the newest {data.items.length} changes; older ones are in GET /api/v1/changes.</p>
      )}
    </section>
  );
}
