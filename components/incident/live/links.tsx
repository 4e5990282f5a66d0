"use client";
// Where the incident lives outside Conn: its links (chat channel, bridge,
// dashboards, runbooks), the names derived from its one ID (INC-N names the
// channel, the bridge and hotfix branches), and what was said at intake.
import { useCallback, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import type { LinkView } from "@/lib/domain/incident-view";
import { conventionalNames } from "@/lib/domain/refs";
import { linkSchema } from "@/lib/domain/schemas";
import { ClientValidationError, fieldsOf, FormFooter, FormMessage, isStaleVersion, submitOnModEnter, useSubmit, type FieldErrors } from "@/components/ui/form-kit";
import { CopyButton } from "./links-copy";
import { useIncident } from "./context";

const LABEL_SUGGESTIONS = ["Chat channel", "Bridge", "Dashboard", "Runbook", "Status page", "Incident doc"];
const isHttp = (url: string) => /^https?:\/\//i.test(url);

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export function LinksPanel() {
  const { view, canWrite } = useIncident();
  const [editing, setEditing] = useState(false);
  return (
    <section aria-labelledby="links-heading" className="space-y-2">
      <div className="flex min-h-8 items-center gap-2">
        <h2 id="links-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
          Links
        </h2>
        {canWrite && !editing && (
          <button type="button" onClick={() => setEditing(true)} className="ml-auto rounded px-2 py-1 text-sm text-sky-700 hover:bg-slate-100 dark:text-sky-400 dark:hover:bg-slate-800">
            {view.links.length ? "Edit links" : "Add links"}
          </button>
        )}
      </div>
      <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
        {editing ? <LinksEditor onDone={() => setEditing(false)} /> : <LinkList links={view.links} />}
        <ConventionalNames />
        <IntakeAnswers />
      </div>
    </section>
  );
}

function LinkList({ links }: { links: LinkView[] }) {
  if (links.length === 0) return <p className="text-sm text-slate-500 dark:text-slate-400">No links yet: the chat channel, the bridge, dashboards, runbooks.</p>;
  return (
    <ul className="space-y-1" data-testid="links">
      {links.map((link, i) => (
        <li key={`${i}-${link.url}`} className="flex min-w-0 items-baseline gap-2 text-sm">
          {isHttp(link.url) ? (
            <a href={link.url} target="_blank" rel="noopener noreferrer" className="tap-line min-w-0 truncate font-medium text-sky-700 underline dark:text-sky-400" title={link.label}>
              {link.label}
            </a>
          ) : (
            <span className="min-w-0 truncate font-medium" title={link.label}>
              {link.label}
            </span>
          )}
          <span className="ml-auto min-w-0 shrink truncate text-xs text-slate-500 dark:text-slate-400" title={link.url}>
            {hostOf(link.url)}
          </span>
        </li>
      ))}
    </ul>
  );
}

interface DraftLink extends LinkView {
  id: number;
}

function LinksEditor({ onDone }: { onDone: () => void }) {
  const { view, write, reload } = useIncident();
  const nextId = useRef(view.links.length + 1);
  const [rows, setRows] = useState<DraftLink[]>(() => (view.links.length ? view.links.map((l, i) => ({ ...l, id: i })) : [{ id: 0, label: "", url: "" }]));
  const conflict = useCallback(
    (error: unknown) => {
      if (!isStaleVersion(error)) return undefined;
      void reload();
      return "Someone changed the incident first. Your edits are kept: saving again replaces the list with yours.";
    },
    [reload],
  );
  const { pending, errors, message, run } = useSubmit(
    rows.flatMap((_, i) => [`links.${i}.label`, `links.${i}.url`]),
    { onError: conflict },
  );

  const change = (id: number, patch: Partial<LinkView>) => setRows((rs) => rs.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  const add = () => setRows((rs) => [...rs, { id: nextId.current++, label: "", url: "" }]);
  const remove = (id: number) => setRows((rs) => rs.filter((r) => r.id !== id));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // A row left entirely blank is not a link; drop it rather than complain.
    const kept = rows.filter((r) => r.label.trim() || r.url.trim());
    if (kept.length !== rows.length) setRows(kept);
    const ok = await run(async () => {
      const fields: FieldErrors = {};
      const links = kept.map((r, i) => {
        const parsed = linkSchema.safeParse({ label: r.label, url: r.url });
        if (!parsed.success) for (const [k, v] of Object.entries(fieldsOf(parsed.error))) fields[`links.${i}.${k}`] = v;
        return parsed.success ? parsed.data : r;
      });
      if (Object.keys(fields).length) throw new ClientValidationError(fields);
      const unchanged = JSON.stringify(links.map(({ label, url }) => ({ label, url }))) === JSON.stringify(view.links);
      if (!unchanged) await write("PATCH", "", { version: view.version, links: links.map(({ label, url }) => ({ label, url })) });
    });
    if (ok) onDone();
  }

  return (
    <form onSubmit={onSubmit} onKeyDown={submitOnModEnter} noValidate className="space-y-3" aria-label="Edit links">
      <datalist id="link-labels">
        {LABEL_SUGGESTIONS.map((l) => (
          <option key={l} value={l} />
        ))}
      </datalist>
      <ul className="space-y-2">
        {rows.map((row, i) => {
          const labelError = errors[`links.${i}.label`];
          const urlError = errors[`links.${i}.url`];
          return (
            <li key={row.id} className="space-y-1 rounded-md border border-slate-200 p-2 dark:border-slate-700">
              <div className="flex gap-2">
                <Input
                  aria-label={`Link ${i + 1} label`}
                  list="link-labels"
                  value={row.label}
                  maxLength={80}
                  placeholder="Label, e.g. Bridge"
                  aria-invalid={!!labelError}
                  onChange={(e) => change(row.id, { label: e.target.value })}
                  autoFocus={i === rows.length - 1 && !row.label}
                />
                <button
                  type="button"
                  onClick={() => remove(row.id)}
                  aria-label={`Remove link ${i + 1}`}
                  className="min-h-10 shrink-0 rounded-md px-3 text-slate-500 hover:bg-slate-100 hover:text-red-700 dark:hover:bg-slate-800 dark:hover:text-red-400"
                >
                  ✕
                </button>
              </div>
              <Input
                aria-label={`Link ${i + 1} URL`}
                type="url"
                inputMode="url"
                value={row.url}
                maxLength={2000}
                placeholder="https://…"
                aria-invalid={!!urlError}
                autoCapitalize="none"
                autoCorrect="off"
                spellCheck={false}
                onChange={(e) => change(row.id, { url: e.target.value })}
              />
              {(labelError || urlError) && (
                <p role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">
                  {[labelError && `Label: ${labelError}`, urlError && `URL: ${urlError}`].filter(Boolean).join(" · ")}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      <Button type="button" variant="secondary" onClick={add} className="w-full">
        + Add link
      </Button>
      <FormMessage message={message} />
      <FormFooter pending={pending} label="Save links" pendingLabel="Saving…" onCancel={onDone} keyHint={false} />
    </form>
  );
}

function ConventionalNames() {
  const { view } = useIncident();
  const names = conventionalNames(view.number, view.title);
  const rows = [
    ["Chat channel", "channel name", names.channel],
    ["Bridge", "bridge name", names.bridge],
    ["Hotfix branch", "branch name", names.branch],
  ] as const;
  return (
    <div className="space-y-1 border-t border-slate-200 pt-3 dark:border-slate-800">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Names to use</h3>
      <dl className="space-y-1.5 text-sm">
        {rows.map(([label, what, value]) => (
          <NameRow key={label} label={label} what={what} value={value} />
        ))}
      </dl>
    </div>
  );
}

function NameRow({ label, what, value }: { label: string; what: string; value: string }) {
  const code = useRef<HTMLElement>(null);
  const select = () => {
    const el = code.current;
    const selection = window.getSelection();
    if (!el || !selection) return;
    const range = document.createRange();
    range.selectNodeContents(el);
    selection.removeAllRanges();
    selection.addRange(range);
  };
  return (
    <div>
      <dt className="text-xs text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="flex items-center gap-2">
        <code ref={code} className="min-w-0 flex-1 rounded bg-slate-100 px-1.5 py-1 font-mono text-xs break-words dark:bg-slate-800">
          {value}
        </code>
        <CopyButton text={value} what={what} selectOnFail={select} />
      </dd>
    </div>
  );
}

function IntakeAnswers() {
  const { view } = useIncident();
  const answers = [
    ["Blast radius", view.intake.blastRadius],
    ["Recent changes", view.intake.recentChanges],
    ["Who to notify", view.intake.notify],
  ].filter((a): a is [string, string] => typeof a[1] === "string" && a[1].trim() !== "");
  if (answers.length === 0) return null;
  return (
    <div className="space-y-1 border-t border-slate-200 pt-3 dark:border-slate-800" data-testid="intake">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">At declaration</h3>
      <dl className="space-y-1.5 text-sm">
        {answers.map(([label, answer]) => (
          <div key={label}>
            <dt className="text-xs text-slate-500 dark:text-slate-400">{label}</dt>
            <dd className="break-words whitespace-pre-wrap">{answer}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
