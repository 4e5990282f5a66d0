// The end of a dialog form: what went wrong (if anything), then Cancel and the
// submit button, which says what it is doing while it does it.
import type { ReactNode } from "react";
import { Button } from "./button";

export function FormError({ message, children }: { message?: string; children?: ReactNode }) {
  if (!message) return null;
  return (
    <div role="alert" className="flex flex-wrap items-center gap-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300">
      <span className="min-w-0 flex-1">{message}</span>
      {children}
    </div>
  );
}

export function FormFooter({ message, pending, onCancel, submit, pendingLabel = "Saving…", errorAction }: {
  message?: string;
  pending: boolean;
  onCancel: () => void;
  submit: string;
  pendingLabel?: string;
  /** E.g. a Reload button next to a "changed by someone else" message. */
  errorAction?: ReactNode;
}) {
  return (
    <>
      <FormError message={message}>{errorAction}</FormError>
      <div className="flex justify-end gap-2">
        <Button type="button" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? pendingLabel : submit}
        </Button>
      </div>
    </>
  );
}
