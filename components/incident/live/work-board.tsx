"use client";
// Knowns, unknowns, blockers: the running list that keeps guesses apart from
// facts. Each hypothesis says what would disprove it (tunnel vision is the
// anti-pattern this board is for); open blockers stand out until resolved.
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Textarea } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { BOARD_KINDS, type BoardItemView, type BoardKind, type BoardState, type EvidenceView } from "@/lib/domain/incident-view";
import { type PersonRef } from "@/lib/domain/people";
import { useIncident } from "./context";
import { PanelHeader, useFreshForm } from "./panel-header";
import { PeoplePicker } from "@/components/ui/people-picker";
import { newIdempotencyKey } from "@/components/ui/form-kit";
import { useVersionedDraft, useWriteState, WriteError } from "./work-write";

/** Blockers first: they stop the work. Then what we guess, what we don't know, what we know. */
const KIND_ORDER: BoardKind[] = ["blocker", "hypothesis", "unknown", "fact"];

const KIND: Record<BoardKind, { label: string; plural: string; prompt: string; accent: string; tag: string }> = {
  fact: {
    label: "Fact",
    plural: "Facts",
    prompt: "What do we know for sure?",
    accent: "border-l-emerald-500",
    tag: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
  },
  hypothesis: {
    label: "Hypothesis",
    plural: "Hypotheses",
    prompt: "What do we suspect, and why?",
    accent: "border-l-violet-500",
    tag: "bg-violet-100 text-violet-800 dark:bg-violet-950 dark:text-violet-300",
  },
  unknown: {
    label: "Unknown",
    plural: "Unknowns",
    prompt: "What don't we know yet?",
    accent: "border-l-amber-500",
    tag: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-300",
  },
  blocker: {
    label: "Blocker",
    plural: "Blockers",
    prompt: "What is in the way, and who can unblock it?",
    accent: "border-l-red-500",
    tag: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300",
  },
};

const STATE_LABEL: Record<BoardState, string> = { open: "Open", confirmed: "Confirmed", ruled_out: "Ruled out", resolved: "Resolved" };

/** The states that mean something for each kind (the current one is always offered too). */
const STATES_FOR: Record<BoardKind, BoardState[]> = {
  fact: ["open", "confirmed", "ruled_out"],
  hypothesis: ["open", "confirmed", "ruled_out"],
  unknown: ["open", "resolved"],
  blocker: ["open", "resolved"],
};

const isClosed = (item: BoardItemView) => item.state === "ruled_out" || item.state === "resolved";
const isOpenBlocker = (item: BoardItemView) => item.kind === "blocker" && item.state === "open";

function StateBadge({ state }: { state: BoardState }) {
  const style: Record<BoardState, string> = {
    open: "border-slate-300 text-slate-700 dark:border-slate-600 dark:text-slate-300",
    confirmed: "border-emerald-500 text-emerald-800 dark:text-emerald-300",
    ruled_out: "border-slate-400 text-slate-500 line-through dark:border-slate-600",
    resolved: "border-emerald-500 text-emerald-800 dark:text-emerald-300",
  };
  return <span className={`rounded border px-1.5 text-xs font-medium ${style[state]}`}>{STATE_LABEL[state]}</span>;
}

const boardDraft = (b: BoardItemView) => ({ text: b.text, disproveBy: b.disproveBy ?? "", owner: b.owner });

/** Text, what would disprove it, owner; sends only what the person changed, with the version it was opened at. */
function BoardEditForm({ item, onDone }: { item: BoardItemView; onDone: () => void }) {
  const { write } = useIncident();
  const edit = useVersionedDraft(item, boardDraft);
  const { draft, set } = edit;
  const state = useWriteState();
  const f = state.fields;
  const id = (name: string) => `board-${item.id}-${name}`;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { owner, disproveBy, text } = edit.changes();
    const body: Record<string, unknown> = {};
    if (text !== undefined) body.text = text;
    if (disproveBy !== undefined) body.disproveBy = disproveBy.trim() || null;
    if (owner !== undefined) body.owner = owner?.handle ?? null;
    if (Object.keys(body).length === 0) return onDone();
    const ok = await state.run(() => write("PATCH", `/board/${item.id}`, { version: edit.version, ...body }), { reloadOnConflict: true, onConflict: edit.rebase });
    if (ok) onDone();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="mt-2 space-y-3 border-t border-slate-200 pt-2 dark:border-slate-700" aria-label={`Edit ${KIND[item.kind].label.toLowerCase()}`}>
      <Field label={KIND[item.kind].label} htmlFor={id("text")} error={f.text}>
        <Textarea id={id("text")} rows={2} value={draft.text} onChange={(e) => set("text", e.target.value)} />
      </Field>
      {item.kind === "hypothesis" && (
        <Field label="What would disprove it?" htmlFor={id("disprove")} error={f.disproveBy}>
          <Textarea id={id("disprove")} rows={2} value={draft.disproveBy} onChange={(e) => set("disproveBy", e.target.value)} />
        </Field>
      )}
      <Field label="Owner" htmlFor={id("owner")} error={f.owner}>
        <PeoplePicker id={id("owner")} value={draft.owner} onChange={(p) => set("owner", p)} clearable invalid={!!f.owner} placeholder="Who follows it up?" />
      </Field>
      <WriteError state={state} shownFields={["text", "disproveBy", "owner"]} />
      <div className="flex gap-2">
        <Button type="submit" disabled={state.pending} className="min-h-8 flex-1 sm:flex-none">
          {state.pending ? "Saving…" : "Save"}
        </Button>
        <Button type="button" variant="secondary" className="min-h-8" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/** Ruling out says what was checked (and where to see it), so nobody checks it twice. */
function RuleOutForm({ item, onDone }: { item: BoardItemView; onDone: () => void }) {
  const { write } = useIncident();
  const state = useWriteState();
  const id = `ruleout-${item.id}`;
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const link = String(form.get("link") ?? "").trim();
    const evidence = { checked: String(form.get("checked") ?? ""), ...(link ? { link } : {}) };
    if (await state.run(() => write("PATCH", `/board/${item.id}`, { version: item.version, state: "ruled_out", evidence }), { reloadOnConflict: true })) onDone();
  }
  return (
    <form onSubmit={onSubmit} className="mt-2 space-y-2 rounded-md border border-slate-200 p-2 dark:border-slate-700" noValidate>
      <Field label="What was checked?" htmlFor={`${id}-checked`} hint="How you know it is not this: the query, the graph, the test." error={state.fields["evidence.checked"] ?? state.fields.evidence}>
        <Textarea id={`${id}-checked`} name="checked" rows={2} autoFocus required aria-required placeholder="e.g. Purged the CDN and compared headers: v40 everywhere, errors unchanged." />
      </Field>
      <Field label="Link (optional)" htmlFor={`${id}-link`} error={state.fields["evidence.link"]}>
        <Input id={`${id}-link`} name="link" type="url" inputMode="url" placeholder="https://grafana.example/d/…" />
      </Field>
      <WriteError state={state} shownFields={["evidence", "evidence.checked", "evidence.link"]} />
      <div className="flex gap-2">
        <Button type="submit" className="min-h-8 flex-1 sm:flex-none" disabled={state.pending}>
          {state.pending ? "Saving…" : "Rule out"}
        </Button>
        <Button type="button" variant="secondary" className="min-h-8" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function Evidence({ evidence }: { evidence: EvidenceView }) {
  return (
    <p className="mt-1 break-words text-xs text-slate-700 dark:text-slate-300" data-testid="evidence">
      <span className="font-semibold">Checked: </span>
      <span className="whitespace-pre-wrap">{evidence.checked}</span> — @{evidence.by.handle}, <RelativeTime at={evidence.at} />
      {evidence.link && (
        <>
          {" · "}
          <a href={evidence.link} target="_blank" rel="noreferrer noopener" className="font-medium text-sky-700 underline underline-offset-2 [overflow-wrap:anywhere] dark:text-sky-400">
            evidence
          </a>
        </>
      )}
    </p>
  );
}

function BoardItem({ item }: { item: BoardItemView }) {
  const { canWrite, write } = useIncident();
  const [editing, setEditing] = useState(false);
  const [rulingOut, setRulingOut] = useState(false);
  const state = useWriteState();
  const closed = isClosed(item);
  const blocking = isOpenBlocker(item);
  const states = STATES_FOR[item.kind].includes(item.state) ? STATES_FOR[item.kind] : [...STATES_FOR[item.kind], item.state];
  const textId = `board-${item.id}-text`;

  const setState = (next: BoardState) =>
    next === "ruled_out" ? setRulingOut(true) : state.run(() => write("PATCH", `/board/${item.id}`, { version: item.version, state: next }), { reloadOnConflict: true });

  return (
    <li
      aria-labelledby={textId}
      data-testid="board-item"
      data-kind={item.kind}
      data-state={item.state}
      className={`rounded-md border border-l-4 px-3 py-2 ${KIND[item.kind].accent} ${
        blocking ? "border-red-500 bg-red-50 dark:border-red-500 dark:bg-red-950/30" : "border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
      }`}
    >
      <div className={closed ? "opacity-60" : undefined}>
        <div className="flex items-start gap-2">
          {/* Ruled-out items of every kind are listed together: each says what it was. */}
          {item.state === "ruled_out" && <span className={`shrink-0 rounded px-1.5 py-0.5 text-xs font-semibold ${KIND[item.kind].tag}`}>{KIND[item.kind].label}</span>}
          <p id={textId} className={`min-w-0 flex-1 whitespace-pre-wrap break-words text-sm ${blocking ? "font-semibold" : ""} ${item.state === "ruled_out" ? "line-through decoration-slate-400" : ""}`}>
            {item.text}
          </p>
          {/* Writers see the state in the buttons below. */}
          {!canWrite && <StateBadge state={item.state} />}
        </div>
        {item.kind === "hypothesis" && (
          <p className="mt-1 break-words text-xs">
            <span className="font-semibold text-violet-800 dark:text-violet-300">Would disprove it: </span>
            {item.disproveBy ? (
              <span className="whitespace-pre-wrap text-slate-700 dark:text-slate-300">{item.disproveBy}</span>
            ) : item.state === "open" && canWrite ? (
              <span className="text-amber-700 dark:text-amber-400">not stated yet — what evidence would rule it out?</span>
            ) : (
              <span className="text-slate-500">not stated</span>
            )}
          </p>
        )}
        {item.state === "ruled_out" && item.evidence && <Evidence evidence={item.evidence} />}
        <p className="mt-1 flex flex-wrap gap-x-3 text-xs text-slate-500 dark:text-slate-400">
          {item.owner ? (
            <span>
              Owner <span className="font-semibold text-slate-700 dark:text-slate-300">@{item.owner.handle}</span>
            </span>
          ) : (
            <span>No owner</span>
          )}
          <RelativeTime at={item.updatedAt} />
        </p>
      </div>
      {canWrite && (
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <div role="group" aria-label={`State of: ${item.text.slice(0, 60)}`} className="inline-flex flex-wrap overflow-hidden rounded-md border border-slate-300 dark:border-slate-700">
            {states.map((s) => (
              <button
                key={s}
                type="button"
                aria-pressed={item.state === s}
                disabled={state.pending}
                onClick={() => item.state !== s && void setState(s)}
                className={`min-h-8 border-l border-slate-300 px-2 text-xs font-medium first:border-l-0 dark:border-slate-700 ${
                  item.state === s
                    ? "bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900"
                    : "bg-white text-slate-700 hover:bg-slate-100 dark:bg-slate-900 dark:text-slate-300 dark:hover:bg-slate-800"
                }`}
              >
                {STATE_LABEL[s]}
              </button>
            ))}
          </div>
          {!editing && (
            <button
              type="button"
              onClick={() => setEditing(true)}
              className="ml-auto rounded px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
              aria-label={`Edit: ${item.text.slice(0, 60)}`}
            >
              Edit
            </button>
          )}
        </div>
      )}
      <WriteError state={state} className="mt-2" />
      {editing && <BoardEditForm item={item} onDone={() => setEditing(false)} />}
      {rulingOut && <RuleOutForm item={item} onDone={() => setRulingOut(false)} />}
    </li>
  );
}

function NewBoardItemForm({ onDone }: { onDone: () => void }) {
  const { write } = useIncident();
  const [kind, setKind] = useState<BoardKind>("fact");
  const [owner, setOwner] = useState<PersonRef | null>(null);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const state = useWriteState();
  const f = state.fields;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const disproveBy = kind === "hypothesis" ? String(form.get("disproveBy") ?? "").trim() || undefined : undefined;
    const body = { kind, text: String(form.get("text") ?? ""), disproveBy, owner: owner?.handle };
    if (await state.run(() => write("POST", "/board", body, { idempotencyKey }))) onDone();
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Add to the board" className="space-y-3 rounded-lg border border-slate-300 bg-white p-3 dark:border-slate-700 dark:bg-slate-900">
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-700 dark:text-slate-300">Kind</legend>
        <div className="grid grid-cols-2 gap-1 sm:grid-cols-4">
          {BOARD_KINDS.map((k) => (
            <label
              key={k}
              className={`flex min-h-9 cursor-pointer items-center justify-center gap-1.5 rounded-md border px-2 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-sky-500 ${
                kind === k ? "border-slate-900 bg-slate-900 text-white dark:border-slate-100 dark:bg-slate-100 dark:text-slate-900" : "border-slate-300 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
              }`}
            >
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} className="sr-only" />
              {KIND[k].label}
            </label>
          ))}
        </div>
      </fieldset>
      <Field label={KIND[kind].prompt} htmlFor="board-new-text" error={f.text}>
        <Textarea id="board-new-text" name="text" rows={2} required autoFocus />
      </Field>
      {kind === "hypothesis" && (
        <Field label="What would disprove it?" htmlFor="board-new-disprove" hint="The evidence that would rule it out, e.g. “errors started before the 14:02 deploy”." error={f.disproveBy}>
          <Textarea id="board-new-disprove" name="disproveBy" rows={2} />
        </Field>
      )}
      <Field label="Owner" htmlFor="board-new-owner" hint="Optional: who follows it up." error={f.owner}>
        <PeoplePicker id="board-new-owner" value={owner} onChange={setOwner} clearable invalid={!!f.owner} placeholder="Who follows it up?" />
      </Field>
      <WriteError state={state} shownFields={["text", "disproveBy", "owner"]} />
      <div className="flex gap-2">
        <Button type="submit" disabled={state.pending} className="flex-1 sm:flex-none">
          {state.pending ? "Adding…" : `Add ${KIND[kind].label.toLowerCase()}`}
        </Button>
        <Button type="button" variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

export function BoardPanel() {
  const { view, canWrite } = useIncident();
  const form = useFreshForm();
  const openBlockers = view.board.filter(isOpenBlocker).length;
  const openHypotheses = view.board.filter((b) => b.kind === "hypothesis" && b.state === "open").length;
  // Within a kind: open items first, resolved ones after them. What was ruled out is listed together, last, with what
  // was checked: nobody checks it twice.
  const groups = [
    ...KIND_ORDER.map((kind) => ({
      key: kind as string,
      label: KIND[kind].plural,
      tag: KIND[kind].tag,
      items: view.board.filter((b) => b.kind === kind && b.state !== "ruled_out").sort((a, b) => Number(isClosed(a)) - Number(isClosed(b))),
    })),
    { key: "ruled_out", label: "Ruled out", tag: "bg-slate-200 text-slate-700 dark:bg-slate-800 dark:text-slate-300", items: view.board.filter((b) => b.state === "ruled_out") },
  ].filter((g) => g.items.length > 0);

  return (
    <section aria-labelledby="board-heading" className="space-y-2">
      <PanelHeader
        id="board-heading"
        title="Knowns, unknowns, blockers"
        summary={
          view.board.length > 0 && (
            <>
              {openBlockers > 0 && <span className="font-semibold text-red-600 dark:text-red-400">{openBlockers} open {openBlockers === 1 ? "blocker" : "blockers"} · </span>}
              {openHypotheses} open {openHypotheses === 1 ? "hypothesis" : "hypotheses"}
            </>
          )
        }
        addLabel="Add item"
        onAdd={canWrite && !form.open ? form.start : undefined}
      />
      {form.open && <NewBoardItemForm key={form.key} onDone={form.close} />}
      {groups.length > 0 ? (
        <div className="space-y-3">
          {groups.map(({ key, label, tag, items }) => (
            <div key={key} className="space-y-1" data-testid={`board-${key}`}>
              <h3 className="flex items-center gap-2 text-xs font-semibold text-slate-600 dark:text-slate-400">
                <span className={`rounded px-1.5 py-0.5 ${tag}`}>{label}</span>
                <span className="font-normal">{items.length}</span>
              </h3>
              <ul className="space-y-1" aria-label={label}>
                {items.map((item) => (
                  <BoardItem key={item.id} item={item} />
                ))}
              </ul>
            </div>
          ))}
        </div>
      ) : (
        !form.open && (
          <p className="rounded-lg border border-dashed border-slate-300 p-3 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
            Nothing on the board yet.{" "}
            {canWrite
              ? "Write down what you know (facts), what you suspect and what would disprove it (hypotheses), what you don't know yet, and what is blocking you. One theory and nothing else is tunnel vision."
              : "Responders keep facts, hypotheses, unknowns and blockers here."}
          </p>
        )
      )}
    </section>
  );
}
