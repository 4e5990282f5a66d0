import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ScheduleView } from "@/components/schedule/schedule-view";
import { AppError } from "@/lib/domain/errors";
import { hasRole } from "@/lib/server/access";
import { requireActor } from "@/lib/server/current-actor";
import { loadSchedule } from "@/lib/server/schedules";

type Params = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "On-call schedule" };

export default async function SchedulePage({ params }: Params) {
  const { id } = await params;
  const actor = await requireActor();
  const now = new Date();
  try {
    const schedule = await loadSchedule(actor, id, now);
    return <ScheduleView initial={schedule} canEdit={hasRole(actor, "admin")} profileZone={actor.timeZone} serverNow={now.toISOString()} />;
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}
