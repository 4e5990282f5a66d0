"use client";
// The dialogs behind the header's controls: move the status (with a reason; the
// resolution criteria when resolving), change severity or priority ("escalate
// early, downgrade with certainty"), edit the title and summary. Every PATCH
// carries the version last read; a 409 says whether someone changed it first
// (and reloads) or the move is not allowed.
import { useCallback, useState, type FormEvent } from "react";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { cadenceMinutes } from "@/lib/domain/cadence";
import { RESOLUTION_CRITERIA, STATUS_UPDATE_DRAFT, type IncidentStatus, type ResolutionCriterion } from "@/lib/domain/lifecycle";
import { stillOpen, type BoardItemView } from "@/lib/domain/incident-view";
import type { IncidentWrite } from "@/lib/client/live-incident";
import { PRIORITIES, SEVERITIES, SEVERITY_LEVELS, isEscalation, type Priority, type Severity } from "@/lib/domain/severity";
import { ClientValidationError, FormFooter, FormMessage, isStaleVersion, submitOnModEnter, useInitialFocus, useSubmit } from "@/components/ui/form-kit";
import { useIncident } from "./context";

/** The 409 handler every PATCH form shares: a stale version reloads the incident, the rest shows the server's message. */
export function useConflictMessage() {
  const { reload } = useIncident();
  return useCallback(
    (error: unknown) => {
      if (!isStaleVersion(error)) return undefined;
      void reload();
      return `Someone changed it first: ${error.message.replace(/\s*Reload and try again\.?$/, "")} Reloaded with their change: check, then try again.`;
    },
    [reload],
  );
}

const reasonRequired = (what: string) => new ClientValidationError({ reason: `Required: say why you ${what}. It is recorded with who and why.` });

export const TRANSITION: Record<IncidentStatus, Partial<Record<IncidentStatus, { label: string; title: string; explain: string; verb: string }>>> = {
  investigating: {
    mitigated: { label: "Mark mitigated", title: "Mark mitigated", explain: "Impact has stopped, even if the fix is temporary.", verb: "mark it mitigated" },
    resolved: { label: "Resolve", title: "Resolve", explain: "Service is restored. Confirm every resolution criterion.", verb: "resolve it" },
  },
  mitigated: {
    investigating: { label: "Back to investigating", title: "Back to investigating", explain: "Impact is back or was never stopped.", verb: "move it back" },
    resolved: { label: "Resolve", title: "Resolve", explain: "Service is restored. Confirm every resolution criterion.", verb: "resolve it" },
  },
  resolved: {
    investigating: { label: "Reopen", title: "Reopen", explain: "A reopened incident keeps its history; the update cadence starts again.", verb: "reopen it" },
    closed: { label: "Close", title: "Close after review", explain: "Close once the review is done. It can still be reopened if the problem comes back.", verb: "close it" },
  },
  closed: {
    investigating: { label: "Reopen", title: "Reopen", explain: "The problem is back. A reopened incident keeps its history; the update cadence starts again.", verb: "reopen it" },
  },
};

const CRITERIA = Object.entries(RESOLUTION_CRITERIA) as [ResolutionCriterion, string][];

export function StatusForm({ to, onDone }: { to: IncidentStatus; onDone: () => void }) {
  const { view, write } = useIncident();
  const transition = TRANSITION[view.status][to];
  const [criteria, setCriteria] = useState<Partial<Record<ResolutionCriterion, boolean>>>({});
  const conflict = useConflictMessage();
  const { pending, errors, message, run } = useSubmit(["reason", "status", "resolution", "update.condition", "update.need"], { onError: conflict });
  const resolving = to === "resolved";
  // Mitigating and resolving say what users see now: the latest update never says "investigating" on a resolved incident.
  const draft = STATUS_UPDATE_DRAFT[to];
  const open = resolving ? stillOpen(view) : { workstreams: [], board: [] };
  const hasOpen = open.workstreams.length + open.board.length > 0;
  const [closeOpen, setCloseOpen] = useState(false);
  useInitialFocus(resolving ? `criterion-${CRITERIA[0]![0]}` : "status-reason");
  const confirmed = CRITERIA.filter(([key]) => criteria[key]).length;
  const ready = !resolving || confirmed === CRITERIA.length;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!ready) return;
    const form = new FormData(event.currentTarget);
    const field = (name: string) => String(form.get(name) ?? "").trim();
    const reason = field("reason");
    const ok = await run(async () => {
      if (!reason) throw reasonRequired(transition?.verb ?? "change the status");
      if (draft && !field("condition")) throw new ClientValidationError({ "update.condition": "Say what users see now" });
      // Closing what is still open first, each its own write (they carry their own versions, not the incident's).
      if (closeOpen) await closeAll(write, open);
      await write("PATCH", "", {
        version: view.version,
        status: to,
        reason,
        ...(resolving ? { resolution: Object.fromEntries(CRITERIA.map(([key]) => [key, true])) } : {}),
        ...(draft ? { update: { condition: field("condition"), action: reason, need: field("need") } } : {}),
      });
    });
    if (ok) onDone();
  }

  return (
    <form onSubmit={onSubmit} onKeyDown={submitOnModEnter} noValidate className="space-y-3">
      <p className="text-sm text-slate-600 dark:text-slate-400">
        <span className="font-medium capitalize text-slate-900 dark:text-slate-100">{view.status}</span> → <span className="font-medium capitalize text-slate-900 dark:text-slate-100">{to}</span>.{" "}
        {transition?.explain}
      </p>
      {resolving && (
        <fieldset className="space-y-1 rounded-md border border-slate-200 p-3 dark:border-slate-700">
          <legend className="px-1 text-sm font-medium text-slate-700 dark:text-slate-300">
            Resolution criteria <span className="font-normal tabular-nums text-slate-600 dark:text-slate-400">({confirmed}/{CRITERIA.length})</span>
          </legend>
          {CRITERIA.map(([key, label]) => (
            <label key={key} className="flex min-h-11 cursor-pointer items-center gap-2 text-sm">
              <input id={`criterion-${key}`} type="checkbox" className="h-4 w-4 shrink-0" checked={!!criteria[key]} onChange={(e) => setCriteria((c) => ({ ...c, [key]: e.target.checked }))} />
              <span>{label}</span>
            </label>
          ))}
          {errors.resolution && <p className="text-xs font-medium text-red-600 dark:text-red-400">{errors.resolution}</p>}
        </fieldset>
      )}
      {hasOpen && (
        <fieldset className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-700 dark:bg-amber-950" data-testid="still-open">
          <legend className="px-1 font-medium text-amber-950 dark:text-amber-100">Still open</legend>
          <ul className="list-disc space-y-0.5 pl-5 text-slate-800 dark:text-slate-200">
            {open.workstreams.map((w) => (
              <li key={w.id} className="[overflow-wrap:anywhere]">
                Workstream {w.status === "blocked" ? "blocked" : "active"}: {w.title}
              </li>
            ))}
            {open.board.map((b) => (
              <li key={b.id} className="[overflow-wrap:anywhere]">
                {BOARD_NAMES[b.kind]}: {b.text}
              </li>
            ))}
          </ul>
          <label className="flex min-h-11 items-center gap-2">
            <input type="radio" name="open-items" checked={!closeOpen} onChange={() => setCloseOpen(false)} />
            Carry them into the postmortem as open questions
          </label>
          <label className="flex min-h-11 items-center gap-2">
            <input type="radio" name="open-items" checked={closeOpen} onChange={() => setCloseOpen(true)} />
            Close them now (workstreams done, the rest settled)
          </label>
        </fieldset>
      )}
      <Field label={draft ? "What was done?" : "Reason"} htmlFor="status-reason" hint={draft ? "Recorded on the timeline, and the Action of the update that goes out with it." : "Recorded on the timeline with who and when."} error={errors.reason}>
        <Textarea id="status-reason" name="reason" rows={2} required maxLength={2000} aria-invalid={!!errors.reason} placeholder={resolving ? "e.g. Error rate normal for 30 min after the rollback" : "e.g. Rolled back; error rate falling"} />
      </Field>
      {draft && (
        <>
          <Field label="What users see now" htmlFor="status-condition" hint="The Condition of the update (internal audience)." error={errors["update.condition"]}>
            <Textarea id="status-condition" name="condition" rows={2} required maxLength={2000} defaultValue={draft} aria-invalid={!!errors["update.condition"]} />
          </Field>
          <Field label="Need (optional)" htmlFor="status-need" error={errors["update.need"]}>
            <Input id="status-need" name="need" maxLength={2000} placeholder={resolving ? "e.g. Support: tell customers it is fixed" : "e.g. Keep the flag off until the fix ships"} />
          </Field>
        </>
      )}
      {resolving && !ready && <p className="text-xs text-slate-600 dark:text-slate-400">Tick all {CRITERIA.length} criteria to resolve.</p>}
      <FormMessage message={message} />
      <FormFooter pending={pending} label={transition?.label ?? `Move to ${to}`} pendingLabel="Saving…" onCancel={onDone} disabled={!ready} />
    </form>
  );
}

const BOARD_NAMES: Record<BoardItemView["kind"], string> = { fact: "Fact", hypothesis: "Hypothesis", unknown: "Unknown", blocker: "Blocker" };

/** Workstreams → done; blockers and unknowns → resolved; hypotheses → ruled out (nobody confirmed them). */
async function closeAll(write: IncidentWrite, open: ReturnType<typeof stillOpen>) {
  for (const w of open.workstreams) await write("PATCH", `/workstreams/${w.id}`, { version: w.version, status: "done" });
  for (const b of open.board) await write("PATCH", `/board/${b.id}`, { version: b.version, state: b.kind === "hypothesis" ? "ruled_out" : "resolved" });
}

export function SeverityForm({ onDone }: { onDone: () => void }) {
  const { view, write } = useIncident();
  // What the form opened with: only what the user changes is sent, so a change someone else made meanwhile is not undone.
  const [opened] = useState(() => ({ severity: view.severity, priority: view.priority }));
  const [severity, setSeverity] = useState<Severity>(view.severity);
  const [priority, setPriority] = useState<Priority>(view.priority);
  const conflict = useConflictMessage();
  const { pending, errors, message, run } = useSubmit(["severity", "priority", "reason"], { onError: conflict });
  const severityChanged = severity !== opened.severity && severity !== view.severity;
  const priorityChanged = priority !== opened.priority && priority !== view.priority;
  const escalating = severityChanged && isEscalation(view.severity, severity);
  const cadence = cadenceMinutes(severity);
  useInitialFocus(`severity-${view.severity}`);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!severityChanged && !priorityChanged) return;
    const reason = String(new FormData(event.currentTarget).get("reason") ?? "").trim();
    const ok = await run(async () => {
      if (severityChanged && !reason) throw reasonRequired(escalating ? "escalate" : "downgrade");
      await write("PATCH", "", {
        version: view.version,
        ...(severityChanged ? { severity } : {}),
        ...(priorityChanged ? { priority } : {}),
        ...(reason ? { reason } : {}),
      });
    });
    if (ok) onDone();
  }

  const label = severityChanged ? `${escalating ? "Escalate" : "Downgrade"} to ${severity}` : priorityChanged ? `Set priority ${priority}` : "No change";
  return (
    <form onSubmit={onSubmit} onKeyDown={submitOnModEnter} noValidate className="space-y-3">
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-700 dark:text-slate-300">Severity: how bad, judged at the worst plausible case</legend>
        <div className="grid gap-1">
          {SEVERITIES.map((s) => (
            <label
              key={s}
              className={`flex cursor-pointer items-start gap-2 rounded-md border px-2 py-1.5 text-sm ${severity === s ? "border-sky-500 bg-sky-50 dark:bg-sky-950" : "border-slate-200 dark:border-slate-700"}`}
            >
              <input id={`severity-${s}`} type="radio" name="severity" value={s} checked={severity === s} onChange={() => setSeverity(s)} className="mt-1" />
              <span className="min-w-0">
                <span className="font-semibold">{s}</span> <span className="text-slate-500 dark:text-slate-400">· {SEVERITY_LEVELS[s].label}</span>
                {s === view.severity && <span className="ml-1 text-xs text-slate-500 dark:text-slate-400">(current)</span>}
                <span className="block text-xs text-slate-600 dark:text-slate-400">{SEVERITY_LEVELS[s].impact}</span>
              </span>
            </label>
          ))}
        </div>
        {errors.severity && <p className="mt-1 text-xs font-medium text-red-600 dark:text-red-400">{errors.severity}</p>}
      </fieldset>
      {severityChanged && (
        <p
          data-testid="severity-guidance"
          className={`rounded-md border px-3 py-2 text-sm ${escalating ? "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-200" : "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200"}`}
        >
          {escalating ? (
            <>
              <strong>Escalate early.</strong> When in doubt, go up: a higher severity brings people in sooner.
              {cadence !== null && ` Updates tighten to every ${cadence} min at once.`}
            </>
          ) : (
            <>
              <strong>Downgrade with certainty.</strong> Only when you know the impact is lower, not because it looks quieter.
            </>
          )}
        </p>
      )}
      <div className="grid gap-3 sm:grid-cols-[8rem_minmax(0,1fr)]">
        <Field label="Priority" htmlFor="severity-priority" hint="How fast stakeholders need action." error={errors.priority}>
          <Select id="severity-priority" value={priority} onChange={(e) => setPriority(e.target.value as Priority)}>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {p}
                {p === view.priority ? " (current)" : ""}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          label={severityChanged ? (escalating ? "Why escalate?" : "Why downgrade?") : "Why? (optional for priority)"}
          htmlFor="severity-reason"
          hint="Recorded with who and why."
          error={errors.reason}
        >
          <Textarea id="severity-reason" name="reason" rows={2} required={severityChanged} maxLength={2000} aria-invalid={!!errors.reason} placeholder={escalating ? "e.g. All EU regions now affected" : "e.g. Only the admin UI is affected"} />
        </Field>
      </div>
      <FormMessage message={message} />
      <FormFooter pending={pending} label={label} pendingLabel="Saving…" onCancel={onDone} disabled={!severityChanged && !priorityChanged} variant={escalating ? "danger" : "primary"} />
    </form>
  );
}

export function EditForm({ onDone }: { onDone: () => void }) {
  const { view, write } = useIncident();
  const conflict = useConflictMessage();
  const { pending, errors, message, run } = useSubmit(["title", "summary"], { onError: conflict });
  // Only the fields the user edits are sent: a retry after a 409 keeps the other person's change to the rest.
  const [opened] = useState(() => ({ title: view.title, summary: view.summary.trim() }));
  useInitialFocus("edit-title");

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const title = String(form.get("title") ?? "").trim();
    const summary = String(form.get("summary") ?? "").trim();
    const ok = await run(async () => {
      if (!title) throw new ClientValidationError({ title: "Required" });
      const changes = {
        ...(title !== opened.title && title !== view.title ? { title } : {}),
        ...(summary !== opened.summary && summary !== view.summary.trim() ? { summary } : {}),
      };
      if (Object.keys(changes).length) await write("PATCH", "", { version: view.version, ...changes });
    });
    if (ok) onDone();
  }

  return (
    <form onSubmit={onSubmit} onKeyDown={submitOnModEnter} noValidate className="space-y-3">
      <Field label="Title" htmlFor="edit-title" hint="What is broken, for someone who just arrived." error={errors.title}>
        <Input id="edit-title" name="title" defaultValue={view.title} required maxLength={200} aria-invalid={!!errors.title} />
      </Field>
      <Field label="Summary" htmlFor="edit-summary" hint="What is known, what is being worked on." error={errors.summary}>
        <Textarea id="edit-summary" name="summary" defaultValue={view.summary} rows={5} maxLength={10_000} aria-invalid={!!errors.summary} />
      </Field>
      <FormMessage message={message} />
      <FormFooter pending={pending} label="Save" pendingLabel="Saving…" onCancel={onDone} />
    </form>
  );
}
