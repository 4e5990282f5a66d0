"use client";
// "Who owns what broke, and who is on call for it?": the incident's affected
// services, each with its tier, owning team, who is on call now (the team's
// schedules) and its runbook. Refetched when the incident's services change and
// every minute (a handoff may happen during the incident).
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Tag } from "@/components/ui/badges";
import { fetchJson } from "@/lib/query/fetch-json";
import { queryKeys } from "@/lib/query/keys";
import { useIncident } from "./context";

/** `GET /api/v1/incidents/{ref}/services` (lib/server/services.ts `loadIncidentServices`). */
interface IncidentServicesDto {
  at: string;
  items: {
    key: string;
    name: string;
    tier: number;
    team: { key: string; name: string } | null;
    onCall: { schedule: { id: string; name: string }; users: { handle: string; name: string }[]; source: "layer" | "override" | null }[];
    runbook: { label: string; url: string } | null;
  }[];
}

export function ServicesPanel() {
  const { view } = useIncident();
  const keys = view.services.map((s) => s.key).sort();
  const services = useQuery({
    queryKey: queryKeys.incidentServices(view.ref, keys),
    queryFn: ({ signal }) => fetchJson<IncidentServicesDto>(`/api/v1/incidents/${encodeURIComponent(view.ref)}/services`, { signal }),
    enabled: keys.length > 0,
    refetchInterval: 60_000,
    placeholderData: (previous) => previous,
  });

  return (
    <section aria-labelledby="services-heading" aria-busy={services.isFetching} className="space-y-2">
      <h2 id="services-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
        Services
      </h2>
      <div className="rounded-lg border border-slate-200 bg-white [overflow-wrap:anywhere] dark:border-slate-800 dark:bg-slate-900">
        {keys.length === 0 ? (
          <p className="p-3 text-sm text-slate-500 dark:text-slate-400">No affected services named yet.</p>
        ) : services.isError ? (
          <p role="alert" className="p-3 text-sm text-red-600 dark:text-red-400">
            Could not load the services&apos; owners. Retrying in a minute.
          </p>
        ) : !services.data ? (
          <p className="p-3 text-sm text-slate-500">Loading owners and on-call…</p>
        ) : (
          <ul className="divide-y divide-slate-200 dark:divide-slate-800" aria-label="Affected services">
            {services.data.items.map((s) => (
              <li key={s.key} data-service={s.key} className="space-y-1 p-3 text-sm">
                <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
                  <Link href={`/services/${s.key}`} className="tap font-mono font-semibold hover:underline">
                    {s.key}
                  </Link>
                  <Tag>tier {s.tier}</Tag>
                  {s.runbook && (
                    <a href={s.runbook.url} target="_blank" rel="noopener noreferrer" className="tap ml-auto text-sky-700 underline dark:text-sky-400">
                      Runbook<span className="sr-only"> of {s.key} (opens in a new tab)</span>
                    </a>
                  )}
                </div>
                <p className="truncate text-slate-600 dark:text-slate-400" title={s.name}>
                  {s.name} ·{" "}
                  {s.team ? (
                    <Link href={`/teams/${s.team.key}`} className="tap hover:underline">
                      {s.team.name}
                    </Link>
                  ) : (
                    <span className="font-semibold text-red-600 dark:text-red-400">no owning team</span>
                  )}
                </p>
                <OnCall onCall={s.onCall} hasTeam={s.team !== null} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

function OnCall({ onCall, hasTeam }: { onCall: IncidentServicesDto["items"][number]["onCall"]; hasTeam: boolean }) {
  if (!hasTeam) return null;
  if (onCall.length === 0) return <p className="text-xs font-medium text-amber-800 dark:text-amber-300">No on-call schedule for this team.</p>;
  return (
    <ul className="space-y-0.5" aria-label="On call now">
      {onCall.map((o) => (
        <li key={o.schedule.id} className="flex flex-wrap items-center gap-x-1.5 text-xs">
          <span className="text-slate-500">On call</span>
          {o.users.length ? (
            o.users.map((u) => (
              <span key={u.handle} className="font-semibold text-slate-900 dark:text-slate-100" title={u.name}>
                @{u.handle}
              </span>
            ))
          ) : (
            <span className="font-semibold text-red-600 dark:text-red-400">nobody</span>
          )}
          {o.source === "override" && <Tag tone="violet">override</Tag>}
          <Link href={`/schedules/${o.schedule.id}`} className="tap text-slate-500 hover:underline">
            ({o.schedule.name})
          </Link>
        </li>
      ))}
    </ul>
  );
}
