"use client";
// What broke, how bad, who is in command, what is being done, when the next update
// comes: readable in five seconds, on a phone, at 3 AM.
import Link from "next/link";
import { ClockTime, RelativeTime, useNow } from "@/components/ui/relative-time";
import { commanderOf, type AlertsView } from "@/lib/domain/incident-view";
import { type PersonRef } from "@/lib/domain/people";
import { SEVERITY_LEVELS } from "@/lib/domain/severity";
import { formatDuration } from "@/lib/domain/time";
import { lateWords } from "@/lib/domain/promises";
import { impactStart, openForMs } from "@/lib/domain/lifecycle";
import type { Connection } from "@/lib/realtime/client";
import { SeverityBadge, StatusBadge, Tag } from "@/components/ui/badges";
import { useIncident } from "./context";
import { CommanderControl, PendingHandover } from "./roles";
import { StatusControls } from "./status";

/** When the next update is due, ticking; overdue in red ("overdue 6m", or in words for execs: "late by 6 min"). */
export function NextUpdateDue({ dueAt, inWords = false }: { dueAt: string | null; inWords?: boolean }) {
  const now = useNow(1_000);
  if (!dueAt) return <span className="text-slate-500">none planned</span>;
  const ms = new Date(dueAt).getTime() - now.getTime();
  const overdue = ms < 0;
  return (
    <span
      data-testid="next-update"
      data-overdue={overdue}
      suppressHydrationWarning
      className={overdue ? "rounded bg-red-600 px-1.5 py-0.5 font-semibold text-white" : "font-medium tabular-nums"}
      title={new Date(dueAt).toISOString()}
    >
      {overdue ? (inWords ? lateWords(-ms) : `overdue ${formatDuration(ms)}`) : `in ${formatDuration(ms)}`}
    </span>
  );
}

const CONNECTION_STYLE: Record<Connection, { label: string; dot: string }> = {
  connecting: { label: "Connecting…", dot: "bg-slate-400" },
  live: { label: "Live", dot: "bg-emerald-500" },
  reconnecting: { label: "Reconnecting…", dot: "bg-amber-500 animate-pulse" },
  offline: { label: "Offline", dot: "bg-red-600" },
};

export function ConnectionIndicator({ connection }: { connection: Connection }) {
  const style = CONNECTION_STYLE[connection];
  return (
    <span role="status" aria-live="polite" data-testid="connection" data-state={connection} className="inline-flex items-center gap-1.5 text-xs font-medium text-slate-600 dark:text-slate-400">
      <span aria-hidden className={`inline-block h-2 w-2 rounded-full ${style.dot}`} />
      {style.label}
    </span>
  );
}

export function Viewers({ viewers }: { viewers: PersonRef[] }) {
  if (viewers.length === 0) return null;
  const shown = viewers.slice(0, 6);
  return (
    <div className="flex items-center gap-1" aria-label={`${viewers.length} viewing now`} data-testid="viewers">
      <div className="flex -space-x-1.5">
        {shown.map((v) => (
          <span
            key={v.handle}
            title={`${v.name} (@${v.handle}) is viewing`}
            className="inline-flex h-6 w-6 items-center justify-center rounded-full border-2 border-white bg-sky-700 text-[10px] font-bold uppercase text-white dark:border-slate-900"
          >
            {v.handle.slice(0, 2)}
          </span>
        ))}
      </div>
      {viewers.length > shown.length && <span className="text-xs text-slate-500">+{viewers.length - shown.length}</span>}
      <span className="sr-only">{viewers.map((v) => `@${v.handle}`).join(", ")}</span>
    </div>
  );
}

export function IncidentLiveHeader({ connection, viewers }: { connection: Connection; viewers: PersonRef[] }) {
  const { view } = useIncident();
  const now = useNow();
  const commander = commanderOf(view);
  const open = view.status === "investigating" || view.status === "mitigated";
  return (
    <section aria-label="Incident summary" className="space-y-3 rounded-lg border border-slate-200 bg-white p-3 sm:p-4 dark:border-slate-800 dark:bg-slate-900">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-mono text-sm text-slate-500">{view.ref}</span>
        <SeverityBadge severity={view.severity} withLabel />
        <Tag>{view.priority}</Tag>
        <StatusBadge status={view.status} />
        {view.private && <Tag tone="violet">private</Tag>}
        {view.drill && <Tag tone="sky">drill</Tag>}
        {/* Fixed height: avatars arriving with the socket never move the header. */}
        <div className="ml-auto flex h-6 items-center gap-3">
          <Viewers viewers={viewers} />
          <ConnectionIndicator connection={connection} />
        </div>
      </div>
      <h1 className="text-xl font-bold leading-tight [overflow-wrap:anywhere] sm:text-2xl" data-testid="incident-title">
        {view.title}
      </h1>
      {/* On a phone the badge says it: the room goes to the latest update (the five-second test at 375 × 667). */}
      <p className="hidden text-sm text-slate-600 sm:block dark:text-slate-400">{SEVERITY_LEVELS[view.severity].impact}</p>
      <dl className="grid grid-cols-2 gap-x-3 gap-y-2 text-sm sm:grid-cols-4">
        <div className="min-w-0">
          <dt className="text-slate-600 dark:text-slate-400">Commander</dt>
          <dd className="flex flex-wrap items-center gap-2 font-medium" data-testid="commander">
            {commander ? <span title={commander.user.name}>@{commander.user.handle}</span> : <span className="text-red-600 dark:text-red-400">none</span>}
            <CommanderControl />
            <PendingHandover />
          </dd>
        </div>
        <div>
          <dt className="text-slate-600 dark:text-slate-400">{open ? "Open for" : "Declared"}</dt>
          <dd className="tabular-nums">
            {open ? (
              <span title={`since ${new Date(impactStart(view, now)).toISOString()} (${view.startedAt ? "impact started" : "declared"})`} suppressHydrationWarning>
                {formatDuration(openForMs(view, now))}
              </span>
            ) : (
              <RelativeTime at={view.declaredAt} />
            )}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600 dark:text-slate-400">Next update</dt>
          <dd>
            <NextUpdateDue dueAt={view.nextUpdateDueAt} />
          </dd>
        </div>
        <div className="min-w-0">
          <dt className="text-slate-600 dark:text-slate-400">Services</dt>
          <dd className="truncate" title={view.services.map((s) => `${s.key} (${s.name})`).join(", ")}>
            {view.services.length ? view.services.map((s) => s.key).join(", ") : "—"}
          </dd>
        </div>
      </dl>
      {view.mergedInto && (
        <p data-testid="merged-into" className="rounded-md border border-sky-300 bg-sky-50 px-3 py-2 text-sm font-medium text-sky-900 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100">
          Merged into{" "}
          <Link href={`/incidents/${view.mergedInto}`} className="inline-flex min-h-11 items-center font-mono underline sm:min-h-0">
            {view.mergedInto}
          </Link>
          : its alerts, pages and people are there. Work on that one.
        </p>
      )}
      {view.alerts && <AlertsLine alerts={view.alerts} />}
      <StatusControls />
    </section>
  );
}

/** Monitoring's view of it: alerts never resolve an incident, so "all resolved" is said and a person decides. */
function AlertsLine({ alerts }: { alerts: AlertsView }) {
  if (alerts.open === 0 && alerts.allResolvedAt) {
    return (
      <p data-testid="alerts-line" className="text-sm font-medium text-emerald-800 dark:text-emerald-300">
        All {alerts.total === 1 ? "" : `${alerts.total} `}alert{alerts.total === 1 ? "" : "s"} resolved since <ClockTime at={alerts.allResolvedAt} />: check, then resolve the incident.
      </p>
    );
  }
  return (
    <p data-testid="alerts-line" className="text-sm text-slate-600 dark:text-slate-400">
      {alerts.open} of {alerts.total} alert{alerts.total === 1 ? "" : "s"} firing
    </p>
  );
}
