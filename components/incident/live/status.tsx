"use client";
// Moving the incident through its lifecycle from the header (status, severity,
// priority, title and summary), and what follows resolution: the recovery
// checklist, then the all-clear.
import { useCallback, useLayoutEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, useDialog } from "@/components/ui/dialog";
import { allowedTransitions, primaryAction, RECOVERY_CHECKLIST, type IncidentStatus, type RecoveryItem } from "@/lib/domain/lifecycle";
import { ApiRequestError } from "@/lib/query/fetch-json";
import { isStaleVersion, OFFLINE_MESSAGE } from "@/components/ui/form-kit";
import { useIncident } from "./context";
import { MergeForm } from "./merge-form";
import { EditForm, SeverityForm, StatusForm, TRANSITION } from "./status-forms";
import { usePageAction } from "./nudges";

export function StatusControls() {
  const { view, canWrite } = useIncident();
  const status = useDialog();
  const severity = useDialog();
  const edit = useDialog();
  const merge = useDialog();
  const [target, setTarget] = useState<IncidentStatus | null>(null);
  const [showAll, setShowAll] = useState(false);
  const transitions = allowedTransitions(view.status);
  // The endless-SEV nudge's action: straight to resolving.
  const openResolve = useCallback(() => {
    setTarget("resolved");
    status.show();
  }, [status]);
  usePageAction("status", openResolve, canWrite && transitions.includes("resolved"));

  return (
    <>
      {view.summary.trim() && (
        <div className="text-sm" data-testid="incident-summary">
          <div className="text-slate-500">Summary</div>
          <p className="break-words whitespace-pre-wrap">{view.summary}</p>
        </div>
      )}
      {canWrite && !view.mergedInto && (
        <div role="group" aria-label="Change the incident" className="flex flex-wrap gap-2 border-t border-slate-200 pt-3 dark:border-slate-800">
          {/* On a phone only the next step shows (Resolve once mitigated); the rest wait behind one button, so the latest update stays in sight. */}
          {!showAll && (
            <Button variant="ghost" className="min-h-11 sm:hidden" aria-expanded={false} onClick={() => setShowAll(true)}>
              More actions…
            </Button>
          )}
          {transitions.map((to) => (
            <Button
              key={to}
              className={`min-h-11 ${showAll || (to === "resolved" && primaryAction(view.status) === "resolve") ? "" : "max-sm:hidden"}`}
              // Filled only when it is the next step (Resolve once mitigated): while investigating, the update is.
              variant={to === "resolved" && primaryAction(view.status) === "resolve" ? "primary" : "secondary"}
              onClick={() => {
                setTarget(to);
                status.show();
              }}
            >
              {TRANSITION[view.status][to]?.label ?? `Move to ${to}`}
            </Button>
          ))}
          <Button variant="secondary" onClick={severity.show} className={`min-h-11 ${showAll ? "" : "max-sm:hidden"}`}>
            Severity / priority
          </Button>
          <Button variant="ghost" onClick={edit.show} className={`min-h-11 ${showAll ? "" : "max-sm:hidden"}`}>
            Edit title &amp; summary
          </Button>
          {(view.status === "investigating" || view.status === "mitigated") && (
            <Button variant="ghost" onClick={merge.show} className={`min-h-11 ${showAll ? "" : "max-sm:hidden"}`}>
              Merge into another incident…
            </Button>
          )}

          <Dialog open={status.open} onClose={status.close} title={target ? (TRANSITION[view.status][target]?.title ?? `Move to ${target}`) : "Change status"}>
            {target && <StatusForm key={status.openCount} to={target} onDone={status.close} />}
          </Dialog>
          <Dialog open={severity.open} onClose={severity.close} title="Change severity or priority">
            <SeverityForm key={severity.openCount} onDone={severity.close} />
          </Dialog>
          <Dialog open={edit.open} onClose={edit.close} title="Edit title and summary" wide>
            <EditForm key={edit.openCount} onDone={edit.close} />
          </Dialog>
          <Dialog open={merge.open} onClose={merge.close} title={`Merge ${view.ref} into another incident`} wide>
            <MergeForm key={merge.openCount} onDone={merge.close} />
          </Dialog>
        </div>
      )}
    </>
  );
}

const RECOVERY = Object.entries(RECOVERY_CHECKLIST) as [RecoveryItem, string][];

/**
 * After resolution: the recovery checklist, ticked by anyone who may write.
 * Ticks are shown at once and sent in order, one PATCH at a time: each carries
 * the version the previous one answered, so quick ticks in a row never refuse
 * each other; ticks made while one is in flight go out together next.
 */
export function RecoveryPanel() {
  const { view, canWrite, write, reload } = useIncident();
  const [optimistic, setOptimistic] = useState<Partial<Record<RecoveryItem, boolean>>>({});
  const [error, setError] = useState<string | null>(null);
  const queue = useRef<Partial<Record<RecoveryItem, boolean>>>({});
  const sending = useRef(false);
  // The newest version seen, from the view or from this panel's own writes (flush reads it between awaits).
  const version = useRef(view.version);
  useLayoutEffect(() => {
    version.current = Math.max(version.current, view.version);
  }, [view.version]);

  if (view.status !== "resolved" && view.status !== "closed") return null;

  const done = (key: RecoveryItem) => optimistic[key] ?? Boolean(view.recovery[key]);
  const count = RECOVERY.filter(([key]) => done(key)).length;
  const allClear = count === RECOVERY.length;

  async function flush() {
    if (sending.current) return;
    sending.current = true;
    try {
      while (Object.keys(queue.current).length) {
        const batch = queue.current;
        queue.current = {};
        try {
          const res = await write<{ version: number }>("PATCH", "", { version: version.current, recovery: batch });
          version.current = Math.max(version.current, res.version);
        } catch (e) {
          queue.current = {};
          if (isStaleVersion(e)) {
            setError("Someone changed the incident first: reloaded with their change. Check the list and tick again.");
            void reload();
          } else {
            setError(e instanceof ApiRequestError ? e.message : OFFLINE_MESSAGE);
          }
          break;
        }
      }
    } finally {
      sending.current = false;
      setOptimistic({});
    }
  }

  function toggle(key: RecoveryItem, checked: boolean) {
    setError(null);
    setOptimistic((o) => ({ ...o, [key]: checked }));
    queue.current = { ...queue.current, [key]: checked };
    void flush();
  }

  return (
    <section aria-labelledby="recovery-heading" data-testid="recovery" className="space-y-2 rounded-lg border border-emerald-300 bg-emerald-50/60 p-3 dark:border-emerald-800 dark:bg-emerald-950/30">
      <div className="flex items-center gap-2">
        <h2 id="recovery-heading" className="text-sm font-semibold uppercase tracking-wide text-emerald-800 dark:text-emerald-300">
          Recovery
        </h2>
        <span className="ml-auto text-sm font-medium tabular-nums" data-testid="recovery-progress" aria-label={`${count} of ${RECOVERY.length} done`}>
          {count}/{RECOVERY.length}
        </span>
      </div>
      <div className="h-1.5 overflow-hidden rounded-full bg-emerald-100 dark:bg-emerald-950" aria-hidden>
        <div className="h-full rounded-full bg-emerald-600 transition-[width] dark:bg-emerald-500" style={{ width: `${(count / RECOVERY.length) * 100}%` }} />
      </div>
      <ul className="space-y-0.5">
        {RECOVERY.map(([key, label]) => (
          <li key={key}>
            <label className={`flex items-start gap-2 rounded px-1 py-1 text-sm ${canWrite ? "cursor-pointer hover:bg-emerald-100/60 dark:hover:bg-emerald-900/30" : ""}`}>
              <input type="checkbox" className="mt-0.5 h-4 w-4 shrink-0 accent-emerald-600" checked={done(key)} disabled={!canWrite} onChange={(e) => toggle(key, e.target.checked)} />
              <span className={done(key) ? "text-slate-500 line-through decoration-slate-400 dark:text-slate-400" : ""}>{label}</span>
            </label>
          </li>
        ))}
      </ul>
      {error && (
        <p role="alert" className="text-xs font-medium text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      {allClear && (
        <p role="status" className="rounded-md bg-emerald-600 px-3 py-2 text-sm font-semibold text-white dark:bg-emerald-700">
          All clear: recovery is complete. Stand down, and thank the team.
        </p>
      )}
    </section>
  );
}
