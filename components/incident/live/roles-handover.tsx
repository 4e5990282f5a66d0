"use client";
// Handing over command ("you have the conn"): the outgoing commander's briefing —
// state, workstreams, open decisions, next update — goes to the incoming one, who
// acknowledges it. A silent handover is an anti-pattern, so the briefing is
// required; the page pre-fills what it already knows so the IC only edits.
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

/** Room for the pre-filled lines (long ones wrap on a phone), within reason. */
const textareaRows = (text = "") => Math.min(8, Math.max(3, text.split("\n").length * 2));

const FIELD_KEYS = ["user", "briefing", "briefing.state", "briefing.workstreams", "briefing.openDecisions", "briefing.nextUpdate"];

function HandoverForm({ onDone }: { onDone: () => void }) {
  const { view, write } = useIncident();
  const commander = commanderOf(view);
  const [draft] = useState(() => draftBriefing(view, new Date(), Intl.DateTimeFormat().resolvedOptions().timeZone));
  const [next, setNext] = useState<PersonRef | null>(null);
  const state = useWriteState();
  const f = state.fields;
  // The server checks the whole form at once, so a missing person and a missing state show together.
  const userError = f.user && !next ? "Pick the incoming commander from the list." : f.user;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim() || undefined;
    const briefing = { state: String(form.get("state") ?? ""), workstreams: text("workstreams"), openDecisions: text("openDecisions"), nextUpdate: text("nextUpdate") };
    if (await state.run(() => write("PUT", "/roles/commander", { user: next?.handle ?? "", briefing }))) onDone();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {commander ? (
          <>
            <span className="font-medium text-slate-900 dark:text-slate-100">@{commander.user.handle}</span> hands over.{" "}
          </>
        ) : null}
        The incoming commander reads this briefing and acknowledges it: “I have the conn”. Until then everyone sees the handover as pending.
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
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button type="button" variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" disabled={state.pending}>
          {state.pending ? "Handing over…" : "Hand over command"}
        </Button>
      </div>
    </form>
  );
}

/** The handover dialog; `openCount` remounts the form so every opening starts from the current page. */
export function HandoverDialog({ open, openCount, onClose }: { open: boolean; openCount: number; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} title="Hand over command" wide>
      <HandoverForm key={openCount} onDone={onClose} />
    </Dialog>
  );
}
