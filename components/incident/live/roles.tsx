"use client";
// Who does what on this incident. One commander at a time: offered with a briefing and moved only when the
// incoming person accepts ("I have the conn"); the other roles are assigned, replaced and ended here. Viewers see
// who holds what, never a control.
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, Textarea } from "@/components/ui/field";
import { useDialog } from "@/components/ui/dialog";
import { ClockTime, RelativeTime, useNow } from "@/components/ui/relative-time";
import { roleName } from "@/lib/domain/timeline";
import type { HandoverBriefing, RoleHolderView } from "@/lib/domain/incident-view";
import { type PersonRef } from "@/lib/domain/people";
import { INCIDENT_ROLES, type IncidentRole } from "@/lib/domain/schemas";
import { formatDuration } from "@/lib/domain/time";
import { useIncident } from "./context";
import { PeoplePicker } from "@/components/ui/people-picker";
import { commandModeOf, HandoverDialog, type CommandMode } from "./roles-handover";
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

// ─── Header: the command button next to the commander ─────────────────────

const COMMAND_BUTTON: Record<CommandMode, string> = { offer: "Hand over", assign: "Assign", take: "Take command" };

export function CommanderControl() {
  const { view, me, isAdmin, canWrite } = useIncident();
  const dialog = useDialog();
  usePageAction("handover", dialog.show, canWrite);
  // Offered command myself: the banner's "I have the conn" is the way, not taking it.
  if (!canWrite || offeredToMe(view, me)) return null;
  return (
    <>
      <button
        type="button"
        onClick={dialog.show}
        className="rounded-md border border-slate-300 px-2 py-0.5 text-xs font-medium text-slate-700 hover:bg-slate-100 dark:border-slate-700 dark:text-slate-300 dark:hover:bg-slate-800"
      >
        {COMMAND_BUTTON[commandModeOf(view, me, isAdmin)]}
      </button>
      <HandoverDialog open={dialog.open} openCount={dialog.openCount} onClose={dialog.close} />
    </>
  );
}

const offeredToMe = (view: { handover: { status: string; to: { handle: string } } | null }, me: { handle: string }) => view.handover?.status === "pending" && view.handover.to.handle === me.handle;

/** "handover offered to @bob, 3 min ago" beside the commander in the header, while the offer waits. */
export function PendingHandover() {
  const { view } = useIncident();
  const h = view.handover;
  if (h?.status !== "pending") return null;
  return (
    <span data-testid="handover-pending" className="rounded bg-amber-100 px-1.5 text-xs font-medium text-amber-900 dark:bg-amber-950 dark:text-amber-200">
      handover offered to @{h.to.handle}, <RelativeTime at={h.offeredAt} />
    </span>
  );
}

// ─── The pending offer, for everyone ───────────────────────────────────────

const BRIEFING_PARTS = [
  ["state", "State"],
  ["workstreams", "Workstreams"],
  ["openDecisions", "Open decisions"],
  ["nextUpdate", "Next update"],
] as const;

/**
 * While an offer of command waits: the person offered reads the briefing as a checklist and accepts ("I have the
 * conn") or declines with a reason; everyone else sees who is offered command since when, and until when; whoever
 * offered it may withdraw it.
 */
export function HandoverBanner() {
  const { view, me, canWrite, isAdmin, write } = useIncident();
  const now = useNow(1000);
  const state = useWriteState();
  const h = view.handover;
  if (h?.status !== "pending") return null;
  const isMe = canWrite && me.handle === h.to.handle;
  const mayWithdraw = canWrite && (me.handle === h.from.handle || isAdmin);
  const left = new Date(h.expiresAt).getTime() - now.getTime();
  return (
    <section
      id="handover"
      aria-labelledby="handover-heading"
      data-testid="handover-banner"
      className="scroll-mt-20 space-y-3 rounded-lg border-2 border-amber-400 bg-amber-50 p-3 sm:p-4 dark:border-amber-600 dark:bg-amber-950/50"
    >
      <div className="space-y-0.5">
        <h2 id="handover-heading" className="text-base font-bold text-amber-950 dark:text-amber-100">
          {isMe ? `@${h.from.handle} offers you command` : `Handover offered to @${h.to.handle}`}
        </h2>
        <p className="text-xs text-amber-900 dark:text-amber-200">
          <span className="font-semibold">@{h.from.handle}</span> ({h.from.name}) stays in command until {isMe ? "you accept" : `@${h.to.handle} accepts`} · offered <RelativeTime at={h.offeredAt} /> ·{" "}
          <span className="font-semibold tabular-nums" suppressHydrationWarning>
            {left > 0 ? `expires in ${formatDuration(left)}` : "expiring"}
          </span>
        </p>
      </div>
      {isMe ? (
        <AcceptHandover key={h.id} handoverId={h.id} briefing={h.briefing} />
      ) : (
        <>
          <Briefing briefing={h.briefing} />
          <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
            <p className="flex flex-1 items-baseline gap-2 text-sm font-medium text-amber-900 dark:text-amber-200" data-testid="handover-waiting">
              <span aria-hidden className="inline-block h-2 w-2 shrink-0 animate-pulse rounded-full bg-amber-500" />
              <span>Waiting for @{h.to.handle} to accept</span>
            </p>
            {mayWithdraw && (
              <Button variant="secondary" className="min-h-10" disabled={state.pending} onClick={() => void state.run(() => write("POST", `/handovers/${encodeURIComponent(h.id)}/withdraw`))}>
                {state.pending ? "Withdrawing…" : "Withdraw the offer"}
              </Button>
            )}
          </div>
          <WriteError state={state} />
        </>
      )}
    </section>
  );
}

function Briefing({ briefing }: { briefing: HandoverBriefing }) {
  return (
    <dl className="grid gap-2 text-sm sm:grid-cols-2 lg:grid-cols-3">
      {BRIEFING_PARTS.map(([key, label]) => (
        <div key={key} className={`min-w-0 rounded-md bg-white/70 p-2 dark:bg-slate-900/60 ${key === "state" ? "sm:col-span-2 lg:col-span-3" : ""}`}>
          <dt className="text-xs font-semibold uppercase tracking-wide text-amber-800 dark:text-amber-300">{label}</dt>
          <dd className="mt-0.5 whitespace-pre-wrap break-words text-slate-900 dark:text-slate-100">{briefing[key] || <span className="text-slate-500">—</span>}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The incoming person's side: each part of the briefing ticked as read, then "I have the conn" — or decline, saying why. */
function AcceptHandover({ handoverId, briefing }: { handoverId: string; briefing: HandoverBriefing }) {
  const { write } = useIncident();
  const parts = BRIEFING_PARTS.filter(([key]) => briefing[key]);
  const [read, setRead] = useState<Set<string>>(() => new Set());
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState("");
  const state = useWriteState();
  const path = `/handovers/${encodeURIComponent(handoverId)}`;
  const allRead = parts.every(([key]) => read.has(key));
  const toggle = (key: string) => setRead((prev) => {
    const next = new Set(prev);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    return next;
  });
  return (
    <div className="space-y-3">
      <fieldset className="space-y-2">
        <legend className="text-sm font-semibold text-amber-950 dark:text-amber-100">Read the briefing: tick each part</legend>
        <ul className="space-y-2">
          {parts.map(([key, label]) => (
            <li key={key}>
              <label className="flex min-h-11 cursor-pointer items-start gap-3 rounded-md bg-white/70 p-2 text-sm dark:bg-slate-900/60">
                <input type="checkbox" className="mt-1 h-5 w-5 shrink-0" checked={read.has(key)} onChange={() => toggle(key)} />
                <span className="min-w-0">
                  <span className="block text-xs font-semibold uppercase tracking-wide text-amber-800 dark:text-amber-300">{label}</span>
                  <span className="block whitespace-pre-wrap break-words text-slate-900 dark:text-slate-100">{briefing[key]}</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      {declining ? (
        <form
          className="space-y-2"
          onSubmit={(event) => {
            event.preventDefault();
            void state.run(() => write("POST", `${path}/decline`, { reason }));
          }}
        >
          <Field label="Why not?" htmlFor="handover-decline-reason" hint="The commander sees it and asks someone else." error={state.fields.reason}>
            <Textarea id="handover-decline-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus placeholder="e.g. On another incident; try @lchen." />
          </Field>
          <div className="flex flex-col-reverse gap-2 sm:flex-row">
            <Button type="button" variant="secondary" onClick={() => setDeclining(false)}>
              Back
            </Button>
            <Button type="submit" variant="danger" disabled={state.pending}>
              {state.pending ? "Declining…" : "Decline command"}
            </Button>
          </div>
        </form>
      ) : (
        <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
          <button
            type="button"
            className="inline-flex min-h-11 items-center justify-center rounded-md bg-amber-600 px-4 text-sm font-bold text-white hover:bg-amber-700 disabled:cursor-not-allowed disabled:opacity-50 dark:bg-amber-500 dark:text-amber-950 dark:hover:bg-amber-400"
            disabled={state.pending || !allRead}
            onClick={() => void state.run(() => write("POST", `${path}/accept`))}
          >
            {state.pending ? "Taking command…" : "I have the conn"}
          </button>
          <Button variant="secondary" className="min-h-11" onClick={() => setDeclining(true)}>
            Decline…
          </Button>
          <p className="text-xs text-amber-900 dark:text-amber-200">{allRead ? "Accepting puts you in command, for everyone, at once." : "Tick each part of the briefing to accept."}</p>
        </div>
      )}
      <WriteError state={state} shownFields={["reason"]} />
    </div>
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
      {holder.role === "commander" && (holder.taken || holder.acknowledgedAt) && (
        <span
          data-testid="handover-ack"
          className={`rounded px-1.5 text-xs font-medium ${holder.taken ? "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-300" : "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300"}`}
        >
          {holder.taken ? "command taken without acceptance" : `accepted${holder.briefedBy ? ` from @${holder.briefedBy.handle}` : ""}`}
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
  const { view, me, isAdmin, write } = useIncident();
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
            !offeredToMe(view, me) && <button type="button" className={smallButton} onClick={handover.show}>
              {COMMAND_BUTTON[commandModeOf(view, me, isAdmin)]}
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
