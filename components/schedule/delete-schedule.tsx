"use client";
// An admin deletes a schedule, after saying so once: its overrides go with it,
// and its calendar feeds stop answering.
import { ConfirmDeleteButton } from "@/components/ui/confirm-delete";

export function DeleteScheduleButton({ schedule }: { schedule: { id: string; name: string; overrides: unknown[] } }) {
  const n = schedule.overrides.length;
  return (
    <ConfirmDeleteButton what="schedule" name={schedule.name} url={`/api/v1/schedules/${schedule.id}`} then="/schedules">
      The schedule, its rotations and {n === 1 ? "its override" : n > 1 ? `its ${n} overrides` : "any overrides"} are removed; calendar
      apps subscribed to it stop getting shifts. Nobody is on call from it any more. The audit log keeps what it held.
    </ConfirmDeleteButton>
  );
}
