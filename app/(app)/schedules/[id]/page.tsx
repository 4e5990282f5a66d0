import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ScheduleView } from "@/components/schedule/schedule-view";
import { AppError } from "@/lib/domain/errors";
import { hasRole } from "@/lib/server/access";
import { requireActor } from "@/lib/server/current-actor";
import { loadSchedule } from "@/lib/server/schedules/data";
import { listTeamOptions } from "@/lib/server/teams/data";

type Params = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "On-call schedule" };

export default async function SchedulePage({ params }: Params) {
  const { id } = await params;
  const actor = await requireActor();
  const now = new Date();
  const isAdmin = hasRole(actor, "admin");
  let loaded;
  try {
    loaded = await Promise.all([loadSchedule(actor, id, now), isAdmin ? listTeamOptions(actor) : Promise.resolve([])]);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
  const [schedule, teams] = loaded;
  return <ScheduleView initial={schedule} canEdit={isAdmin} profileZone={actor.timeZone} serverNow={now.toISOString()} teams={teams} />;
}
