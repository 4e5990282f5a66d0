"use client";
// An admin deletes a schedule, after saying so once: its overrides go with it,
// and its calendar feeds stop answering.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, useDialog } from "@/components/ui/dialog";
import { ApiRequestError, fetchJson } from "@/lib/query/fetch-json";

export function DeleteScheduleButton({ schedule }: { schedule: { id: string; name: string; overrides: unknown[] } }) {
  const dialog = useDialog();
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<string>();

  async function onDelete() {
    setPending(true);
    setMessage(undefined);
    try {
      await fetchJson(`/api/v1/schedules/${schedule.id}`, { method: "DELETE" });
      router.push("/schedules");
      router.refresh();
    } catch (error) {
      setPending(false);
      setMessage(error instanceof ApiRequestError ? error.message : "Could not reach Conn. Check your connection and try again.");
    }
  }

  return (
    <>
      <Button variant="ghost" className="text-red-700 dark:text-red-400" onClick={dialog.show}>
        Delete schedule
      </Button>
      <Dialog open={dialog.open} onClose={dialog.close} title={`Delete ${schedule.name}?`}>
        <p className="text-sm">
          The schedule, its rotations and {schedule.overrides.length === 1 ? "its override" : schedule.overrides.length > 1 ? `its ${schedule.overrides.length} overrides` : "any overrides"} are
          removed; calendar apps subscribed to it stop getting shifts. Nobody is on call from it any more. The audit log keeps what it held.
        </p>
        {message && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300">
            {message}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="ghost" onClick={dialog.close}>
            Cancel
          </Button>
          <Button type="button" variant="danger" disabled={pending} onClick={onDelete}>
            {pending ? "Deleting…" : "Delete schedule"}
          </Button>
        </div>
      </Dialog>
    </>
  );
}
