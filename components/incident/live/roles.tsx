"use client";
// Who does what on this incident. One commander at a time, handed over with a
// briefing that the incoming commander acknowledges ("I have the conn"); the other
// roles are assigned, replaced and ended here. Viewers see who holds what, never a control.
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { useDialog } from "@/components/ui/dialog";
import { ClockTime, RelativeTime, useNow } from "@/components/ui/relative-time";
import { roleName } from "@/lib/domain/timeline";
import { commanderOf, type RoleHolderView } from "@/lib/domain/incident-view";
import { type PersonRef } from "@/lib/domain/people";
import { INCIDENT_ROLES, type IncidentRole } from "@/lib/domain/schemas";
import { formatDuration } from "@/lib/domain/time";
import { useIncident } from "./context";
import { PeoplePicker } from "@/components/ui/people-picker";
import { HandoverDialog } from "./roles-handover";
import { useWriteState, WriteError } from "./work-write";
import { usePageAction } from "./nudges";

/** What each role is for, shown while nobody holds it (PRACTICES.md, Roles). */
const ROLE_PURPOSE: Record<IncidentRole, string> = {
  commander: "Coordinates, decides, keeps the log, hands over. Does not debug.",
  ops_lead: "Directs the technical investigation and mitigation.",
  comms_lead: "Internal and external messaging, stakeholder updates.",
  scribe: "Records actions and decisions as they happen.",
  sme: "Engineers of the affected teams: diagnose and fix.",
  support_lead: "Handles incoming customer queries.",
  exec_sponsor: "Approves major actions, shields the team.",
};

export const roleLabel = (role: IncidentRole) => (role === "sme" ? "SMEs" : role === "commander" ? "Incident commander" : roleName(role).replace(/^./, (c) => c.toUpperCase()));

const smallButton = "rounded px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-100 disabled:opacity-50 dark:text-slate-300 dark:hover:bg-slate-800";

// ─── Header: the "Hand over" button next to the commander ──────────────────

export function CommanderControl() {
  const { canWrite } = useIncident();
  const dialog = useDialog();
  usePageAction("handover", dialog.show, canWrite);
  if (!canWrite) return null;
  return (
    <>
      <button
        type="button"
        onClick={dialog.show}
        className="rounded-md border border-slate-300 px-2 py-0.5 text-xs font-medium text-slate-700 hover:bg-slate-100 dark:border-slate-700 dark:text-slate-300 dark:hover:bg-slate-800"
      >
        Hand over
      </button>
      <HandoverDialog open={dialog.open} openCount={dialog.openCount} onClose={dialog.close} />
    </>
  );
}

// ─── The pending handover, for everyone ────────────────────────────────────

const BRIEFING_PARTS = [
  ["state", "State"],
  ["workstreams", "Workstreams"],
  ["openDecisions", "Open decisions"],
  ["nextUpdate", "Next update"],
] as const;

export function HandoverBanner() {
  const { view, me, canWrite, write } = useIncident();
  const now = useNow();
  const state = useWriteState();
  const commander = commanderOf(view);
  if (!commander?.briefing || commander.acknowledgedAt) return null;
  const briefing = commander.briefing;
  const incoming = commander.user;
  const isMe = canWrite && me.handle === incoming.handle;
  return (
    <section
      aria-labelledby="handover-heading"
      data-testid="handover-banner"
      className="space-y-3 rounded-lg border-2 border-amber-400 bg-amber-50 p-3 sm:p-4 dark:border-amber-600 dark:bg-amber-950/50"
    >
      <div className="space-y-0.5">
        <h2 id="handover-heading" className="text-base font-bold text-amber-950 dark:text-amber-100">
          {isMe ? "You are taking command" : `Command handed over to @${incoming.handle}`}
        </h2>
        <p className="text-xs text-amber-900 dark:text-amber-200">
          Briefing from {commander.briefedBy ? <span className="font-semibold">@{commander.briefedBy.handle}</span> : "the outgoing commander"}
          {commander.briefedBy?.name ? ` (${commander.briefedBy.name})` : ""} · <RelativeTime at={commander.assignedAt} />
        </p>
      </div>
      <dl className="grid gap-2 text-sm sm:grid-cols-2 lg:grid-cols-3">
        {BRIEFING_PARTS.map(([key, label]) => (
          <div key={key} className={`min-w-0 rounded-md bg-white/70 p-2 dark:bg-slate-900/60 ${key === "state" ? "sm:col-span-2 lg:col-span-3" : ""}`}>
            <dt className="text-xs font-semibold uppercase tracking-wide text-amber-800 dark:text-amber-300">{label}</dt>
            <dd className="mt-0.5 whitespace-pre-wrap break-words text-slate-900 dark:text-slate-100">{briefing[key] || <span className="text-slate-500">—</span>}</dd>
          </div>
        ))}
      </dl>
      {isMe ? (
        <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
          <button
            type="button"
            className="inline-flex min-h-10 items-center justify-center rounded-md bg-amber-600 px-4 text-sm font-bold text-white hover:bg-amber-700 disabled:opacity-50 dark:bg-amber-500 dark:text-amber-950 dark:hover:bg-amber-400"
            disabled={state.pending}
            onClick={() => void state.run(() => write("POST", "/roles/commander/acknowledge"))}
          >
            {state.pending ? "Taking command…" : "I have the conn"}
          </button>
          <p className="text-xs text-amber-900 dark:text-amber-200">Read the briefing, then acknowledge: everyone sees that you are in command.</p>
        </div>
      ) : (
        <p className="flex items-baseline gap-2 text-sm font-medium text-amber-900 dark:text-amber-200" data-testid="handover-waiting">
          <span aria-hidden className="inline-block h-2 w-2 shrink-0 animate-pulse rounded-full bg-amber-500" />
          <span>
            Waiting for @{incoming.handle} to acknowledge{" "}
            {/* Ticks every few seconds: the server's render and the browser's may differ by one. */}
            <span className="font-normal tabular-nums" suppressHydrationWarning>
              ({formatDuration(now.getTime() - new Date(commander.assignedAt).getTime())})
            </span>
          </span>
        </p>
      )}
      <WriteError state={state} />
    </section>
  );
}

// ─── The roles panel ───────────────────────────────────────────────────────

function Holder({ holder, children }: { holder: RoleHolderView; children?: React.ReactNode }) {
  return (
    <li className="flex flex-wrap items-center gap-x-2 gap-y-0.5" data-handle={holder.user.handle}>
      <span className="font-medium">@{holder.user.handle}</span>
      <span className="min-w-0 truncate text-slate-600 dark:text-slate-400">{holder.user.name}</span>
      <span className="text-xs text-slate-500">
        since <RelativeTime at={holder.assignedAt} />
      </span>
      {holder.role === "commander" && holder.briefing && (
        <span
          data-testid="handover-ack"
          className={`rounded px-1.5 text-xs font-medium ${holder.acknowledgedAt ? "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300" : "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-300"}`}
        >
          {holder.acknowledgedAt ? "acknowledged" : "not yet acknowledged"}
        </span>
      )}
      {children && <span className="ml-auto flex gap-1">{children}</span>}
    </li>
  );
}

function AssignForm({ role, holders, onDone }: { role: IncidentRole; holders: RoleHolderView[]; onDone: () => void }) {
  const { write } = useIncident();
  const [person, setPerson] = useState<PersonRef | null>(null);
  const [pickError, setPickError] = useState<string | null>(null);
  const state = useWriteState();
  const id = `assign-${role}`;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!person) return setPickError("Pick someone from the list.");
    setPickError(null);
    if (await state.run(() => write("PUT", `/roles/${role}`, { user: person.handle }))) onDone();
  }

  const error = pickError ?? state.fields.user;
  return (
    <form onSubmit={onSubmit} className="mt-2 space-y-2 rounded-md border border-slate-200 p-2 dark:border-slate-700">
      <label htmlFor={id} className="block text-xs font-medium text-slate-700 dark:text-slate-300">
        {role === "sme" ? "Add an SME" : holders.length ? `New ${roleName(role)} (replaces @${holders[0]!.user.handle})` : `Assign ${roleName(role)}`}
      </label>
      <PeoplePicker
        id={id}
        value={person}
        onChange={setPerson}
        allowViewers={role === "exec_sponsor"}
        exclude={holders.map((h) => h.user.handle)}
        invalid={!!error}
        describedBy={error ? `${id}-error` : undefined}
        autoFocus
      />
      {error && (
        <p id={`${id}-error`} role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
      <WriteError state={state} shownFields={["user"]} />
      <div className="flex gap-2">
        <Button type="submit" className="min-h-8 flex-1 sm:flex-none" disabled={state.pending}>
          {state.pending ? "Saving…" : role === "sme" ? "Add" : holders.length ? "Replace" : "Assign"}
        </Button>
        <Button type="button" variant="secondary" className="min-h-8" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function RoleRow({ role, holders }: { role: IncidentRole; holders: RoleHolderView[] }) {
  const { write } = useIncident();
  const [assigning, setAssigning] = useState(false);
  const handover = useDialog();
  const state = useWriteState();
  const single = role !== "sme";

  const unassign = (handle: string) => state.run(() => write("DELETE", `/roles/${role}?user=${encodeURIComponent(handle)}`));

  return (
    <li data-role={role} className="px-3 py-2">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">{roleLabel(role)}</h3>
        <span className="ml-auto flex gap-1">
          {role === "commander" ? (
            <button type="button" className={smallButton} onClick={handover.show}>
              Hand over
            </button>
          ) : (
            <>
              {!assigning && (
                <button type="button" className={smallButton} onClick={() => setAssigning(true)} aria-label={role === "sme" ? "Add an SME" : `${holders.length ? "Replace" : "Assign"} ${roleName(role)}`}>
                  {role === "sme" ? "Add" : holders.length ? "Replace" : "Assign"}
                </button>
              )}
              {single && holders[0] && (
                <button type="button" className={smallButton} disabled={state.pending} onClick={() => void unassign(holders[0]!.user.handle)} aria-label={`Unassign @${holders[0].user.handle} as ${roleName(role)}`}>
                  Unassign
                </button>
              )}
            </>
          )}
        </span>
      </div>
      {holders.length > 0 ? (
        <ul className="mt-1 space-y-1 text-sm">
          {holders.map((h) => (
            <Holder key={h.user.handle} holder={h}>
              {!single && (
                <button type="button" className={smallButton} disabled={state.pending} onClick={() => void unassign(h.user.handle)} aria-label={`Remove @${h.user.handle} as ${roleName(role)}`}>
                  Remove
                </button>
              )}
            </Holder>
          ))}
        </ul>
      ) : (
        <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">
          <span className="font-medium text-slate-600 dark:text-slate-300">Nobody yet.</span> {ROLE_PURPOSE[role]}
        </p>
      )}
      <WriteError state={state} className="mt-1" />
      {assigning && <AssignForm role={role} holders={holders} onDone={() => setAssigning(false)} />}
      {role === "commander" && <HandoverDialog open={handover.open} openCount={handover.openCount} onClose={handover.close} />}
    </li>
  );
}

/** Holders read-only: viewers (and everyone) see who does what. */
function ReadOnlyRole({ role, holders }: { role: IncidentRole; holders: RoleHolderView[] }) {
  return (
    <li data-role={role} className="px-3 py-2">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">{roleLabel(role)}</h3>
      <ul className="mt-1 space-y-1 text-sm">
        {holders.map((h) => (
          <Holder key={h.user.handle} holder={h} />
        ))}
      </ul>
    </li>
  );
}

export function RolesPanel() {
  const { view, canWrite } = useIncident();
  const byRole = (role: IncidentRole) => view.roles.filter((r) => r.role === role).sort((a, b) => a.assignedAt.localeCompare(b.assignedAt));
  // Viewers see only the roles someone holds; responders see every role, so gaps are visible and fillable.
  const roles = canWrite ? INCIDENT_ROLES : INCIDENT_ROLES.filter((role) => byRole(role).length > 0);
  return (
    <section aria-labelledby="roles-heading" className="space-y-2">
      <h2 id="roles-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
        Roles
      </h2>
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900" data-testid="roles">
        {roles.map((role) => (canWrite ? <RoleRow key={role} role={role} holders={byRole(role)} /> : <ReadOnlyRole key={role} role={role} holders={byRole(role)} />))}
        <Responders />
      </ul>
    </section>
  );
}

/** People who joined by acknowledging a page, without a role (yet): the commander sees who is here to help. */
function Responders() {
  const { view } = useIncident();
  const holders = new Set(view.roles.map((r) => r.user.handle));
  const responders = view.responders.filter((r) => !holders.has(r.user.handle));
  if (responders.length === 0) return null;
  return (
    <li className="px-3 py-2" data-testid="responders">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">Responders</h3>
      <ul className="mt-1 space-y-1 text-sm">
        {responders.map((r) => (
          <li key={r.user.handle} className="flex flex-wrap items-baseline gap-x-2">
            <span className="font-medium [overflow-wrap:anywhere]">@{r.user.handle}</span>
            <span className="text-xs text-slate-600 dark:text-slate-400">
              acknowledged <ClockTime at={r.since} />
            </span>
          </li>
        ))}
      </ul>
    </li>
  );
}
