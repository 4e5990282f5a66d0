"use client";
// The latest CAN update, pinned at the top: the answer to "what's going on?".
import { RelativeTime, useNow } from "@/components/ui/relative-time";
import { lateWords, onTimeWords, promiseRecord } from "@/lib/domain/promises";
import { useIncident } from "./context";

const AUDIENCE_LABEL: Record<string, string> = { responders: "Responders", internal: "Internal", exec: "Exec", public: "Public" };

export function LatestUpdate() {
  const { view, canWrite } = useIncident();
  const u = view.latestUpdate;
  return (
    <section aria-labelledby="latest-update-heading" className="rounded-lg border border-sky-300 bg-sky-50 p-3 dark:border-sky-800 dark:bg-sky-950/40" data-testid="latest-update">
      <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
        <h2 id="latest-update-heading" className="text-sm font-semibold uppercase tracking-wide text-sky-800 dark:text-sky-300">
          Latest update
        </h2>
        {u && (
          <>
            <span className="rounded bg-sky-200 px-1.5 py-0.5 font-medium text-sky-900 dark:bg-sky-900 dark:text-sky-200">{AUDIENCE_LABEL[u.audience] ?? u.audience}</span>
            <span>{u.author ? `@${u.author.handle}` : "system"}</span>
            {u.actorKind === "automation" && <span className="rounded border border-sky-400 px-1">bot</span>}
            <RelativeTime at={u.at} className="ml-auto" />
          </>
        )}
      </div>
      <PromisesKept />
      {u ? (
        <dl className="mt-2 space-y-1 text-sm">
          {(["condition", "action", "need"] as const).map((k) => (
            <div key={k} className="flex gap-2">
              <dt className="w-20 shrink-0 font-semibold capitalize text-slate-600 dark:text-slate-400">{k}</dt>
              <dd className="min-w-0 whitespace-pre-wrap break-words">{u[k] || <span className="text-slate-500">—</span>}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{canWrite ? "No update yet. Post one: Condition, Action, Need." : "No update yet."}</p>
      )}
    </section>
  );
}

/** "Updates on time: 7 of 9", and how late the latest missed one is: every update promises the next. */
function PromisesKept() {
  const { view } = useIncident();
  const now = useNow(15_000);
  const record = promiseRecord(view.updateLog, now, view.resolvedAt);
  const words = onTimeWords(record);
  if (!words) return null;
  const lateOnes = record.promises.filter((p) => p.state === "late" || p.state === "missed").length;
  return (
    <p data-testid="promises" className={`mt-1 text-xs font-medium ${record.onTime < record.due ? "text-amber-800 dark:text-amber-300" : "text-slate-600 dark:text-slate-400"}`} suppressHydrationWarning>
      {words.replace(/^u/, "U")}
      {lateOnes > 0 && ` · ${lateOnes} late`}
      {record.overdueMs !== null && ` · the next is ${lateWords(record.overdueMs)}`}
    </p>
  );
}
