"use client";
// Every schedule with who is on call now and who is next: the answer to
// "who gets paged?" before anyone has to ask. Refreshed every minute.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { ScheduleSummaryDto } from "@/lib/domain/schedule-schemas";
import type { PersonWithEmail } from "@/lib/domain/people";
import { fetchJson } from "@/lib/query/fetch-json";
import { queryKeys } from "@/lib/query/keys";
import { useViewerZone, ZonedTime } from "./time";

export function OverrideTag() {
  return <span className="inline-flex rounded border border-fuchsia-400 px-1.5 py-0.5 text-xs font-medium text-fuchsia-800 dark:border-fuchsia-500 dark:text-fuchsia-300">override</span>;
}

export function PersonName({ person }: { person: PersonWithEmail }) {
  return (
    <>
      <span className="font-semibold">{person.name}</span> <span className="text-slate-500 dark:text-slate-400">@{person.handle}</span>
    </>
  );
}

export function ScheduleList({ initial, profileZone }: { initial: { items: ScheduleSummaryDto[] }; profileZone: string }) {
  const zone = useViewerZone(profileZone);
  const { data } = useQuery({
    queryKey: queryKeys.schedules(),
    queryFn: () => fetchJson<{ items: ScheduleSummaryDto[] }>("/api/v1/schedules?limit=200"),
    initialData: initial,
    staleTime: 30_000,
    refetchInterval: 60_000,
  });

  if (data.items.length === 0) {
    return <p className="rounded-lg border border-dashed border-slate-300 p-4 text-sm text-slate-500 dark:border-slate-700">No schedules yet. An admin creates one per team: who is on call must be known before the outage.</p>;
  }
  return (
    <ul className="grid gap-3 md:grid-cols-2 xl:grid-cols-3" aria-label="Schedules">
      {data.items.map((s) => {
        const now = s.onCall.users[0];
        const next = s.nextHandoff;
        return (
          <li key={s.id} className="min-w-0 space-y-3 rounded-lg border border-slate-200 bg-white p-3 [overflow-wrap:anywhere] dark:border-slate-800 dark:bg-slate-900">
            <div className="min-w-0">
              <Link href={`/schedules/${s.id}`} className="block truncate font-semibold hover:underline" title={s.name}>
                {s.name}
              </Link>
              <span className="text-xs text-slate-500 dark:text-slate-400">
                {s.team ? `team ${s.team.name}` : "no team"} · {s.timeZone}
              </span>
            </div>
            <dl className="space-y-2 text-sm">
              <div>
                <dt className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">On call now</dt>
                <dd className="flex flex-wrap items-center gap-x-2">
                  {now ? <PersonName person={now} /> : <span className="font-semibold text-red-600 dark:text-red-400">nobody</span>}
                  {s.onCall.source === "override" && <OverrideTag />}
                </dd>
              </div>
              <div>
                <dt className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">Next handoff</dt>
                <dd>
                  {next ? (
                    <>
                      {next.users[0] ? <PersonName person={next.users[0]} /> : <span className="text-red-600 dark:text-red-400">nobody</span>}
                      <span className="block text-xs text-slate-600 dark:text-slate-400">
                        <ZonedTime at={next.at} zone={zone} scheduleZone={s.timeZone} relative />
                      </span>
                    </>
                  ) : (
                    <span className="text-slate-500">none in the next 400 days</span>
                  )}
                </dd>
              </div>
            </dl>
          </li>
        );
      })}
    </ul>
  );
}
