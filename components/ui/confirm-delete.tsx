"use client";
// "Delete X?" said once in a dialog that explains what goes with it; on success
// the page moves to `then` (the list), on failure the reason shows in the dialog.
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { ApiRequestError, fetchJson } from "@/lib/query/fetch-json";
import { Button } from "./button";
import { Dialog, useDialog } from "./dialog";
import { FormMessage } from "./form-kit";

export function ConfirmDeleteButton({ what, name, url, then, children }: { what: string; name: string; url: string; then: string; children: ReactNode }) {
  const dialog = useDialog();
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<string>();

  async function onDelete() {
    setPending(true);
    setMessage(undefined);
    try {
      await fetchJson(url, { method: "DELETE" });
      router.push(then);
      router.refresh();
    } catch (error) {
      setPending(false);
      setMessage(error instanceof ApiRequestError ? error.message : "Could not reach Conn. Check your connection and try again.");
    }
  }

  return (
    <>
      <Button variant="ghost" className="text-red-700 dark:text-red-400" onClick={dialog.show}>
        Delete {what}
      </Button>
      <Dialog open={dialog.open} onClose={dialog.close} title={`Delete ${name}?`}>
        <p className="text-sm">{children}</p>
        <FormMessage message={message} />
        <div className="flex justify-end gap-2">
          <Button type="button" variant="ghost" onClick={dialog.close}>
            Cancel
          </Button>
          <Button type="button" variant="danger" disabled={pending} onClick={onDelete}>
            {pending ? "Deleting…" : `Delete ${what}`}
          </Button>
        </div>
      </Dialog>
    </>
  );
}
