"use client";
// The dialogs behind the header's controls: move the status (with a reason; the
// resolution criteria when resolving), change severity or priority ("escalate
// early, downgrade with certainty"), edit the title and summary. Every PATCH
// carries the version last read; a 409 says whether someone changed it first
// (and reloads) or the move is not allowed.
import { useCallback, useState, type FormEvent } from "react";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { cadenceMinutes } from "@/lib/domain/cadence";
import { RESOLUTION_CRITERIA, type IncidentStatus, type ResolutionCriterion } from "@/lib/domain/lifecycle";
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
  const { pending, errors, message, run } = useSubmit(["reason", "status", "resolution"], { onError: conflict });
  const resolving = to === "resolved";
  useInitialFocus(resolving ? `criterion-${CRITERIA[0]![0]}` : "status-reason");
  const confirmed = CRITERIA.filter(([key]) => criteria[key]).length;
  const ready = !resolving || confirmed === CRITERIA.length;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!ready) return;
    const reason = String(new FormData(event.currentTarget).get("reason") ?? "").trim();
    const ok = await run(async () => {
      if (!reason) throw reasonRequired(transition?.verb ?? "change the status");
      await write("PATCH", "", {
        version: view.version,
        status: to,
        reason,
        ...(resolving ? { resolution: Object.fromEntries(CRITERIA.map(([key]) => [key, true])) } : {}),
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
            Resolution criteria <span className="font-normal tabular-nums text-slate-500">({confirmed}/{CRITERIA.length})</span>
          </legend>
          {CRITERIA.map(([key, label]) => (
            <label key={key} className="flex cursor-pointer items-start gap-2 py-1 text-sm">
              <input id={`criterion-${key}`} type="checkbox" className="mt-0.5 h-4 w-4 shrink-0" checked={!!criteria[key]} onChange={(e) => setCriteria((c) => ({ ...c, [key]: e.target.checked }))} />
              <span>{label}</span>
            </label>
          ))}
          {errors.resolution && <p className="text-xs font-medium text-red-600 dark:text-red-400">{errors.resolution}</p>}
        </fieldset>
      )}
      <Field label="Reason" htmlFor="status-reason" hint="Recorded on the timeline with who and when." error={errors.reason}>
        <Textarea id="status-reason" name="reason" rows={2} required maxLength={2000} aria-invalid={!!errors.reason} placeholder={resolving ? "e.g. Error rate normal for 30 min after the rollback" : "e.g. Rolled back; error rate falling"} />
      </Field>
      {resolving && !ready && <p className="text-xs text-slate-500 dark:text-slate-400">Tick all {CRITERIA.length} criteria to resolve.</p>}
      <FormMessage message={message} />
      <FormFooter pending={pending} label={transition?.label ?? `Move to ${to}`} pendingLabel="Saving…" onCancel={onDone} disabled={!ready} />
    </form>
  );
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
