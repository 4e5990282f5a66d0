"use client";
// Writing to the incident in seconds: a CAN update (u), a note (n), a decision
// for the log (l), each one short dialog; and the decision log itself ("if it
// was decided on a call, it goes into the log, or it did not happen").
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, useDialog, useShortcut } from "@/components/ui/dialog";
import { Field, Input, Textarea } from "@/components/ui/field";
import { Markdown } from "@/components/ui/markdown";
import { RelativeTime, useNow } from "@/components/ui/relative-time";
import { DECISION_OUTCOMES, isDue, OUTCOME_WORDS, revisitWords, type DecisionOutcome } from "@/lib/domain/decisions";
import type { DecisionView } from "@/lib/domain/incident-view";
import { decisionCreateSchema, decisionOutcomeSchema, noteCreateSchema } from "@/lib/domain/schemas";
import { primaryAction } from "@/lib/domain/lifecycle";
import { FormFooter, FormMessage, KeyHint, newIdempotencyKey, submitOnModEnter, useInitialFocus, useSubmit, validate } from "@/components/ui/form-kit";
import { useIncident } from "./context";
import { usePageAction } from "./nudges";
import { CommsDrafts } from "./forms-comms";
import { UpdateForm } from "./update-form";

export function ActionBar() {
  const { canWrite, view } = useIncident();
  const update = useDialog();
  const note = useDialog();
  const decision = useDialog();
  const comms = useDialog();
  useShortcut("u", update.show, canWrite);
  useShortcut("n", note.show, canWrite);
  useShortcut("l", decision.show, canWrite);
  usePageAction("update", update.show, canWrite);
  usePageAction("note", note.show, canWrite);
  usePageAction("decision", decision.show, canWrite);
  if (!canWrite) return null;
  return (
    // On a phone: a bar fixed at the bottom, under the thumb, whatever is scrolled; on wider screens: a row above the page.
    <div
      role="group"
      aria-label="Write to the incident"
      className="fixed inset-x-0 bottom-0 z-30 grid grid-cols-[1.5fr_1fr_1fr_1fr] gap-1.5 border-t border-slate-200 bg-white/95 p-2 pb-[max(0.5rem,env(safe-area-inset-bottom))] backdrop-blur sm:static sm:flex sm:flex-wrap sm:gap-2 sm:border-0 sm:bg-transparent sm:p-0 dark:border-slate-800 dark:bg-slate-950/95 sm:dark:bg-transparent print:hidden"
    >
      <Button variant={primaryAction(view.status) === "post_update" ? "primary" : "secondary"} onClick={update.show} aria-keyshortcuts="u" title="Post a CAN update (u)" className="min-h-11 px-2 sm:px-3">
        Post update <KeyHint k="u" />
      </Button>
      <Button variant="secondary" onClick={note.show} aria-keyshortcuts="n" title="Add a note to the timeline (n)" className="min-h-11 px-2 sm:px-3">
        Note <KeyHint k="n" />
      </Button>
      <Button variant="secondary" onClick={decision.show} aria-keyshortcuts="l" title="Log a decision (l)" className="min-h-11 px-2 sm:px-3">
        Decision <KeyHint k="l" />
      </Button>
      <Button variant="ghost" onClick={comms.show} title="Drafts for internal, exec and public audiences" className="min-h-11 px-1 sm:px-3">
        Comms<span className="hidden sm:inline"> drafts</span>
      </Button>

      <Dialog open={update.open} onClose={update.close} title="Post a CAN update" wide>
        <UpdateForm key={update.openCount} onDone={update.close} />
      </Dialog>
      <Dialog open={note.open} onClose={note.close} title="Add a note" wide>
        <NoteForm key={note.openCount} onDone={note.close} />
      </Dialog>
      <Dialog open={decision.open} onClose={decision.close} title="Log a decision" wide>
        <DecisionForm key={decision.openCount} onDone={decision.close} />
      </Dialog>
      <Dialog open={comms.open} onClose={comms.close} title="Comms drafts" wide>
        <CommsDrafts key={comms.openCount} onDone={comms.close} />
      </Dialog>
    </div>
  );
}


// ─── Note ───────────────────────────────────────────────────────────────────

function NoteForm({ onDone }: { onDone: () => void }) {
  const { write } = useIncident();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [body, setBody] = useState("");
  const [preview, setPreview] = useState(false);
  const { pending, errors, message, run } = useSubmit(["body"]);
  useInitialFocus("note-body");

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const ok = await run(() => write("POST", "/timeline", validate(noteCreateSchema, { body }), { idempotencyKey }));
    if (ok) onDone();
  }

  return (
    <form onSubmit={onSubmit} onKeyDown={submitOnModEnter} noValidate className="space-y-3">
      <Field label="Note" htmlFor="note-body" hint="Markdown: **bold**, `code`, lists, links. Raw HTML shows as the text it is." error={errors.body}>
        <Textarea id="note-body" name="body" rows={6} maxLength={10_000} value={body} onChange={(e) => setBody(e.target.value)} aria-invalid={!!errors.body} placeholder="e.g. Seeing 502s only from the eu-west-1 load balancers" />
      </Field>
      <label className="inline-flex items-center gap-2 text-sm">
        <input type="checkbox" checked={preview} onChange={(e) => setPreview(e.target.checked)} />
        Show preview
      </label>
      {preview && (
        <div aria-label="Preview" role="region" className="max-h-64 min-h-16 overflow-y-auto rounded-md border border-dashed border-slate-300 px-3 py-2 dark:border-slate-700">
          {body.trim() ? <Markdown>{body}</Markdown> : <p className="text-sm text-slate-500">Nothing to preview yet.</p>}
        </div>
      )}
      <FormMessage message={message} />
      <FormFooter pending={pending} label="Add note" pendingLabel="Adding…" onCancel={onDone} />
    </form>
  );
}

// ─── Decision ───────────────────────────────────────────────────────────────

type Reversible = "yes" | "no" | "unknown";

function DecisionForm({ onDone }: { onDone: () => void }) {
  const { me, write } = useIncident();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [reversible, setReversible] = useState<Reversible>("unknown");
  const { pending, errors, message, run } = useSubmit(["decision", "rationale", "alternatives", "reversible", "decidedBy", "revisitAt", "rollbackTrigger", "rollbackLink"]);
  useInitialFocus("decision-what");

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "");
    const ok = await run(async () => {
      const alternatives = text("alternatives").trim();
      const decidedBy = text("decidedBy").trim().replace(/^@/, "");
      const body = validate(decisionCreateSchema, {
        decision: text("decision"),
        rationale: text("rationale"),
        alternatives: alternatives || undefined,
        reversible: reversible === "unknown" ? undefined : reversible === "yes",
        decidedBy: decidedBy || undefined,
        revisitAt: revisitAtIn(text("revisitIn")),
        rollbackTrigger: text("rollbackTrigger").trim() || undefined,
        rollbackLink: text("rollbackLink").trim() || undefined,
      });
      await write("POST", "/decisions", body, { idempotencyKey });
    });
    if (ok) onDone();
  }

  return (
    <form onSubmit={onSubmit} onKeyDown={submitOnModEnter} noValidate className="space-y-3">
      <Field label="Decision" htmlFor="decision-what" hint="What was decided, in one line." error={errors.decision}>
        <Input id="decision-what" name="decision" maxLength={1000} aria-invalid={!!errors.decision} placeholder="e.g. Roll back checkout to v2.2 in all regions" />
      </Field>
      <Field label="Rationale" htmlFor="decision-why" hint="Why: what we know that makes this the right call now." error={errors.rationale}>
        <Textarea id="decision-why" name="rationale" rows={3} maxLength={4000} aria-invalid={!!errors.rationale} placeholder="e.g. Errors started with the v2.3 deploy at 14:02" />
      </Field>
      <Field label="Alternatives considered (optional)" htmlFor="decision-alternatives" error={errors.alternatives}>
        <Textarea id="decision-alternatives" name="alternatives" rows={2} maxLength={4000} aria-invalid={!!errors.alternatives} placeholder="e.g. Fail over to eu-central; hotfix forward" />
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <fieldset>
          <legend className="mb-1 text-sm font-medium text-slate-700 dark:text-slate-300">Reversible?</legend>
          <div className="flex gap-1">
            {(["yes", "no", "unknown"] as const).map((value) => (
              <label
                key={value}
                className={`flex min-h-10 flex-1 cursor-pointer items-center justify-center gap-1.5 rounded-md border px-2 text-sm capitalize ${reversible === value ? "border-sky-500 bg-sky-50 dark:bg-sky-950" : "border-slate-300 dark:border-slate-700"}`}
              >
                <input type="radio" name="reversible" value={value} checked={reversible === value} onChange={() => setReversible(value)} />
                {value === "unknown" ? "Unknown" : value}
              </label>
            ))}
          </div>
          {errors.reversible && <p className="mt-1 text-xs font-medium text-red-600 dark:text-red-400">{errors.reversible}</p>}
        </fieldset>
        <Field label="Decided by" htmlFor="decision-by" hint="A handle or email; you by default." error={errors.decidedBy}>
          <Input id="decision-by" name="decidedBy" defaultValue={me.handle} maxLength={320} autoCapitalize="none" autoCorrect="off" spellCheck={false} aria-invalid={!!errors.decidedBy} />
        </Field>
      </div>
      <div className="grid gap-3 sm:grid-cols-3">
        <RevisitSelect id="decision-revisit" label="Revisit in" error={errors.revisitAt} />
        <Field label="Roll back if (optional)" htmlFor="decision-rollback" hint="The condition, in words." error={errors.rollbackTrigger}>
          <Input id="decision-rollback" name="rollbackTrigger" maxLength={1000} placeholder="e.g. error rate above 2 % for 5 min" />
        </Field>
        <Field label="Its dashboard (optional)" htmlFor="decision-rollback-link" error={errors.rollbackLink}>
          <Input id="decision-rollback-link" name="rollbackLink" type="url" inputMode="url" placeholder="https://grafana.example/d/…" />
        </Field>
      </div>
      <FormMessage message={message} />
      <FormFooter pending={pending} label="Log decision" pendingLabel="Logging…" onCancel={onDone} />
    </form>
  );
}

const REVISIT_CHOICES = [
  ["", "No revisit"],
  ["15", "15 min"],
  ["30", "30 min"],
  ["60", "1 hour"],
  ["120", "2 hours"],
  ["240", "4 hours"],
] as const;

/** The revisit time `minutes` from now (the server checks it is ahead and within a week), or undefined. */
const revisitAtIn = (minutes: string) => (minutes ? new Date(Date.now() + Number(minutes) * 60_000).toISOString() : undefined);

function RevisitSelect({ id, label, error }: { id: string; label: string; error?: string }) {
  return (
    <Field label={label} htmlFor={id} hint="The page nudges when it is time to look again." error={error}>
      <select id={id} name="revisitIn" defaultValue="" className="min-h-10 w-full rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-700 dark:bg-slate-900">
        {REVISIT_CHOICES.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** A decision that came due: kept (maybe to look again), reversed or amended, and why — one entry linked to it. */
function OutcomeForm({ decision, onDone }: { decision: DecisionView; onDone: () => void }) {
  const { write } = useIncident();
  const [outcome, setOutcome] = useState<DecisionOutcome>("kept");
  const { pending, errors, message, run } = useSubmit(["outcome", "note", "revisitAt"]);
  const id = `outcome-${decision.id}`;
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const ok = await run(async () => {
      const body = validate(decisionOutcomeSchema, {
        outcome,
        note: String(form.get("note") ?? ""),
        revisitAt: outcome === "reversed" ? undefined : revisitAtIn(String(form.get("revisitIn") ?? "")),
      });
      await write("POST", `/decisions/${encodeURIComponent(decision.id)}/outcome`, body);
    });
    if (ok) onDone();
  }
  return (
    <form onSubmit={onSubmit} noValidate className="mt-2 space-y-2 rounded-md border border-slate-200 p-2 dark:border-slate-700" aria-label={`Outcome of: ${decision.decision.slice(0, 60)}`}>
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-700 dark:text-slate-300">How did it turn out?</legend>
        <div className="flex gap-1">
          {DECISION_OUTCOMES.map((value) => (
            <label
              key={value}
              className={`flex min-h-10 flex-1 cursor-pointer items-center justify-center gap-1.5 rounded-md border px-2 text-sm capitalize ${outcome === value ? "border-sky-500 bg-sky-50 dark:bg-sky-950" : "border-slate-300 dark:border-slate-700"}`}
            >
              <input type="radio" name="outcome" value={value} checked={outcome === value} onChange={() => setOutcome(value)} />
              {OUTCOME_WORDS[value]}
            </label>
          ))}
        </div>
      </fieldset>
      <Field label={outcome === "amended" ? "What changed, and why" : "Why"} htmlFor={`${id}-note`} error={errors.note}>
        <Textarea id={`${id}-note`} name="note" rows={2} maxLength={2000} autoFocus placeholder="e.g. Error rate held at 0.1 % for an hour" />
      </Field>
      {outcome !== "reversed" && <RevisitSelect id={`${id}-revisit`} label="Revisit again in" error={errors.revisitAt} />}
      <FormMessage message={message} />
      <FormFooter pending={pending} label="Record the outcome" pendingLabel="Recording…" onCancel={onDone} />
    </form>
  );
}

// ─── The decision log ───────────────────────────────────────────────────────

const SHOWN_DECISIONS = 5;

function ReversibleBadge({ reversible }: { reversible: boolean | null }) {
  const [label, style] =
    reversible === true
      ? ["reversible", "border-emerald-400 text-emerald-800 dark:border-emerald-600 dark:text-emerald-300"]
      : reversible === false
        ? ["irreversible", "border-red-400 text-red-800 dark:border-red-600 dark:text-red-300"]
        : ["reversible: unknown", "border-slate-300 text-slate-600 dark:border-slate-600 dark:text-slate-400"];
  return <span className={`inline-flex rounded border px-1.5 py-0.5 text-xs font-medium ${style}`}>{label}</span>;
}

function Decision({ decision }: { decision: DecisionView }) {
  const { canWrite } = useIncident();
  const now = useNow(15_000);
  const [recording, setRecording] = useState(false);
  const due = isDue(decision, now);
  return (
    <li
      id={`decision-${decision.id}`}
      data-testid="decision"
      data-due={due}
      className={`space-y-1 rounded-lg border border-l-4 border-l-violet-500 bg-white px-3 py-2 text-sm dark:border-l-violet-500 dark:bg-slate-900 ${due ? "border-amber-400 dark:border-amber-600" : "border-slate-200 dark:border-slate-800"}`}
    >
      <p className="font-medium break-words whitespace-pre-wrap">{decision.decision}</p>
      {decision.rationale && (
        <p className="break-words whitespace-pre-wrap text-slate-700 dark:text-slate-300">
          <span className="font-semibold text-slate-500 dark:text-slate-400">Why: </span>
          {decision.rationale}
        </p>
      )}
      {decision.alternatives && (
        <p className="break-words whitespace-pre-wrap text-slate-700 dark:text-slate-300">
          <span className="font-semibold text-slate-500 dark:text-slate-400">Alternatives: </span>
          {decision.alternatives}
        </p>
      )}
      {decision.rollbackTrigger && (
        <p className="break-words text-slate-700 dark:text-slate-300">
          <span className="font-semibold text-slate-500 dark:text-slate-400">Roll back if: </span>
          {decision.rollbackTrigger}
          {decision.rollbackLink && (
            <>
              {" · "}
              <a href={decision.rollbackLink} target="_blank" rel="noreferrer noopener" className="font-medium text-sky-700 underline underline-offset-2 dark:text-sky-400">
                dashboard
              </a>
            </>
          )}
        </p>
      )}
      {decision.outcome && (
        <p className="break-words text-slate-700 dark:text-slate-300" data-testid="decision-outcome">
          <span className="font-semibold">{OUTCOME_WORDS[decision.outcome.kind].replace(/^./, (c) => c.toUpperCase())}</span>
          {decision.outcome.by && ` by @${decision.outcome.by.handle}`}, <RelativeTime at={decision.outcome.at} />: {decision.outcome.note}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-500 dark:text-slate-400">
        <ReversibleBadge reversible={decision.reversible} />
        <span title={decision.decidedBy?.name}>{decision.decidedBy ? `@${decision.decidedBy.handle}` : "unknown"}</span>
        {decision.revisitAt && (
          <span data-testid="decision-revisit" suppressHydrationWarning className={due ? "rounded bg-amber-100 px-1.5 font-semibold text-amber-900 dark:bg-amber-950 dark:text-amber-200" : ""}>
            {revisitWords(decision.revisitAt, now)}
          </span>
        )}
        <RelativeTime at={decision.decidedAt} className="ml-auto" />
      </div>
      {canWrite && decision.revisitAt && !recording && (
        <button type="button" onClick={() => setRecording(true)} className={`min-h-8 rounded-md px-2 text-xs font-semibold ${due ? "bg-amber-700 text-white hover:bg-amber-800" : "border border-slate-300 text-slate-700 hover:bg-slate-100 dark:border-slate-700 dark:text-slate-300 dark:hover:bg-slate-800"}`}>
          Record the outcome
        </button>
      )}
      {recording && <OutcomeForm decision={decision} onDone={() => setRecording(false)} />}
    </li>
  );
}

export function DecisionsPanel() {
  const { view, canWrite } = useIncident();
  const [all, setAll] = useState(false);
  const decisions = [...view.decisions].sort((a, b) => b.seq - a.seq);
  const shown = all ? decisions : decisions.slice(0, SHOWN_DECISIONS);
  return (
    <section aria-labelledby="decisions-heading" className="space-y-2">
      <h2 id="decisions-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
        Decisions{decisions.length > 0 && <span className="ml-1 font-normal normal-case">({decisions.length})</span>}
      </h2>
      {decisions.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">{canWrite ? "No decisions logged yet. Decided on a call? Log it, or it did not happen." : "No decisions logged yet."}</p>
      ) : (
        <ol className="space-y-2" data-testid="decision-log">
          {shown.map((d) => (
            <Decision key={d.id || d.seq} decision={d} />
          ))}
        </ol>
      )}
      {decisions.length > SHOWN_DECISIONS && (
        <button type="button" onClick={() => setAll((v) => !v)} className="text-sm text-sky-700 underline dark:text-sky-400">
          {all ? "Show the newest only" : `Show all ${decisions.length}`}
        </button>
      )}
    </section>
  );
}
