"use client";
// One CAN update as execs read it: who it was written for, how old it is, then
// Condition, Action, Need in plain text.
import { RelativeTime } from "@/components/ui/relative-time";
import type { ExecUpdate } from "@/lib/domain/status";

export function AudienceLabel({ audience }: { audience: ExecUpdate["audience"] }) {
  return (
    <span
      className={`rounded px-1.5 py-0.5 text-xs font-semibold ${
        audience === "exec" ? "bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100" : "bg-slate-200 text-slate-800 dark:bg-slate-800 dark:text-slate-200"
      }`}
    >
      {audience === "exec" ? "Exec update" : "Internal update"}
    </span>
  );
}

export function ExecUpdateBody({ update, compact = false }: { update: ExecUpdate; compact?: boolean }) {
  const rows = [
    ["Condition", update.condition],
    ["Action", update.action],
    ...(update.need ? [["Need", update.need]] : []),
  ] as const;
  return (
    <dl className={`space-y-1 text-sm ${compact ? "" : "sm:space-y-1.5"}`}>
      {rows.map(([label, text]) => (
        <div key={label} className="sm:flex sm:gap-2">
          <dt className="shrink-0 text-xs font-semibold uppercase tracking-wide text-slate-500 sm:w-20 sm:pt-0.5">{label}</dt>
          <dd className="min-w-0 whitespace-pre-wrap break-words">{text}</dd>
        </div>
      ))}
    </dl>
  );
}

export function ExecUpdateMeta({ update }: { update: ExecUpdate }) {
  return (
    <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-600 dark:text-slate-400">
      <AudienceLabel audience={update.audience} />
      <RelativeTime at={update.at} className="font-medium" />
      {update.author && <span>by {update.author.name}</span>}
      {update.actorKind === "automation" && <span className="rounded border border-slate-400 px-1">bot</span>}
    </div>
  );
}
