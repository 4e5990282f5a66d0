"use client";
// The exec status page: every active non-private incident in plain words (how
// bad, what it hits, the latest update written for execs, when the next one
// comes), and what was resolved in the last 30 days. Live over the
// organization's socket room; nothing on it writes.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { SeverityBadge, StatusBadge, Tag } from "@/components/ui/badges";
import { ConnectionIndicator, NextUpdateDue } from "@/components/incident/live/header";
import { RelativeTime } from "@/components/ui/relative-time";
import { useOrgLive } from "@/lib/client/org-live";
import { SEVERITIES } from "@/lib/domain/severity";
import { STATUS_RESOLVED_DAYS, type StatusBoard as Board, type StatusIncident } from "@/lib/domain/status";
import { fetchJson } from "@/lib/query/fetch-json";
import { queryKeys } from "@/lib/query/keys";
import { ImpactLine } from "@/components/ui/sparkline";
import { ExecUpdateBody, ExecUpdateMeta } from "./exec-update";
import { IncidentDuration, LocalTime } from "./time";

function ActiveIncident({ incident }: { incident: StatusIncident }) {
  const href = `/status/${incident.ref}`;
  return (
    <li data-ref={incident.ref} className="min-w-0 space-y-2 rounded-lg border border-slate-200 bg-white p-3 break-inside-avoid [overflow-wrap:anywhere] sm:p-4 dark:border-slate-800 dark:bg-slate-900">
      <div className="flex flex-wrap items-center gap-2">
        <SeverityBadge severity={incident.severity} withLabel />
        <span className="font-mono text-sm text-slate-500">{incident.ref}</span>
        <StatusBadge status={incident.status} />
        {incident.drill && <Tag tone="sky">drill</Tag>}
        <span className="ml-auto text-xs text-slate-500">
          open <IncidentDuration incident={incident} />
        </span>
      </div>
      <h3 className="text-base font-semibold leading-snug break-words">
        <Link href={href} className="tap-block hover:underline">
          {incident.title}
        </Link>
      </h3>
      <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="impact">
        {incident.impact}
      </p>
      {incident.impactNumbers.length > 0 && (
        <div className="space-y-1" data-testid="impact-numbers">
          {incident.impactNumbers.map((n) => (
            <ImpactLine key={n.metric} {...n} />
          ))}
        </div>
      )}
      {incident.services.length > 0 && (
        <p className="text-xs text-slate-500">
          <span className="font-semibold">Affected:</span> {incident.services.map((s) => s.name).join(" · ")}
        </p>
      )}
      <div className="rounded-md border-l-4 border-sky-400 bg-slate-50 p-2 dark:border-sky-700 dark:bg-slate-950/60" data-testid="exec-update">
        {incident.update ? (
          <div className="space-y-1.5">
            <ExecUpdateMeta update={incident.update} />
            <ExecUpdateBody update={incident.update} compact />
          </div>
        ) : (
          <p className="text-sm text-slate-500">No update for execs yet.</p>
        )}
      </div>
      <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
        <div className="flex gap-1.5">
          <dt className="text-slate-500">Next update</dt>
          <dd>
            <NextUpdateDue dueAt={incident.nextUpdateDueAt} inWords />
          </dd>
        </div>
        {incident.eta && (
          <div className="flex gap-1.5">
            <dt className="text-slate-500">ETA</dt>
            <dd className="font-medium" data-testid="eta">
              <LocalTime at={incident.eta} relative />
            </dd>
          </div>
        )}
      </dl>
    </li>
  );
}

function ResolvedIncident({ incident }: { incident: StatusIncident }) {
  return (
    <li data-ref={incident.ref} className="break-inside-avoid">
      <Link href={`/status/${incident.ref}`} className="flex flex-col gap-1 px-3 py-2.5 hover:bg-slate-50 sm:flex-row sm:items-center sm:gap-3 dark:hover:bg-slate-800">
        <span className="flex items-center gap-2">
          <SeverityBadge severity={incident.severity} />
          <span className="font-mono text-sm text-slate-500">{incident.ref}</span>
          {incident.drill && <Tag tone="sky">drill</Tag>}
        </span>
        <span className="min-w-0 flex-1 font-medium break-words">{incident.title}</span>
        <span className="text-xs text-slate-500">
          lasted <IncidentDuration incident={incident} seconds={incident.durationSeconds} /> · resolved {incident.resolvedAt && <RelativeTime at={incident.resolvedAt} />}
        </span>
      </Link>
    </li>
  );
}

/** "All clear", or how many are burning by severity: the five-second answer. */
function Headline({ active }: { active: StatusIncident[] }) {
  if (active.length === 0) {
    return (
      <p className="rounded-lg border border-emerald-300 bg-emerald-50 p-3 text-sm font-semibold text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950/50 dark:text-emerald-200" data-testid="headline">
        No active incidents.
      </p>
    );
  }
  const counts = SEVERITIES.map((s) => [s, active.filter((i) => i.severity === s).length] as const).filter(([, n]) => n > 0);
  return (
    <p className="flex flex-wrap items-center gap-2 text-sm font-semibold" data-testid="headline">
      {active.length} active incident{active.length === 1 ? "" : "s"}:
      {counts.map(([severity, n]) => (
        <span key={severity} className="inline-flex items-center gap-1">
          {n} × <SeverityBadge severity={severity} />
        </span>
      ))}
    </p>
  );
}

export function StatusBoard({ initial, feedUrl }: { initial: Board; feedUrl: string }) {
  const client = useQueryClient();
  const { data } = useQuery({
    queryKey: queryKeys.status(),
    queryFn: () => fetchJson<Board>("/api/v1/status"),
    initialData: initial,
    staleTime: 60_000,
    refetchInterval: 60_000,
  });
  const connection = useOrgLive(() => void client.invalidateQueries({ queryKey: queryKeys.status() }));

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h1 className="mr-auto text-xl font-bold">Status</h1>
        <span className="print:hidden">
          <ConnectionIndicator connection={connection} />
        </span>
        <a href="#feed" className="tap text-sm text-sky-700 underline print:hidden dark:text-sky-400">
          Feed
        </a>
        <p className="hidden w-full text-xs text-slate-500 print:block">
          As of <LocalTime at={data.generatedAt} />
        </p>
      </div>
      <Headline active={data.active} />

      <section aria-labelledby="active-heading" className="space-y-2" data-testid="active">
        <h2 id="active-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
          Active now <span className="font-normal">({data.active.length})</span>
        </h2>
        {data.active.length > 0 && (
          <ul className="grid gap-3 lg:grid-cols-2 print:grid-cols-1">
            {data.active.map((incident) => (
              <ActiveIncident key={incident.ref} incident={incident} />
            ))}
          </ul>
        )}
      </section>

      {data.maintenance.length > 0 && (
        <section aria-labelledby="maintenance-heading" className="space-y-1" data-testid="maintenance">
          <h2 id="maintenance-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
            Under maintenance <span className="font-normal">({data.maintenance.length})</span>
          </h2>
          <ul className="space-y-1 text-sm">
            {data.maintenance.map((m) => (
              <li key={`${m.service.key}-${m.endsAt}`}>
                <span className="font-medium">{m.service.name}</span> <span className="font-mono text-xs text-slate-500">{m.service.key}</span> until <LocalTime at={m.endsAt} />: {m.reason}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="resolved-heading" className="space-y-2" data-testid="resolved">
        <h2 id="resolved-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
          Resolved in the last {STATUS_RESOLVED_DAYS} days <span className="font-normal">({data.resolved.length})</span>
        </h2>
        {data.resolved.length === 0 ? (
          <p className="text-sm text-slate-500">Nothing resolved in the last {STATUS_RESOLVED_DAYS} days.</p>
        ) : (
          <ul className="divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
            {data.resolved.map((incident) => (
              <ResolvedIncident key={incident.ref} incident={incident} />
            ))}
          </ul>
        )}
      </section>

      <section id="feed" aria-labelledby="feed-heading" className="space-y-1 border-t border-slate-200 pt-4 text-sm text-slate-600 print:hidden dark:border-slate-800 dark:text-slate-400">
        <h2 id="feed-heading" className="font-semibold text-slate-800 dark:text-slate-200">
          Atom feed
        </h2>
        <p>
          Follow these updates in a feed reader: subscribe to <code className="break-all rounded bg-slate-100 px-1 dark:bg-slate-800">{feedUrl}?token=YOUR_API_TOKEN</code>
        </p>
        <p>
          Feed readers cannot sign in, so the URL carries one of your{" "}
          <Link href="/settings/tokens" className="text-sky-700 underline dark:text-sky-400">
            API tokens
          </Link>
          . It reads what you may read; anyone holding the URL can too, so keep it private and revoke the token if it leaks.
        </p>
      </section>
    </div>
  );
}
