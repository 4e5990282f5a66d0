"use client";
// One incident for execs and stakeholders: how bad, what it hits, who commands,
// the latest update written for them, what was decided, and when things
// happened. No notes, no alerts, no controls. Shown signed in (/status/{ref},
// live) and through a share link (read-only, no account).
import type { ReactNode } from "react";
import { SeverityBadge, StatusBadge, Tag } from "@/components/ui/badges";
import { NextUpdateDue } from "@/components/incident/live/header";
import { RelativeTime } from "@/components/ui/relative-time";
import type { PersonRef } from "@/lib/domain/people";
import type { ExecSummary as Summary } from "@/lib/domain/status";
import { AudienceLabel, ExecUpdateBody, ExecUpdateMeta } from "./exec-update";
import { IncidentDuration, LocalTime } from "./time";

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="font-medium break-words" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

const person = (p: PersonRef | null) => (p ? p.name : <span className="text-slate-500">not assigned</span>);

function Section({ title, count, children, id }: { title: string; count?: number; children: ReactNode; id: string }) {
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h2 id={id} className="text-sm font-semibold uppercase tracking-wide text-slate-500">
        {title}
        {count !== undefined && <span className="font-normal"> ({count})</span>}
      </h2>
      {children}
    </section>
  );
}

export function ExecSummary({ summary: s, header }: { summary: Summary; header?: ReactNode }) {
  const open = s.status === "investigating" || s.status === "mitigated";
  const timestamps = [
    ["Impact started", s.startedAt],
    ["Declared", s.declaredAt],
    ["Acknowledged", s.acknowledgedAt],
    ["Mitigated", s.mitigatedAt],
    ["Resolved", s.resolvedAt],
    ["Closed", s.closedAt],
  ] as const;
  const card = "min-w-0 rounded-lg border border-slate-200 bg-white p-3 [overflow-wrap:anywhere] sm:p-4 dark:border-slate-800 dark:bg-slate-900";

  return (
    <article className="space-y-5" data-testid="exec-summary" data-ref={s.ref}>
      <header className={`space-y-2 ${card}`}>
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-mono text-sm text-slate-500">{s.ref}</span>
          <SeverityBadge severity={s.severity} withLabel />
          <StatusBadge status={s.status} />
          {s.drill && <Tag tone="sky">drill</Tag>}
          {header && <div className="ml-auto flex items-center gap-3">{header}</div>}
        </div>
        <h1 className="text-xl font-bold leading-tight break-words sm:text-2xl">{s.title}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="impact">
          {s.impact}
        </p>
        {s.blastRadius && (
          <p className="text-sm">
            <span className="font-semibold">Blast radius:</span> {s.blastRadius}
          </p>
        )}
        {s.summary && <p className="text-sm whitespace-pre-wrap break-words">{s.summary}</p>}
        <dl className="grid grid-cols-2 gap-x-3 gap-y-2 pt-1 text-sm sm:grid-cols-3 lg:grid-cols-6">
          <Fact label={open ? "Open for" : "Lasted"}>
            <IncidentDuration incident={s} seconds={open ? undefined : s.durationSeconds} />
          </Fact>
          <Fact label="Next update">{open ? <NextUpdateDue dueAt={s.nextUpdateDueAt} inWords /> : <span className="text-slate-500">—</span>}</Fact>
          <Fact label="ETA" testId="eta">
            {s.eta ? <LocalTime at={s.eta} relative /> : <span className="text-slate-500">none given</span>}
          </Fact>
          <Fact label="Incident commander" testId="commander">
            {person(s.commander)}
          </Fact>
          <Fact label="Comms lead">{person(s.commsLead)}</Fact>
          <Fact label="Affected services">{s.services.length ? s.services.map((svc) => svc.name).join(", ") : "—"}</Fact>
        </dl>
      </header>

      <Section title="Latest update" id="latest-heading">
        <div className={`${card} space-y-2 border-l-4 border-l-sky-400 dark:border-l-sky-700`} data-testid="latest-update">
          {s.update ? (
            <>
              <ExecUpdateMeta update={s.update} />
              <ExecUpdateBody update={s.update} />
            </>
          ) : (
            <p className="text-sm text-slate-500">No update for execs yet.</p>
          )}
        </div>
      </Section>

      <div className="grid gap-5 lg:grid-cols-2 print:grid-cols-1">
        <Section title="Decisions" count={s.decisions.length} id="decisions-heading">
          {s.decisions.length === 0 ? (
            <p className="text-sm text-slate-500">No decisions logged.</p>
          ) : (
            <ol className="space-y-2" data-testid="decisions">
              {s.decisions.map((d) => (
                <li key={d.id} className={`${card} space-y-1 break-inside-avoid`}>
                  <p className="font-semibold [overflow-wrap:anywhere]">{d.decision}</p>
                  <p className="text-sm text-slate-700 whitespace-pre-wrap [overflow-wrap:anywhere] dark:text-slate-300">{d.rationale}</p>
                  <p className="text-xs text-slate-500">
                    {d.decidedBy ? `${d.decidedBy.name} · ` : ""}
                    <LocalTime at={d.decidedAt} />
                    {d.reversible === false && <span className="ml-2 font-semibold text-amber-700 dark:text-amber-400">not reversible</span>}
                  </p>
                </li>
              ))}
            </ol>
          )}
        </Section>

        <Section title="Key times" id="times-heading">
          <dl className={`${card} grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm`}>
            {timestamps.map(([label, at]) => (
              <div key={label} className="contents">
                <dt className="text-slate-500">{label}</dt>
                <dd>{at ? <LocalTime at={at} relative /> : <span className="text-slate-500">—</span>}</dd>
              </div>
            ))}
          </dl>
        </Section>
      </div>

      <Section title="Update history" count={s.updates.length} id="history-heading">
        {s.updates.length === 0 ? (
          <p className="text-sm text-slate-500">No exec or internal updates yet.</p>
        ) : (
          <ol className="space-y-2" data-testid="update-history">
            {s.updates.map((u) => (
              <li key={u.id} className={`${card} space-y-1.5 break-inside-avoid`}>
                <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
                  <AudienceLabel audience={u.audience} />
                  <LocalTime at={u.at} />
                  <RelativeTime at={u.at} className="text-slate-500" />
                  {u.author && <span>by {u.author.name}</span>}
                </div>
                <ExecUpdateBody update={u} />
              </li>
            ))}
          </ol>
        )}
      </Section>
    </article>
  );
}
