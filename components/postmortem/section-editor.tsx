"use client";
// One postmortem section: Markdown with a live preview, saved on its own with the
// version it was based on. Autosaves after a pause; every keystroke is kept in a
// local draft (localStorage) until the server has it, so a reload loses nothing.
// A stale save (409) opens the conflict view: their text and yours, side by side,
// and a merge box; nothing is overwritten without the writer choosing to.
import { useCallback, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { Markdown } from "@/components/ui/markdown";
import type { TimelineEntry } from "@/lib/domain/timeline";
import { lintBlame } from "@/lib/domain/postmortem/blameless-lint";
import { entryLine } from "@/lib/domain/postmortem/prefill";
import type { PostmortemDto, SectionDto } from "@/lib/domain/postmortem/schemas";
import type { PersonRef } from "@/lib/domain/people";
import type { PostmortemStatus } from "@/lib/domain/postmortem/workflow";
import type { RemoteSave } from "@/lib/client/postmortem-live";
import { ApiRequestError, fetchJson } from "@/lib/query/fetch-json";
import type { PostmortemEditor } from "@/lib/realtime/events";

export const AUTOSAVE_MS = 1200;

type SaveState = "saved" | "unsaved" | "saving" | "conflict" | "error";

interface Conflict {
  theirs: string;
  version: number;
  updatedBy: PersonRef | null;
}

interface LocalDraft {
  text: string;
  baseVersion: number;
}

const draftKey = (postmortemId: string, key: string) => `conn-pm-draft:${postmortemId}:${key}`;

function readDraft(postmortemId: string, key: string): LocalDraft | null {
  try {
    const raw = localStorage.getItem(draftKey(postmortemId, key));
    const parsed = raw ? (JSON.parse(raw) as LocalDraft) : null;
    return parsed && typeof parsed.text === "string" && typeof parsed.baseVersion === "number" ? parsed : null;
  } catch {
    return null;
  }
}

function writeDraft(postmortemId: string, key: string, draft: LocalDraft | null) {
  try {
    if (draft) localStorage.setItem(draftKey(postmortemId, key), JSON.stringify(draft));
    else localStorage.removeItem(draftKey(postmortemId, key));
  } catch {
    // storage full or disabled: autosave still runs
  }
}

const STATE_LABEL: Record<SaveState, string> = {
  saved: "Saved",
  unsaved: "Unsaved changes",
  saving: "Saving…",
  conflict: "Conflict: merge needed",
  error: "Not saved: retrying",
};
const STATE_STYLE: Record<SaveState, string> = {
  saved: "text-emerald-700 dark:text-emerald-400",
  unsaved: "text-slate-500 dark:text-slate-400",
  saving: "text-sky-700 dark:text-sky-400",
  conflict: "font-semibold text-red-700 dark:text-red-400",
  error: "font-semibold text-amber-700 dark:text-amber-400",
};

export function SectionEditor({
  postmortemId,
  apiBase,
  section,
  editable,
  entries,
  onSaved,
  editors = [],
  remoteSave,
  onEditing,
}: {
  postmortemId: string;
  /** The postmortem's API path (`/api/v1/incidents/{ref}/postmortem` or `/api/v1/postmortems/{id}`). */
  apiBase: string;
  section: SectionDto;
  editable: boolean;
  /** The incident's timeline, to insert entries from (null: a review without an incident). */
  entries: TimelineEntry[] | null;
  onSaved: (postmortem: { status: PostmortemStatus; revision: number }) => void;
  /** The other people editing this section right now. */
  editors?: PostmortemEditor[];
  /** The newest save of this section announced over the socket. */
  remoteSave?: RemoteSave;
  /** This writer entered (true) or left (false) the section. */
  onEditing?: (editing: boolean) => void;
}) {
  const [base, setBase] = useState({ body: section.body, version: section.version, updatedBy: section.updatedBy });
  const [text, setTextState] = useState(section.body);
  // The text as typed right now, for a save that completes after more typing.
  const textRef = useRef(section.body);
  const setText = (next: string) => {
    textRef.current = next;
    setTextState(next);
  };
  const [state, setState] = useState<SaveState>("saved");
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [merged, setMerged] = useState("");
  const [mode, setMode] = useState<"write" | "preview">("write");
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const inFlight = useRef(false);
  const id = `section-${section.key}`;

  // A local draft from before a reload: restore it; if the server moved on meanwhile, that is a conflict to merge.
  useEffect(() => {
    const draft = readDraft(postmortemId, section.key);
    if (!draft || draft.text === section.body) {
      if (draft) writeDraft(postmortemId, section.key, null);
      return;
    }
    setText(draft.text);
    if (draft.baseVersion === section.version) setState("unsaved");
    else {
      setConflict({ theirs: section.body, version: section.version, updatedBy: section.updatedBy });
      setMerged(draft.text);
      setState("conflict");
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only on mount: later server versions arrive through saves and conflicts
  }, []);

  const save = useCallback(
    async (body: string, version: number) => {
      if (inFlight.current) return;
      inFlight.current = true;
      setState("saving");
      try {
        const json = await fetchJson<{ section: SectionDto; postmortem: PostmortemDto }>(`${apiBase}/sections/${section.key}`, { method: "PATCH", json: { body, version } });
        const saved = json.section;
        setBase({ body: saved.body, version: saved.version, updatedBy: saved.updatedBy });
        setConflict(null);
        onSaved(json.postmortem);
        const current = textRef.current;
        const clean = current === saved.body;
        setState(clean ? "saved" : "unsaved");
        writeDraft(postmortemId, section.key, clean ? null : { text: current, baseVersion: saved.version });
      } catch (error) {
        if (error instanceof ApiRequestError && error.status === 409 && error.details.version) {
          // Someone saved this section first: the 409 carries their text for the merge view.
          const d = error.details as { body: string; version: number; updatedBy: PersonRef | null };
          setConflict({ theirs: d.body, version: d.version, updatedBy: d.updatedBy });
          setMerged(textRef.current);
          setState("conflict");
        } else {
          setState("error");
        }
      } finally {
        inFlight.current = false;
      }
    },
    [apiBase, onSaved, postmortemId, section.key],
  );

  /** The section as the server has it now. */
  const fetchCurrent = useCallback(async () => {
    const pm = await fetchJson<PostmortemDto>(apiBase);
    return pm.sections.find((s) => s.key === section.key) ?? null;
  }, [apiBase, section.key]);

  // Someone else saved this section: with no local changes, take their text at once;
  // otherwise the writer is told and chooses when to reload (into the merge view).
  const remoteNewer = Boolean(remoteSave && remoteSave.version > base.version);
  const clean = text === base.body && !conflict && state === "saved";
  useEffect(() => {
    if (!remoteNewer || !clean) return;
    let cancelled = false;
    void fetchCurrent()
      .then((current) => {
        if (cancelled || !current || textRef.current !== base.body) return;
        setBase({ body: current.body, version: current.version, updatedBy: current.updatedBy });
        setText(current.body);
      })
      .catch(() => {});
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a new base alone must not cancel the fetch under way and start another
  }, [remoteNewer, clean, fetchCurrent]);

  async function reloadSection() {
    const current = await fetchCurrent().catch(() => null);
    if (!current) return;
    if (textRef.current === base.body) {
      setBase({ body: current.body, version: current.version, updatedBy: current.updatedBy });
      setText(current.body);
      setState("saved");
      return;
    }
    setConflict({ theirs: current.body, version: current.version, updatedBy: current.updatedBy });
    setMerged(textRef.current);
    setState("conflict");
  }

  // Autosave after a pause in typing (and retry after an error), never while a conflict waits for a merge.
  useEffect(() => {
    if (!editable || conflict || text === base.body || state === "saving") return;
    const t = setTimeout(() => void save(text, base.version), state === "error" ? AUTOSAVE_MS * 4 : AUTOSAVE_MS);
    return () => clearTimeout(t);
  }, [text, base, conflict, editable, save, state]);

  function change(next: string) {
    setText(next);
    if (!conflict) setState(next === base.body ? "saved" : "unsaved");
    writeDraft(postmortemId, section.key, next === base.body ? null : { text: next, baseVersion: base.version });
  }

  function insert(line: string) {
    const el = textareaRef.current;
    const at = el ? el.selectionEnd : text.length;
    const before = text.slice(0, at);
    const after = text.slice(at);
    const sep = before && !before.endsWith("\n") ? "\n" : "";
    change(`${before}${sep}${line}\n${after}`);
    setMode("write");
    requestAnimationFrame(() => {
      const pos = before.length + sep.length + line.length + 1;
      el?.focus();
      el?.setSelectionRange(pos, pos);
    });
  }

  function takeTheirs() {
    if (!conflict) return;
    setBase({ body: conflict.theirs, version: conflict.version, updatedBy: conflict.updatedBy });
    setText(conflict.theirs);
    setConflict(null);
    setState("saved");
    writeDraft(postmortemId, section.key, null);
  }

  function saveMerged() {
    if (!conflict) return;
    const body = merged;
    setBase({ body: conflict.theirs, version: conflict.version, updatedBy: conflict.updatedBy });
    setText(body);
    setConflict(null);
    writeDraft(postmortemId, section.key, { text: body, baseVersion: conflict.version });
    void save(body, conflict.version);
  }

  const hints = lintBlame(text);

  return (
    <section
      aria-labelledby={`${id}-title`}
      data-testid={`section-${section.key}`}
      data-state={state}
      className="break-inside-avoid space-y-2 rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900 print:border-0 print:p-0"
    >
      <div className="flex flex-wrap items-center gap-2">
        <h2 id={`${id}-title`} className="text-base font-semibold">
          {section.title}
        </h2>
        {editors.length > 0 && (
          <ul aria-label={`Editing ${section.title} now`} data-testid="section-editors" className="flex flex-wrap gap-1 print:hidden">
            {editors.map((e) => (
              <li key={e.handle} title={`${e.name} is editing this section`} className="flex items-center gap-1 rounded-full bg-sky-100 py-0.5 pr-2 pl-0.5 text-xs text-sky-900 dark:bg-sky-950 dark:text-sky-200">
                <span aria-hidden className="flex size-5 items-center justify-center rounded-full bg-sky-700 text-[10px] font-bold text-white uppercase">
                  {e.name.trim()[0] ?? e.handle[0]}
                </span>
                @{e.handle}
              </li>
            ))}
          </ul>
        )}
        {editable && (
          <span role="status" data-testid="save-state" className={`ml-auto text-xs print:hidden ${STATE_STYLE[state]}`}>
            {STATE_LABEL[state]}
          </span>
        )}
      </div>

      {remoteNewer && !clean && !conflict && remoteSave && (
        <p role="status" data-testid="remote-save" className="flex flex-wrap items-center gap-2 rounded-md border border-sky-300 bg-sky-50 p-2 text-sm dark:border-sky-800 dark:bg-sky-950/40 print:hidden">
          Updated by @{remoteSave.by.handle} (version {remoteSave.version}) while you were writing.
          <Button type="button" variant="secondary" className="min-h-8 px-2 text-xs" onClick={() => void reloadSection()}>
            Reload section
          </Button>
        </p>
      )}

      {conflict && (
        <div role="alert" data-testid="conflict" className="space-y-2 rounded-md border border-red-300 bg-red-50 p-2 text-sm dark:border-red-800 dark:bg-red-950/40 print:hidden">
          <p className="font-medium text-red-800 dark:text-red-300">
            {conflict.updatedBy ? `@${conflict.updatedBy.handle}` : "Someone"} saved this section while you were editing. Nothing is lost: merge the two
            versions below and save.
          </p>
          <div className="grid gap-2 md:grid-cols-2">
            <div className="min-w-0">
              <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Theirs (version {conflict.version})</h3>
              <pre data-testid="conflict-theirs" className="max-h-60 overflow-auto whitespace-pre-wrap rounded border border-slate-200 bg-white p-2 text-xs dark:border-slate-700 dark:bg-slate-900">
                {conflict.theirs || "(empty)"}
              </pre>
            </div>
            <div className="min-w-0">
              <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Yours</h3>
              <pre data-testid="conflict-yours" className="max-h-60 overflow-auto whitespace-pre-wrap rounded border border-slate-200 bg-white p-2 text-xs dark:border-slate-700 dark:bg-slate-900">
                {text || "(empty)"}
              </pre>
            </div>
          </div>
          <label htmlFor={`${id}-merge`} className="block text-xs font-semibold uppercase tracking-wide text-slate-500">
            Merged text (starts as yours)
          </label>
          <textarea id={`${id}-merge`} value={merged} onChange={(e) => setMerged(e.target.value)} rows={6} className={`${inputClass} font-mono`} />
          <div className="flex flex-wrap gap-2">
            <Button type="button" onClick={saveMerged}>
              Save merged
            </Button>
            <Button type="button" variant="secondary" onClick={() => setMerged(`${conflict.theirs}\n\n${text}`)}>
              Combine both
            </Button>
            <Button type="button" variant="ghost" onClick={takeTheirs}>
              Discard mine, keep theirs
            </Button>
          </div>
        </div>
      )}

      {editable ? (
        <>
          <div className="flex flex-wrap items-center gap-1 print:hidden">
            <div className="flex rounded-md border border-slate-300 p-0.5 lg:hidden dark:border-slate-700" role="group" aria-label="Editor view">
              {(["write", "preview"] as const).map((m) => (
                <button
                  key={m}
                  type="button"
                  aria-pressed={mode === m}
                  onClick={() => setMode(m)}
                  className={`rounded px-2 py-1 text-xs capitalize ${mode === m ? "bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900" : ""}`}
                >
                  {m}
                </button>
              ))}
            </div>
            {entries && <InsertFromTimeline entries={entries} onInsert={insert} label={section.title} />}
            <Button type="button" variant="ghost" className="min-h-8 px-2 text-xs" disabled={text === base.body || state === "saving" || Boolean(conflict)} onClick={() => void save(text, base.version)}>
              Save now
            </Button>
          </div>
          <div className="grid gap-3 lg:grid-cols-2">
            <div className={`${mode === "preview" ? "hidden lg:block" : ""} print:hidden`}>
              <label htmlFor={id} className="sr-only">
                {section.title} (Markdown)
              </label>
              <textarea
                id={id}
                ref={textareaRef}
                value={text}
                onChange={(e) => change(e.target.value)}
                onFocus={() => onEditing?.(true)}
                onBlur={() => onEditing?.(false)}
                placeholder={section.prompt}
                rows={Math.min(18, Math.max(5, text.split("\n").length + 1))}
                className={`${inputClass} font-mono text-sm`}
                aria-describedby={hints.length ? `${id}-hints` : undefined}
              />
            </div>
            <div
              data-testid="preview"
              aria-label={`${section.title} preview`}
              className={`${mode === "write" ? "hidden lg:block" : ""} min-h-16 rounded-md border border-dashed border-slate-200 p-2 dark:border-slate-700 print:block print:border-0 print:p-0`}
            >
              {text.trim() ? <Markdown>{text}</Markdown> : <p className="text-sm italic text-slate-500">{section.prompt}</p>}
            </div>
          </div>
          {hints.length > 0 && (
            <ul id={`${id}-hints`} data-testid="blame-hints" className="space-y-1 rounded-md bg-amber-50 p-2 text-xs text-amber-900 dark:bg-amber-950/40 dark:text-amber-200 print:hidden">
              {hints.map((h) => (
                <li key={`${h.index}-${h.match}`}>
                  <span className="font-semibold">Blameless check:</span> “{h.match}” — {h.message} {h.suggestion}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : (
        <div data-testid="preview">{text.trim() ? <Markdown>{text}</Markdown> : <p className="text-sm italic text-slate-500">Nothing written yet.</p>}</div>
      )}
      {base.updatedBy && <p className="text-xs text-slate-500 print:hidden">Last saved by @{base.updatedBy.handle} · version {base.version}</p>}
    </section>
  );
}

/** One click puts a timeline entry (its UTC time, kind, author and text) into the section at the cursor. */
function InsertFromTimeline({ entries, onInsert, label }: { entries: TimelineEntry[]; onInsert: (line: string) => void; label: string }) {
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState("");
  const shown = entries.filter((e) => !q || entryLine(e).toLowerCase().includes(q.toLowerCase())).slice(0, 100);
  return (
    <div className="relative">
      <Button type="button" variant="ghost" className="min-h-8 px-2 text-xs" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        Insert from timeline
      </Button>
      {open && (
        <div
          role="dialog"
          aria-label={`Insert a timeline entry into ${label}`}
          className="absolute left-0 z-10 mt-1 w-[min(34rem,calc(100vw-2rem))] space-y-2 rounded-md border border-slate-200 bg-white p-2 shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          <input
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder="Filter entries"
            aria-label="Filter timeline entries"
            className={inputClass}
          />
          <ul className="max-h-72 overflow-auto text-xs">
            {shown.length === 0 && <li className="p-2 text-slate-500">No entries.</li>}
            {shown.map((e) => (
              <li key={e.seq}>
                <button
                  type="button"
                  className="w-full rounded px-2 py-1.5 text-left hover:bg-slate-100 dark:hover:bg-slate-800"
                  onClick={() => {
                    onInsert(entryLine(e));
                    setOpen(false);
                  }}
                >
                  <span className="font-mono text-slate-500">#{e.seq}</span> {entryLine(e).slice(2).replace(/\*\*/g, "")}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
