"use client";
// One way for the roles, workstream and board controls to send a write: pending
// state, the API's message, its field errors for inline display, and the stale-
// version answer (409) turned into "someone changed this first" plus a reload;
// and the draft of an edit form that sends only what the person changed.
import { useCallback, useEffect, useState } from "react";
import { ApiRequestError } from "@/lib/query/fetch-json";
import { useSubmit } from "@/components/ui/form-kit";
import { useIncident } from "./context";

export const STALE_MESSAGE = "Someone changed this first — reloaded. Check it and try again.";

export interface WriteState {
  pending: boolean;
  /** A message for the whole form or item (role="alert"). */
  error: string | null;
  /** Set after a 409 on a versioned edit: the view was reloaded. */
  stale: boolean;
  /** Field errors of a 400, by field name (`briefing.state`, `lead`…). */
  fields: Record<string, string>;
  /**
   * Runs a write; true when it succeeded. On a 409 with `reloadOnConflict`, the
   * incident is reloaded so the next try carries the current version.
   */
  run: (send: () => Promise<unknown>, opts?: RunOptions) => Promise<boolean>;
  reset: () => void;
}

interface RunOptions {
  reloadOnConflict?: boolean;
  /** Called after the reload that follows a 409. */
  onConflict?: () => void;
}

/** Thrown inside a run after a 409 was answered by reloading: the form says so, amber, not red. */
class ReloadedAfterConflict extends Error {}

const writeMessage = (e: unknown) => (e instanceof ReloadedAfterConflict ? STALE_MESSAGE : e instanceof ApiRequestError ? e.message : undefined);

export function useWriteState(): WriteState {
  const { reload } = useIncident();
  const [stale, setStale] = useState(false);
  const submit = useSubmit([], { onError: writeMessage });
  const { setErrors, setMessage } = submit;

  const reset = useCallback(() => {
    setMessage(null);
    setStale(false);
    setErrors({});
  }, [setErrors, setMessage]);

  const { run: runSubmit } = submit;
  const run = useCallback(
    (send: () => Promise<unknown>, opts: RunOptions = {}) => {
      setStale(false);
      return runSubmit(async () => {
        try {
          await send();
        } catch (e) {
          if (!(e instanceof ApiRequestError && e.status === 409 && opts.reloadOnConflict)) throw e;
          setStale(true);
          await reload().catch(() => {});
          opts.onConflict?.();
          throw new ReloadedAfterConflict();
        }
      });
    },
    [reload, runSubmit],
  );

  return { pending: submit.pending, error: submit.message, stale, fields: submit.errors, run, reset };
}

/**
 * The message line under a form or an item. Amber for "someone changed this first", red otherwise.
 * Left out when every field error is already shown next to its field (`shownFields`).
 */
export function WriteError({ state, shownFields = [], className = "" }: { state: Pick<WriteState, "error" | "stale" | "fields">; shownFields?: string[]; className?: string }) {
  if (!state.error) return null;
  const keys = Object.keys(state.fields);
  if (keys.length > 0 && keys.every((k) => shownFields.includes(k))) return null;
  return (
    <p
      role="alert"
      className={`rounded-md px-2 py-1 text-xs font-medium ${state.stale ? "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200" : "bg-red-50 text-red-700 dark:bg-red-950 dark:text-red-300"} ${className}`}
    >
      {state.error}
    </p>
  );
}

const same = (a: unknown, b: unknown) =>
  a && b && typeof a === "object" && typeof b === "object" && "handle" in a && "handle" in b ? a.handle === b.handle : a === b;

/**
 * The draft of an edit form over a versioned item. Only fields the person changed
 * are sent, with the version the form was opened at; after a 409 the form is
 * rebased on the reloaded item: untouched fields take the new values, the
 * person's own changes stay, and the next save carries the new version. Nobody's
 * edit is overwritten by a field the other person never touched.
 */
export function useVersionedDraft<T extends { version: number }, D extends Record<string, unknown>>(item: T, toDraft: (item: T) => D) {
  const [base, setBase] = useState(item);
  const [draft, setDraft] = useState(() => toDraft(item));
  const [rebasing, setRebasing] = useState(false);

  useEffect(() => {
    if (!rebasing || item.version === base.version) return;
    const before = toDraft(base);
    const now = toDraft(item);
    setDraft((d) => Object.fromEntries(Object.entries(d).map(([k, v]) => [k, same(v, before[k]) ? now[k] : v])) as D);
    setBase(item);
    setRebasing(false);
  }, [item, rebasing, base, toDraft]);

  const changes = (): Partial<D> => {
    const before = toDraft(base);
    return Object.fromEntries(Object.entries(draft).filter(([k, v]) => !same(v, before[k]))) as Partial<D>;
  };

  return {
    draft,
    set: <K extends keyof D>(key: K, value: D[K]) => setDraft((d) => ({ ...d, [key]: value })),
    changes,
    version: base.version,
    rebase: () => setRebasing(true),
  };
}
