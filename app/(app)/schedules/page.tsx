import type { Metadata } from "next";
import { CalendarLinks } from "@/components/schedule/calendar-links";
import { CreateScheduleButton } from "@/components/schedule/create-schedule";
import { OnCallTabs } from "@/components/schedule/oncall-tabs";
import { ScheduleList } from "@/components/schedule/schedule-list";
import { hasRole } from "@/lib/server/access";
import { requireActor } from "@/lib/server/current-actor";
import { listSchedules } from "@/lib/server/schedules/data";
import { listTeamOptions } from "@/lib/server/teams/data";

export const metadata: Metadata = { title: "On-call" };

export default async function SchedulesPage() {
  const actor = await requireActor();
  const isAdmin = hasRole(actor, "admin");
  const [initial, teams] = await Promise.all([listSchedules(actor, { limit: 200 }), isAdmin ? listTeamOptions(actor) : Promise.resolve([])]);
  return (
    <div className="space-y-4">
      <OnCallTabs current="/schedules" />
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="mr-auto text-xl font-bold">On-call schedules</h1>
        {isAdmin && <CreateScheduleButton teams={teams} defaultZone={actor.timeZone} />}
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-400">Who gets paged, decided before the outage: one schedule per team, handoffs on the team&apos;s clock.</p>
      <ScheduleList initial={initial} profileZone={actor.timeZone} />
      <section aria-label="Your shifts in your calendar" className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
        <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">Your shifts in your calendar</h2>
        <CalendarLinks />
      </section>
    </div>
  );
}
