"use client";
// The organization's postmortem template: the ordered sections new postmortems
// start with. Admins rename, re-prompt, reorder, add their own sections and
// remove optional ones (required ones stay); everyone else reads it. Saved as a
// whole with the version last read (409 when another admin saved first).
// Existing postmortems keep the sections they started with.
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import type { SectionTemplate } from "@/lib/domain/postmortem/sections";
import { isKnownSection, isRequiredSection, moveSection, sectionKeyFromTitle, type PostmortemTemplateDto } from "@/lib/domain/postmortem/template";
import { ApiRequestError, fetchJson } from "@/lib/query/fetch-json";

interface Row extends SectionTemplate {
  /** Added in this editing session: its key follows its title until saved. */
  fresh: boolean;
  /** Stable across renames and moves (React's key: typing in a title keeps its focus). */
  uid: number;
}

let nextUid = 1;

type SaveState = { kind: "idle" | "saving" | "saved" } | { kind: "error"; message: string; fields: Record<string, string>; stale: boolean };

const toRows = (sections: readonly SectionTemplate[]): Row[] => sections.map((s) => ({ key: s.key, title: s.title, prompt: s.prompt, fresh: false, uid: nextUid++ }));

export function PostmortemTemplateForm({ initial, canEdit }: { initial: PostmortemTemplateDto; canEdit: boolean }) {
  const [rows, setRows] = useState<Row[]>(() => toRows(initial.sections));
  const [version, setVersion] = useState(initial.version);
  const [meta, setMeta] = useState({ custom: initial.custom, updatedAt: initial.updatedAt, updatedBy: initial.updatedBy });
  const [newTitle, setNewTitle] = useState("");
  const [state, setState] = useState<SaveState>({ kind: "idle" });
  const fields = state.kind === "error" ? state.fields : {};
  const missingDefaults = initial.defaults.filter((d) => !rows.some((r) => r.key === d.key));

  const change = (next: Row[]) => {
    setRows(next);
    if (state.kind === "saved") setState({ kind: "idle" });
  };
  const update = (i: number, patch: Partial<Row>) => change(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  function add(e: { preventDefault(): void }) {
    e.preventDefault();
    const title = newTitle.trim();
    if (!title) return;
    change([...rows, { key: sectionKeyFromTitle(title, rows.map((r) => r.key)), title, prompt: "", fresh: true, uid: nextUid++ }]);
    setNewTitle("");
  }

  async function reload() {
    const fresh = await fetchJson<PostmortemTemplateDto>("/api/v1/org/postmortem-template");
    setRows(toRows(fresh.sections));
    setVersion(fresh.version);
    setMeta({ custom: fresh.custom, updatedAt: fresh.updatedAt, updatedBy: fresh.updatedBy });
    setState({ kind: "idle" });
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    setState({ kind: "saving" });
    try {
      const saved = await fetchJson<PostmortemTemplateDto>("/api/v1/org/postmortem-template", {
        method: "PUT",
        json: { version, sections: rows.map(({ key, title, prompt }) => ({ key, title, prompt })) },
      });
      setRows(toRows(saved.sections));
      setVersion(saved.version);
      setMeta({ custom: saved.custom, updatedAt: saved.updatedAt, updatedBy: saved.updatedBy });
      setState({ kind: "saved" });
    } catch (error) {
      if (error instanceof ApiRequestError) setState({ kind: "error", message: error.message, fields: error.fields, stale: error.status === 409 });
      else setState({ kind: "error", message: "Could not save the template.", fields: {}, stale: false });
    }
  }

  return (
    <form onSubmit={save} aria-label="Postmortem template" className="space-y-3">
      <p className="text-sm text-slate-600 dark:text-slate-400">
        The sections every new postmortem, near miss and positive retro starts with, in order. Known sections are pre-filled from what the incident recorded; your own
        start empty with their prompt. Existing postmortems keep their sections.
        {meta.custom ? (
          <span className="block text-xs text-slate-500">
            Customized{meta.updatedBy ? ` by @${meta.updatedBy.handle}` : ""}
            {meta.updatedAt ? ` on ${meta.updatedAt.slice(0, 10)}` : ""} · version {version}
          </span>
        ) : (
          <span className="block text-xs text-slate-500">The default template (PRACTICES.md).</span>
        )}
      </p>
      {fields.sections && (
        <p role="alert" className="text-sm font-medium text-red-600 dark:text-red-400">
          {fields.sections}
        </p>
      )}
      <ol data-testid="template-sections" className="space-y-2">
        {rows.map((row, i) => {
          const id = `tpl-${i}`;
          const required = isRequiredSection(row.key);
          const error = fields[`sections.${i}.key`] ?? fields[`sections.${i}.title`] ?? fields[`sections.${i}.prompt`] ?? fields[`sections.${i}`];
          return (
            <li key={row.uid} data-testid="template-section" data-key={row.key} className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
              <div className="flex flex-wrap items-center gap-2">
                <span className="w-6 shrink-0 text-right text-xs tabular-nums text-slate-500">{i + 1}.</span>
                {canEdit ? (
                  <>
                    <label htmlFor={`${id}-title`} className="sr-only">
                      Title of section {i + 1}
                    </label>
                    <input
                      id={`${id}-title`}
                      value={row.title}
                      maxLength={100}
                      required
                      onChange={(e) => update(i, row.fresh ? { title: e.target.value, key: sectionKeyFromTitle(e.target.value, rows.filter((_, j) => j !== i).map((r) => r.key)) } : { title: e.target.value })}
                      className={`${inputClass} h-9 min-w-48 flex-1 py-1 font-medium`}
                    />
                    <span className="ml-auto flex shrink-0 gap-0.5">
                      <Button type="button" variant="ghost" className="min-h-8 px-2 text-xs" disabled={i === 0} onClick={() => change(moveSection(rows, i, i - 1))} aria-label={`Move ${row.title} up`}>
                        ↑
                      </Button>
                      <Button type="button" variant="ghost" className="min-h-8 px-2 text-xs" disabled={i === rows.length - 1} onClick={() => change(moveSection(rows, i, i + 1))} aria-label={`Move ${row.title} down`}>
                        ↓
                      </Button>
                      {required ? (
                        <span className="inline-flex min-h-8 w-16 items-center justify-center text-xs text-slate-500" title="Required: it can be renamed and moved, not removed">
                          required
                        </span>
                      ) : (
                        <Button type="button" variant="ghost" className="min-h-8 w-16 px-2 text-xs text-red-700 dark:text-red-400" onClick={() => change(rows.filter((_, j) => j !== i))} aria-label={`Remove ${row.title}`}>
                          Remove
                        </Button>
                      )}
                    </span>
                  </>
                ) : (
                  <span className="flex-1 font-medium">{row.title}</span>
                )}
              </div>
              <p className="flex flex-wrap items-center gap-2 pl-8 text-xs">
                <code className="text-slate-500">{row.key}</code>
                {required && !canEdit && <span className="rounded bg-slate-100 px-1.5 py-0.5 text-slate-600 dark:bg-slate-800 dark:text-slate-300">required</span>}
                {isKnownSection(row.key) ? (
                  <span className="rounded bg-emerald-50 px-1.5 py-0.5 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300">pre-filled</span>
                ) : (
                  <span className="rounded bg-sky-50 px-1.5 py-0.5 text-sky-800 dark:bg-sky-950 dark:text-sky-300">custom: starts empty</span>
                )}
              </p>
              {canEdit ? (
                <div className="pl-8">
                  <label htmlFor={`${id}-prompt`} className="sr-only">
                    Guidance for {row.title}
                  </label>
                  <textarea
                    id={`${id}-prompt`}
                    value={row.prompt}
                    maxLength={1000}
                    rows={2}
                    placeholder="The question this section asks its writers"
                    onChange={(e) => update(i, { prompt: e.target.value })}
                    className={`${inputClass} text-sm`}
                  />
                </div>
              ) : (
                row.prompt && <p className="pl-8 text-sm text-slate-600 dark:text-slate-400">{row.prompt}</p>
              )}
              {error && (
                <p role="alert" className="pl-8 text-xs font-medium text-red-600 dark:text-red-400">
                  {error}
                </p>
              )}
            </li>
          );
        })}
      </ol>

      {canEdit && (
        <>
          <div className="flex flex-wrap items-end gap-2 rounded-lg border border-dashed border-slate-300 p-3 dark:border-slate-700">
            <div className="min-w-0 flex-1 basis-56 space-y-1">
              <label htmlFor="tpl-new" className="block text-sm font-medium text-slate-700 dark:text-slate-300">
                New section
              </label>
              <input
                id="tpl-new"
                value={newTitle}
                maxLength={100}
                onChange={(e) => setNewTitle(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === "Enter") add(e);
                }}
                placeholder="Customer communication"
                className={inputClass}
              />
            </div>
            <Button type="button" variant="secondary" onClick={add} disabled={!newTitle.trim()}>
              Add section
            </Button>
          </div>
          {missingDefaults.length > 0 && (
            <p className="flex flex-wrap items-center gap-1 text-xs text-slate-500">
              Add back:
              {missingDefaults.map((d) => (
                <button key={d.key} type="button" className="rounded border border-slate-300 px-1.5 py-0.5 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800" onClick={() => change([...rows, { ...d, fresh: false, uid: nextUid++ }])}>
                  {d.title}
                </button>
              ))}
            </p>
          )}
          {state.kind === "error" && (
            <p role="alert" className="text-sm font-medium text-red-600 dark:text-red-400">
              {state.message}{" "}
              {state.stale && (
                <button type="button" className="underline" onClick={() => void reload()}>
                  Reload the template (your changes are dropped)
                </button>
              )}
            </p>
          )}
          <div className="flex flex-wrap items-center gap-2">
            <Button type="submit" disabled={state.kind === "saving"}>
              Save template
            </Button>
            <Button type="button" variant="ghost" onClick={() => change(toRows(initial.defaults))}>
              Restore the default
            </Button>
            <span role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
              {state.kind === "saved" ? "Saved: new postmortems use it." : ""}
            </span>
          </div>
        </>
      )}
    </form>
  );
}
