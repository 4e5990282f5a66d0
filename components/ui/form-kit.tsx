"use client";
// What every form shares (the live incident page's, settings, schedules, services,
// escalation policies): one submit cycle (pending, field errors from the shared
// zod schemas or the server's 400, a message for the rest), Ctrl/Cmd+Enter to
// submit, the message that says what went wrong (with room for a Reload button),
// a footer whose buttons keep their size while sending, and the 409 "someone
// changed it first" check.
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import type { z, ZodError } from "zod";
import { Button } from "@/components/ui/button";
import { ApiRequestError } from "@/lib/query/fetch-json";

/** Field name → message, the way the API reports a 400 (`links.0.url`). */
export type FieldErrors = Record<string, string>;

/** The client's copy of the server's rule, so a missing field is flagged without a round trip. */
export class ClientValidationError extends Error {
  constructor(readonly fields: FieldErrors) {
    super("Check the marked fields.");
  }
}

export function fieldsOf(error: ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) fields[issue.path.length ? issue.path.join(".") : "body"] ??= issue.message;
  return fields;
}

/** Parses with a shared schema; throws ClientValidationError (caught by `run`) when invalid. */
export function validate<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ClientValidationError(fieldsOf(result.error));
  return result.data;
}

/** A 409 because the version sent is no longer the current one (not a refused transition). */
export function isStaleVersion(error: unknown): error is ApiRequestError {
  return error instanceof ApiRequestError && error.status === 409 && "version" in error.fields;
}

/** One key per form opening: a double submit or a retry after a lost response writes once. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  // crypto.randomUUID exists only in secure contexts; Conn may be served over plain http on a LAN.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export const OFFLINE_MESSAGE = "Could not reach Conn. Check your connection and try again.";

export interface SubmitOptions {
  /**
   * A message of the form's own for an error (e.g. "someone changed it first" for a 409, with a reload);
   * undefined keeps the usual one.
   */
  onError?: (error: unknown) => string | void;
  /**
   * After a success the form stays pending: it is navigating away (a router.push to what it created),
   * and a second click in between must not send again.
   */
  holdAfterSuccess?: boolean;
}

/**
 * The submit cycle of one form. `run(action)` refuses to start twice, and turns
 * a failure into field errors (shown next to the fields named in `shown`, from a
 * 400 or any answer that names fields, like a 409 "that key is taken") and a
 * message: the form's own (`onError`), the fields not shown inline, or the
 * server's words. Resolves true on success.
 */
export function useSubmit(shown: readonly string[], { onError, holdAfterSuccess = false }: SubmitOptions = {}) {
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const busy = useRef(false);
  const shownKey = shown.join(",");

  const run = useCallback(
    async (action: () => Promise<unknown>): Promise<boolean> => {
      if (busy.current) return false;
      busy.current = true;
      setPending(true);
      setErrors({});
      setMessage(null);
      let ok = false;
      try {
        await action();
        ok = true;
        return true;
      } catch (error) {
        setMessage(failureMessage(error, shownKey.split(","), onError?.(error)));
        if (error instanceof ClientValidationError || error instanceof ApiRequestError) setErrors(error.fields);
        return false;
      } finally {
        if (!(ok && holdAfterSuccess)) {
          busy.current = false;
          setPending(false);
        }
      }
    },
    [shownKey, onError, holdAfterSuccess],
  );
  return { pending, errors, message, run, setErrors, setMessage };
}

/** What a failed submit says above the buttons; field errors shown inline are not repeated. */
export function failureMessage(error: unknown, shown: readonly string[], custom?: string | void): string {
  if (custom) return custom;
  if (error instanceof ClientValidationError || (error instanceof ApiRequestError && error.status === 400)) {
    const entries = Object.entries(error.fields);
    const others = entries.filter(([k]) => !shown.includes(k));
    if (others.length) return others.map(([k, v]) => `${k}: ${v}`).join("; ");
    return entries.length ? "Check the marked fields." : error.message;
  }
  if (error instanceof ApiRequestError) return error.message;
  return OFFLINE_MESSAGE;
}

/**
 * Focuses an element of a dialog's form once the dialog is open. `autoFocus` is
 * not enough: the form mounts before the dialog's showModal(), which then moves
 * focus to the dialog's first control (its close button).
 */
export function useInitialFocus(id: string | null) {
  useEffect(() => {
    if (!id) return;
    const frame = requestAnimationFrame(() => document.getElementById(id)?.focus());
    return () => cancelAnimationFrame(frame);
  }, [id]);
}

/** Ctrl+Enter or Cmd+Enter anywhere in the form submits it (through onSubmit, so every check still runs). */
export function submitOnModEnter(event: KeyboardEvent<HTMLFormElement>) {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    event.currentTarget.requestSubmit();
  }
}

/**
 * Two labels in one grid cell, one visible: the element is as wide as the wider
 * one, so "Post update" → "Posting…" or "Copy" → "Copied" moves nothing.
 * The hidden one is `visibility: hidden`, so screen readers read only the shown one.
 */
export function Swap({ show, a, b }: { show: boolean; a: ReactNode; b: ReactNode }) {
  return (
    <span className="inline-grid">
      <span className={`col-start-1 row-start-1 ${show ? "invisible" : ""}`}>{a}</span>
      <span className={`col-start-1 row-start-1 ${show ? "" : "invisible"}`}>{b}</span>
    </span>
  );
}

/** What went wrong, if anything; `children` is an action beside it (e.g. a Reload button next to "changed by someone else"). */
export function FormMessage({ message, children }: { message: string | null | undefined; children?: ReactNode }) {
  if (!message) return null;
  return (
    <div role="alert" className="flex flex-wrap items-center gap-2 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
      <span className="min-w-0 flex-1">{message}</span>
      {children}
    </div>
  );
}

export function FormFooter({
  pending,
  label,
  pendingLabel = "Sending…",
  onCancel,
  disabled = false,
  variant = "primary",
  keyHint = true,
  message,
  errorAction,
}: {
  pending: boolean;
  label: ReactNode;
  pendingLabel?: string;
  onCancel: () => void;
  disabled?: boolean;
  variant?: "primary" | "danger";
  /** The Ctrl/Cmd+Enter hint; off where the form is too narrow for it, or does not submit on it. */
  keyHint?: boolean;
  /** The form's message, shown above the buttons (forms that place their FormMessage elsewhere leave it out). */
  message?: string | null;
  /** E.g. a Reload button next to a "changed by someone else" message. */
  errorAction?: ReactNode;
}) {
  return (
    <>
      <FormMessage message={message}>{errorAction}</FormMessage>
      <div className="flex flex-wrap items-center justify-end gap-2 border-t border-slate-200 pt-3 dark:border-slate-800">
        {keyHint && (
          <span className="mr-auto hidden text-xs text-slate-500 sm:inline dark:text-slate-400">
            <kbd className="font-sans">Ctrl</kbd>/<kbd className="font-sans">⌘</kbd> + <kbd className="font-sans">Enter</kbd> to submit
          </span>
        )}
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" variant={variant} disabled={pending || disabled} aria-busy={pending}>
          <Swap show={pending} a={label} b={pendingLabel} />
        </Button>
      </div>
    </>
  );
}

/** A shortcut hint inside a button, for keyboards (hidden on narrow screens, where there are none). */
export function KeyHint({ k }: { k: string }) {
  return (
    <span className="hidden text-xs font-normal opacity-70 sm:inline">
      (<kbd className="font-sans">{k}</kbd>)
    </span>
  );
}
