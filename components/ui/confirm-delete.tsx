"use client";
// "Delete X?" said once in a dialog that explains what goes with it; on success
// the page moves to `then` (the list), on failure the reason shows in the dialog.
import { useRouter } from "next/navigation";
import type { FormEvent, ReactNode } from "react";
import { fetchJson } from "@/lib/query/fetch-json";
import { Button } from "./button";
import { Dialog, useDialog } from "./dialog";
import { FormFooter, useSubmit } from "./form-kit";

export function ConfirmDeleteButton({ what, name, url, then, children }: { what: string; name: string; url: string; then: string; children: ReactNode }) {
  const dialog = useDialog();
  const router = useRouter();
  // Held after success: the page is on its way to `then`, a second click must not send another DELETE.
  const { pending, message, run } = useSubmit([], { holdAfterSuccess: true });

  async function onDelete(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    await run(async () => {
      await fetchJson(url, { method: "DELETE" });
      router.push(then);
      router.refresh();
    });
  }

  return (
    <>
      <Button variant="ghost" className="text-red-700 dark:text-red-400" onClick={dialog.show}>
        Delete {what}
      </Button>
      <Dialog open={dialog.open} onClose={dialog.close} title={`Delete ${name}?`}>
        <form onSubmit={onDelete} className="space-y-4">
          <p className="text-sm">{children}</p>
          <FormFooter message={message} pending={pending} onCancel={dialog.close} label={`Delete ${what}`} pendingLabel="Deleting…" variant="danger" keyHint={false} />
        </form>
      </Dialog>
    </>
  );
}
