"use client";
// Command changing hands ("you have the conn", issue 18). The commander (or an admin) offers command to a named
// person with a briefing — state, workstreams, open decisions, next update — and stays in command until that person
// accepts. With nobody in command, a responder assigns one. Anyone else may take command only from an absent
// commander (the server says when: lib/domain/handover.ts), recorded as taken, never as a handover.
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input, Textarea } from "@/components/ui/field";
import { commanderOf, type HandoverBriefing, type IncidentView } from "@/lib/domain/incident-view";
import { type PersonRef } from "@/lib/domain/people";
import { formatAbsolute, formatDuration, formatRelative } from "@/lib/domain/time";
import { useIncident } from "./context";
import { PeoplePicker } from "@/components/ui/people-picker";
import { useWriteState, WriteError } from "./work-write";

const RECENT_DECISIONS = 3;

/** What the page already knows, written the way an IC would brief: one line per workstream and decision. */
export function draftBriefing(view: Pick<IncidentView, "workstreams" | "decisions" | "nextUpdateDueAt">, now: Date, timeZone: string): Omit<HandoverBriefing, "state"> {
  const open = view.workstreams.filter((w) => w.status !== "done");
  const done = view.workstreams.filter((w) => w.status === "done");
  const workstreamLines = open.map((w) => {
    const status = w.status === "blocked" && w.blockedAt ? `blocked for ${formatDuration(now.getTime() - new Date(w.blockedAt).getTime())}` : w.status;
    return `- ${w.title} — ${w.lead ? `@${w.lead.handle}` : "no lead"} — ${status}`;
  });
  if (done.length) workstreamLines.push(`- Done: ${done.map((w) => w.title).join(", ")}`);

  const decisionLines = view.decisions
    .slice(0, RECENT_DECISIONS)
    .map((d) => `- ${d.decision}${d.reversible === false ? " (not reversible)" : ""} — ${d.decidedBy ? `@${d.decidedBy.handle}` : "decided"}, ${formatRelative(new Date(d.decidedAt), now)}`);

  let nextUpdate = "";
  if (view.nextUpdateDueAt) {
    const due = new Date(view.nextUpdateDueAt);
    nextUpdate = `${formatAbsolute(due, timeZone)} (${due.getTime() < now.getTime() ? `overdue ${formatDuration(now.getTime() - due.getTime())}` : formatRelative(due, now)})`;
  }
  return { workstreams: workstreamLines.join("\n"), openDecisions: decisionLines.join("\n"), nextUpdate };
}

/** What the commander control does for this person: offer command, assign a first commander, or take command. */
export type CommandMode = "offer" | "assign" | "take";

export function commandModeOf(view: Pick<IncidentView, "roles">, me: PersonRef, isAdmin: boolean): CommandMode {
  const commander = commanderOf(view);
  if (!commander) return "assign";
  return commander.user.handle === me.handle || isAdmin ? "offer" : "take";
}

export const COMMAND_DIALOG_TITLES: Record<CommandMode, string> = { offer: "Hand over command", assign: "Assign an incident commander", take: "Take command" };

/** Room for the pre-filled lines (long ones wrap on a phone), within reason. */
const textareaRows = (text = "") => Math.min(8, Math.max(3, text.split("\n").length * 2));

const FIELD_KEYS = ["to", "user", "briefing", "briefing.state", "briefing.workstreams", "briefing.openDecisions", "briefing.nextUpdate"];

function OfferForm({ onDone }: { onDone: () => void }) {
  const { view, write } = useIncident();
  const commander = commanderOf(view);
  const [draft] = useState(() => draftBriefing(view, new Date(), Intl.DateTimeFormat().resolvedOptions().timeZone));
  const [next, setNext] = useState<PersonRef | null>(null);
  const state = useWriteState();
  const f = state.fields;
  // The server checks the whole form at once, so a missing person and a missing state show together.
  const userError = f.to && !next ? "Pick the incoming commander from the list." : f.to;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim() || undefined;
    const briefing = { state: String(form.get("state") ?? ""), workstreams: text("workstreams"), openDecisions: text("openDecisions"), nextUpdate: text("nextUpdate") };
    if (await state.run(() => write("POST", "/handovers", { to: next?.handle ?? "", briefing }))) onDone();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {commander && <span className="font-medium text-slate-900 dark:text-slate-100">@{commander.user.handle} stays in command </span>}
        until the person you pick reads this briefing and accepts: “I have the conn”. An offer nobody answers expires.
      </p>
      <Field label="New incident commander" htmlFor="handover-user" error={userError}>
        <PeoplePicker id="handover-user" value={next} onChange={setNext} exclude={commander ? [commander.user.handle] : []} invalid={!!userError} autoFocus />
      </Field>
      <Field label="State" htmlFor="handover-state" hint="What is happening, what is impacted, what has been done. Required." error={f["briefing.state"] ?? f.briefing}>
        <Textarea id="handover-state" name="state" rows={3} required aria-required placeholder="e.g. Mitigated by rolling back checkout to v2.2; error rate back to normal, watching." />
      </Field>
      <Field label="Workstreams" htmlFor="handover-workstreams" hint="From the workstreams on this page: edit as needed." error={f["briefing.workstreams"]}>
        <Textarea id="handover-workstreams" name="workstreams" rows={textareaRows(draft.workstreams)} defaultValue={draft.workstreams} placeholder="- DB replication — @lchen — active" />
      </Field>
      <Field label="Open decisions" htmlFor="handover-decisions" hint="The latest decisions are filled in: say what is still to decide." error={f["briefing.openDecisions"]}>
        <Textarea id="handover-decisions" name="openDecisions" rows={textareaRows(draft.openDecisions)} defaultValue={draft.openDecisions} placeholder="- Re-deploy v2.3 once the fix is out?" />
      </Field>
      <Field label="Next update" htmlFor="handover-next" error={f["briefing.nextUpdate"]}>
        <Input id="handover-next" name="nextUpdate" defaultValue={draft.nextUpdate} placeholder="e.g. 14:30 UTC, internal" />
      </Field>
      <WriteError state={state} shownFields={FIELD_KEYS} />
      <FormButtons onCancel={onDone} pending={state.pending} label="Offer command" pendingLabel="Offering…" />
    </form>
  );
}

function AssignForm({ onDone }: { onDone: () => void }) {
  const { write } = useIncident();
  const [person, setPerson] = useState<PersonRef | null>(null);
  const state = useWriteState();
  const error = state.fields.user && !person ? "Pick the incident commander from the list." : state.fields.user;
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void state.run(() => write("PUT", "/roles/commander", { user: person?.handle ?? "" })).then((ok) => ok && onDone());
      }}
      className="space-y-3"
      noValidate
    >
      <p className="text-sm text-slate-600 dark:text-slate-400">Nobody has the conn. The commander coordinates, decides and keeps the log; they do not debug.</p>
      <Field label="Incident commander" htmlFor="assign-commander" error={error}>
        <PeoplePicker id="assign-commander" value={person} onChange={setPerson} invalid={!!error} autoFocus />
      </Field>
      <WriteError state={state} shownFields={FIELD_KEYS} />
      <FormButtons onCancel={onDone} pending={state.pending} label="Assign commander" pendingLabel="Assigning…" />
    </form>
  );
}

function TakeForm({ onDone }: { onDone: () => void }) {
  const { view, me, write } = useIncident();
  const commander = commanderOf(view);
  const state = useWriteState();
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const known = String(new FormData(event.currentTarget).get("state") ?? "").trim();
    if (await state.run(() => write("PUT", "/roles/commander", { user: me.handle, ...(known ? { briefing: { state: known } } : {}) }))) onDone();
  }
  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        <span className="font-semibold">@{commander?.user.handle}</span> has command. To take it over, ask them to hand it to you: they offer, you accept.
      </p>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Take command without their acceptance only when they are gone: silent on this incident for a while, or deactivated (an admin may at any time). It is recorded as taken, and they are told.
      </p>
      <Field label="What you know (optional)" htmlFor="take-state" error={state.fields["briefing.state"]}>
        <Textarea id="take-state" name="state" rows={3} placeholder="e.g. @ic dropped off the bridge at 03:10; I have been following the timeline." />
      </Field>
      <WriteError state={state} shownFields={FIELD_KEYS} />
      <FormButtons onCancel={onDone} pending={state.pending} label="Take command without acceptance" pendingLabel="Taking command…" danger />
    </form>
  );
}

function FormButtons({ onCancel, pending, label, pendingLabel, danger = false }: { onCancel: () => void; pending: boolean; label: string; pendingLabel: string; danger?: boolean }) {
  return (
    <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
      <Button type="button" variant="secondary" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" variant={danger ? "danger" : "primary"} disabled={pending}>
        {pending ? pendingLabel : label}
      </Button>
    </div>
  );
}

/** The command dialog; `openCount` remounts the form so every opening starts from the current page. */
export function HandoverDialog({ open, openCount, onClose }: { open: boolean; openCount: number; onClose: () => void }) {
  const { view, me, isAdmin } = useIncident();
  const mode = commandModeOf(view, me, isAdmin);
  const Form = mode === "offer" ? OfferForm : mode === "assign" ? AssignForm : TakeForm;
  return (
    <Dialog open={open} onClose={onClose} title={COMMAND_DIALOG_TITLES[mode]} wide={mode === "offer"}>
      <Form key={`${mode}-${openCount}`} onDone={onClose} />
    </Dialog>
  );
}
