"use client";
// Workstreams: when many people swarm, the work is split — one lead, one goal, one
// thread, a scratchpad and a status each. Blocked ones shout, done ones step back.
// Every edit carries the version last read; a 409 means someone changed it first.
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Textarea } from "@/components/ui/field";
import { Markdown } from "@/components/ui/markdown";
import { RelativeTime, useNow } from "@/components/ui/relative-time";
import { WORKSTREAM_STATUSES, type WorkstreamStatus, type WorkstreamView } from "@/lib/domain/incident-view";
import { type PersonRef } from "@/lib/domain/people";
import { formatDuration } from "@/lib/domain/time";
import { useIncident } from "./context";
import { PanelHeader, useFreshForm } from "./panel-header";
import { PeoplePicker } from "@/components/ui/people-picker";
import { newIdempotencyKey } from "@/components/ui/form-kit";
import { useVersionedDraft, useWriteState, WriteError } from "./work-write";

export { BoardPanel } from "./work-board";

const STATUS_LABEL: Record<WorkstreamStatus, string> = { active: "Active", blocked: "Blocked", done: "Done" };
/** Blocked first (it needs someone), then active, then done. */
const STATUS_ORDER: Record<WorkstreamStatus, number> = { blocked: 0, active: 1, done: 2 };

function hostOf(url: string) {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function StatusPill({ ws }: { ws: WorkstreamView }) {
  const now = useNow(15_000);
  if (ws.status === "blocked") {
    return (
      // The server and the browser render a second apart: the ticking duration may differ.
      <span className="inline-flex items-center gap-1 rounded bg-red-600 px-1.5 py-0.5 text-xs font-semibold text-white" data-testid="blocked-for" suppressHydrationWarning>
        Blocked{ws.blockedAt ? ` for ${formatDuration(now.getTime() - new Date(ws.blockedAt).getTime())}` : ""}
      </span>
    );
  }
  if (ws.status === "done") return <span className="rounded bg-slate-200 px-1.5 py-0.5 text-xs font-semibold text-slate-700 dark:bg-slate-800 dark:text-slate-300">Done</span>;
  return <span className="rounded bg-emerald-100 px-1.5 py-0.5 text-xs font-semibold text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300">Active</span>;
}

const workstreamDraft = (w: WorkstreamView) => ({ title: w.title, goal: w.goal, lead: w.lead, threadUrl: w.threadUrl ?? "", scratchpad: w.scratchpad });

/** Title, goal, lead, thread and scratchpad; sends only what the person changed, with the version it was opened at. */
function WorkstreamEditForm({ ws, onDone }: { ws: WorkstreamView; onDone: () => void }) {
  const { write } = useIncident();
  const edit = useVersionedDraft(ws, workstreamDraft);
  const { draft, set } = edit;
  const state = useWriteState();
  const f = state.fields;
  const id = (name: string) => `ws-${ws.id}-${name}`;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { lead, threadUrl, ...rest } = edit.changes();
    const body: Record<string, unknown> = { ...rest };
    if (lead !== undefined) body.lead = lead?.handle ?? null;
    if (threadUrl !== undefined) body.threadUrl = threadUrl.trim() || null;
    if (Object.keys(body).length === 0) return onDone();
    const ok = await state.run(() => write("PATCH", `/workstreams/${ws.id}`, { version: edit.version, ...body }), { reloadOnConflict: true, onConflict: edit.rebase });
    if (ok) onDone();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="mt-3 space-y-3 border-t border-slate-200 pt-3 dark:border-slate-700" aria-label={`Edit ${ws.title}`}>
      <Field label="Title" htmlFor={id("title")} error={f.title}>
        <Input id={id("title")} value={draft.title} onChange={(e) => set("title", e.target.value)} />
      </Field>
      <Field label="Goal" htmlFor={id("goal")} error={f.goal}>
        <Textarea id={id("goal")} rows={2} value={draft.goal} onChange={(e) => set("goal", e.target.value)} />
      </Field>
      <Field label="Lead" htmlFor={id("lead")} error={f.lead}>
        <PeoplePicker id={id("lead")} value={draft.lead} onChange={(p) => set("lead", p)} clearable invalid={!!f.lead} placeholder="Who leads it?" />
      </Field>
      <Field label="Thread URL" htmlFor={id("thread")} error={f.threadUrl}>
        <Input id={id("thread")} type="url" inputMode="url" value={draft.threadUrl} onChange={(e) => set("threadUrl", e.target.value)} placeholder="https://chat.example.com/…" />
      </Field>
      <Field label="Scratchpad" htmlFor={id("scratchpad")} hint="Markdown: findings, commands run, links. Everyone sees it when you save." error={f.scratchpad}>
        <Textarea id={id("scratchpad")} rows={6} value={draft.scratchpad} onChange={(e) => set("scratchpad", e.target.value)} className="font-mono" />
      </Field>
      <WriteError state={state} shownFields={["title", "goal", "lead", "threadUrl", "scratchpad"]} />
      <div className="flex gap-2">
        <Button type="submit" disabled={state.pending} className="flex-1 sm:flex-none">
          {state.pending ? "Saving…" : "Save"}
        </Button>
        <Button type="button" variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function WorkstreamCard({ ws }: { ws: WorkstreamView }) {
  const { canWrite, write } = useIncident();
  const [editing, setEditing] = useState(false);
  const state = useWriteState();
  const blocked = ws.status === "blocked";
  const done = ws.status === "done";
  const headingId = `ws-${ws.id}-title`;

  const setStatus = (status: WorkstreamStatus) =>
    state.run(() => write("PATCH", `/workstreams/${ws.id}`, { version: ws.version, status }), { reloadOnConflict: true });

  return (
    <li
      id={`workstream-${ws.id}`}
      aria-labelledby={headingId}
      data-testid="workstream"
      data-status={ws.status}
      className={`rounded-lg p-3 ${
        blocked ? "border-2 border-red-500 bg-red-50 dark:border-red-500 dark:bg-red-950/30" : "border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
      }`}
    >
      <div className={done ? "opacity-60" : undefined}>
        <div className="flex flex-wrap items-start gap-2">
          <h3 id={headingId} className={`min-w-0 flex-1 break-words font-semibold ${done ? "line-through decoration-slate-400" : ""}`}>
            {ws.title}
          </h3>
          <StatusPill ws={ws} />
        </div>
        <p className="mt-1 break-words text-sm">
          <span className="text-slate-500 dark:text-slate-400">Goal: </span>
          {ws.goal}
        </p>
        <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-600 dark:text-slate-400">
          {ws.lead ? (
            <span>
              Lead <span className="font-semibold text-slate-800 dark:text-slate-200">@{ws.lead.handle}</span> <span className="hidden sm:inline">{ws.lead.name}</span>
            </span>
          ) : (
            <span className="font-medium text-amber-700 dark:text-amber-400">No lead: one person should own this</span>
          )}
          {ws.threadUrl && (
            <a href={ws.threadUrl} target="_blank" rel="noopener noreferrer nofollow" className="tap-line min-w-0 truncate text-sky-700 underline dark:text-sky-400">
              Thread ({hostOf(ws.threadUrl)})<span className="sr-only"> opens in a new tab</span>
            </a>
          )}
          <span>
            updated <RelativeTime at={ws.updatedAt} />
          </span>
        </div>
        {ws.scratchpad.trim() && (
          <div className="mt-2 rounded-md border border-slate-200 bg-slate-50 px-2 py-1 dark:border-slate-700 dark:bg-slate-950/60" aria-label="Scratchpad">
            <Markdown>{ws.scratchpad}</Markdown>
          </div>
        )}
      </div>
      {canWrite && (
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <div role="group" aria-label={`Status of ${ws.title}`} className="inline-flex overflow-hidden rounded-md border border-slate-300 dark:border-slate-700">
            {WORKSTREAM_STATUSES.map((s) => (
              <button
                key={s}
                type="button"
                aria-pressed={ws.status === s}
                disabled={state.pending}
                onClick={() => ws.status !== s && void setStatus(s)}
                className={`min-h-8 border-l border-slate-300 px-2.5 text-xs font-medium first:border-l-0 dark:border-slate-700 ${
                  ws.status === s
                    ? s === "blocked"
                      ? "bg-red-600 text-white"
                      : "bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900"
                    : "bg-white text-slate-700 hover:bg-slate-100 dark:bg-slate-900 dark:text-slate-300 dark:hover:bg-slate-800"
                }`}
              >
                {STATUS_LABEL[s]}
              </button>
            ))}
          </div>
          {!editing && (
            <Button variant="secondary" className="ml-auto min-h-8 text-xs" onClick={() => setEditing(true)} aria-label={`Edit ${ws.title}`}>
              Edit
            </Button>
          )}
        </div>
      )}
      <WriteError state={state} className="mt-2" />
      {editing && <WorkstreamEditForm ws={ws} onDone={() => setEditing(false)} />}
    </li>
  );
}

function NewWorkstreamForm({ onDone }: { onDone: () => void }) {
  const { write } = useIncident();
  const [lead, setLead] = useState<PersonRef | null>(null);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const state = useWriteState();
  const f = state.fields;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const thread = String(form.get("threadUrl") ?? "").trim();
    const body = { title: String(form.get("title") ?? ""), goal: String(form.get("goal") ?? ""), lead: lead?.handle, threadUrl: thread || undefined };
    if (await state.run(() => write("POST", "/workstreams", body, { idempotencyKey }))) onDone();
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="New workstream" className="space-y-3 rounded-lg border border-slate-300 bg-white p-3 dark:border-slate-700 dark:bg-slate-900">
      <Field label="Title" htmlFor="ws-new-title" error={f.title}>
        <Input id="ws-new-title" name="title" required autoFocus placeholder="e.g. Database health" />
      </Field>
      <Field label="Goal" htmlFor="ws-new-goal" hint="One goal, e.g. “Confirm DB replication is healthy”." error={f.goal}>
        <Input id="ws-new-goal" name="goal" required />
      </Field>
      <Field label="Lead" htmlFor="ws-new-lead" hint="One person who owns it." error={f.lead}>
        <PeoplePicker id="ws-new-lead" value={lead} onChange={setLead} clearable invalid={!!f.lead} placeholder="Who leads it?" />
      </Field>
      <Field label="Thread URL" htmlFor="ws-new-thread" hint="Optional: the chat thread where this work happens." error={f.threadUrl}>
        <Input id="ws-new-thread" name="threadUrl" type="url" inputMode="url" placeholder="https://chat.example.com/…" />
      </Field>
      <WriteError state={state} shownFields={["title", "goal", "lead", "threadUrl"]} />
      <div className="flex gap-2">
        <Button type="submit" disabled={state.pending} className="flex-1 sm:flex-none">
          {state.pending ? "Starting…" : "Start workstream"}
        </Button>
        <Button type="button" variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

export function WorkstreamsPanel() {
  const { view, canWrite } = useIncident();
  const form = useFreshForm();
  const sorted = [...view.workstreams].sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
  const blocked = view.workstreams.filter((w) => w.status === "blocked").length;
  const open = view.workstreams.filter((w) => w.status !== "done").length;

  return (
    <section aria-labelledby="workstreams-heading" className="space-y-2">
      <PanelHeader
        id="workstreams-heading"
        title="Workstreams"
        summary={
          view.workstreams.length > 0 && (
            <>
              {open} open{blocked > 0 && <span className="font-semibold text-red-600 dark:text-red-400"> · {blocked} blocked</span>}
            </>
          )
        }
        addLabel="New workstream"
        onAdd={canWrite && !form.open ? form.start : undefined}
      />
      {form.open && <NewWorkstreamForm key={form.key} onDone={form.close} />}
      {sorted.length > 0 ? (
        <ul className="space-y-2">
          {sorted.map((ws) => (
            <WorkstreamCard key={ws.id} ws={ws} />
          ))}
        </ul>
      ) : (
        !form.open && (
          <p className="rounded-lg border border-dashed border-slate-300 p-3 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
            No workstreams yet.{" "}
            {canWrite
              ? "When more than a couple of people are working, split the work: one lead, one goal and one thread each — e.g. “Confirm DB replication is healthy”, “Prepare the rollback”."
              : "Responders split the work here when many people are on it."}
          </p>
        )
      )}
    </section>
  );
}
