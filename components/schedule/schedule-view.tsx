"use client";
// One schedule: who is on call now and next, the final schedule as a calendar,
// the rotations and the overrides. Admins edit in place; everyone reads.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import type { ScheduleDto } from "@/lib/domain/schedule-schemas";
import { fetchJson } from "@/lib/query/fetch-json";
import { queryKeys } from "@/lib/query/keys";
import { ScheduleCalendar } from "./calendar";
import { CalendarLinks } from "./calendar-links";
import { DeleteScheduleButton } from "./delete-schedule";
import { LayersPanel } from "./layers-panel";
import { AddOverride, OverrideList } from "./overrides";
import { OverrideTag, PersonName } from "./schedule-list";
import { useViewerZone, ZonedTime } from "./time";

function Panel({ title, children, className = "" }: { title: string; children: React.ReactNode; className?: string }) {
  return (
    <section aria-label={title} className={`min-w-0 space-y-3 rounded-lg border border-slate-200 bg-white p-3 [overflow-wrap:anywhere] sm:p-4 dark:border-slate-800 dark:bg-slate-900 ${className}`}>
      <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">{title}</h2>
      {children}
    </section>
  );
}

export function ScheduleView({
  initial,
  canEdit,
  profileZone,
  serverNow,
  teams = [],
}: {
  initial: ScheduleDto;
  canEdit: boolean;
  profileZone: string;
  serverNow: string;
  /** Teams an admin may give the schedule to. */
  teams?: { key: string; name: string }[];
}) {
  const client = useQueryClient();
  const viewerZone = useViewerZone(profileZone);
  const [onScheduleClock, setOnScheduleClock] = useState(false);
  const { data: schedule } = useQuery({
    queryKey: queryKeys.schedule(initial.id),
    queryFn: () => fetchJson<ScheduleDto>(`/api/v1/schedules/${initial.id}`),
    initialData: initial,
    staleTime: 30_000,
    refetchInterval: 60_000,
  });
  const zone = onScheduleClock ? schedule.timeZone : viewerZone;
  // Everything here depends on layers and overrides: one change refetches the schedule and its calendar windows.
  const refresh = () => void client.invalidateQueries({ queryKey: queryKeys.schedule(schedule.id) });
  const now = schedule.onCall.users[0];
  const next = schedule.nextHandoff;

  return (
    <div className="space-y-4">
      <div className="space-y-1 [overflow-wrap:anywhere]">
        <Link href="/schedules" className="text-sm text-slate-500 hover:underline">
          ← On-call schedules
        </Link>
        <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
          <h1 className="text-xl font-bold">{schedule.name}</h1>
          <span className="text-sm text-slate-500 dark:text-slate-400">
            {schedule.team ? (
              <Link href={`/teams/${schedule.team.key}`} className="hover:underline">
                team {schedule.team.name}
              </Link>
            ) : (
              "no team"
            )}{" "}
            · runs on {schedule.timeZone}
          </span>
          {canEdit && (
            <span className="ml-auto">
              <DeleteScheduleButton schedule={schedule} />
            </span>
          )}
        </div>
        {viewerZone !== schedule.timeZone && (
          <label className="flex items-center gap-2 text-sm text-slate-600 dark:text-slate-400">
            <input type="checkbox" checked={onScheduleClock} onChange={(e) => setOnScheduleClock(e.target.checked)} />
            Show times on the schedule&apos;s clock ({schedule.timeZone}) instead of yours ({viewerZone})
          </label>
        )}
      </div>

      <div className="grid gap-3 sm:grid-cols-2">
        <section aria-label="On call now" className="rounded-lg border-2 border-emerald-500 bg-emerald-50 p-3 dark:border-emerald-700 dark:bg-emerald-950/40">
          <h2 className="text-xs font-semibold uppercase tracking-wide text-emerald-800 dark:text-emerald-300">On call now</h2>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-lg">
            {now ? <PersonName person={now} /> : <span className="font-semibold text-red-600 dark:text-red-400">Nobody</span>}
            {schedule.onCall.source === "override" && <OverrideTag />}
          </p>
          {now && <p className="text-sm text-slate-600 dark:text-slate-400">{now.email}</p>}
        </section>
        <section aria-label="Next on call" className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
          <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">Next</h2>
          {next ? (
            <>
              <p className="mt-1 flex flex-wrap items-center gap-2 text-lg">
                {next.users[0] ? <PersonName person={next.users[0]} /> : <span className="text-red-600 dark:text-red-400">Nobody</span>}
                {next.source === "override" && <OverrideTag />}
              </p>
              <p className="text-sm text-slate-600 dark:text-slate-400">
                takes over <ZonedTime at={next.at} zone={zone} scheduleZone={schedule.timeZone} relative />
              </p>
            </>
          ) : (
            <p className="mt-1 text-sm text-slate-500">No handoff in the next 400 days.</p>
          )}
        </section>
      </div>

      <div className="rounded-lg border border-slate-200 bg-white p-3 sm:p-4 dark:border-slate-800 dark:bg-slate-900">
        <ScheduleCalendar scheduleId={schedule.id} layers={schedule.layers} zone={zone} scheduleZone={schedule.timeZone} initialAnchor={serverNow} />
      </div>

      <div className="grid gap-4 lg:grid-cols-2">
        <Panel title="Rotation">
          <LayersPanel
            schedule={schedule}
            canEdit={canEdit}
            teams={teams}
            onSaved={(saved) => {
              client.setQueryData(queryKeys.schedule(schedule.id), saved);
              refresh();
            }}
          />
        </Panel>
        <Panel title="Overrides">
          <OverrideList scheduleId={schedule.id} overrides={schedule.overrides} zone={zone} canEdit={canEdit} onChanged={refresh} />
          {canEdit && <AddOverride scheduleId={schedule.id} zone={zone} onAdded={refresh} />}
        </Panel>
      </div>

      <Panel title="Calendar feed">
        <CalendarLinks scheduleId={schedule.id} />
      </Panel>
    </div>
  );
}
