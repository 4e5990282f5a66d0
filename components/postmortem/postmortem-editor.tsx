"use client";
// The postmortem editor: every section editable at once by several people (each
// saves on its own, see section-editor.tsx), the review workflow, the tracked
// action items, export and print. A published revision reads as a document;
// editing it starts the next revision. The same editor serves an incident's
// review (under /incidents/{ref}/postmortem) and a near miss or positive retro
// (under /postmortems/{id}, no incident: no timeline to insert from).
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useCallback, useState } from "react";
import { SeverityBadge } from "@/components/ui/badges";
import { Button, buttonClass } from "@/components/ui/button";
import { FormMessage, useSubmit } from "@/components/ui/form-kit";
import type { TimelineEntry } from "@/lib/domain/timeline";
import { defaultActionItemKind, missingPreventItem, type ActionItemDto } from "@/lib/domain/postmortem/action-items";
import { postmortemApiPath } from "@/lib/domain/postmortem/review-types";
import type { PostmortemDto } from "@/lib/domain/postmortem/schemas";
import type { PostmortemStatus } from "@/lib/domain/postmortem/workflow";
import type { Severity } from "@/lib/domain/severity";
import { usePostmortemLive } from "@/lib/client/postmortem-live";
import { ApiRequestError, fetchJson } from "@/lib/query/fetch-json";
import { queryKeys } from "@/lib/query/keys";
import { ActionItemsTable, NewActionItem } from "./action-items";
import { PostmortemStatusBadge, PostmortemTypeBadge } from "@/components/ui/badges";
import { Reviewers, SectionComments, useComments } from "./review";
import { SectionDiff } from "./section-diff";
import { SectionEditor } from "./section-editor";

function transitionLabel(from: PostmortemStatus, to: PostmortemStatus, revision: number) {
  if (to === "in_review") return "Send to review";
  if (to === "published") return "Publish";
  return from === "published" ? `Reopen as revision ${revision + 1}` : "Back to draft";
}

export function PostmortemEditor({ initial, canWrite, viewerHandle }: { initial: PostmortemDto; canWrite: boolean; viewerHandle: string }) {
  const ref = initial.incident?.ref ?? null;
  const apiBase = postmortemApiPath(initial);
  const live = usePostmortemLive(initial.id, ref);
  const { setEditing } = live;
  const othersOn = (key: string) => live.editors.filter((e) => e.section === key && e.handle !== viewerHandle);
  const queryClient = useQueryClient();
  const [meta, setMeta] = useState({
    status: initial.status,
    revision: initial.revision,
    transitions: initial.transitions,
    publishedAt: initial.publishedAt,
    lastPublishedRevision: initial.lastPublishedRevision,
  });
  const [editPublished, setEditPublished] = useState(false);
  // One move at a time; a refused one (someone moved it first) says why in the server's words (a 409).
  const workflow = useSubmit([]);

  const timeline = useQuery({
    queryKey: queryKeys.timeline(ref ?? "-"),
    queryFn: ({ signal }) => fetchJson<{ items: TimelineEntry[] }>(`/api/v1/incidents/${ref}/timeline?limit=500`, { signal }).then((r) => r.items),
    enabled: canWrite && ref !== null,
    staleTime: 60_000,
  });
  const actionItems = useQuery({
    queryKey: queryKeys.postmortemActionItems(initial.id),
    queryFn: ({ signal }) => fetchJson<{ items: ActionItemDto[] }>(`/api/v1/action-items?postmortem=${initial.id}&limit=200`, { signal }).then((r) => r.items),
    initialData: initial.actionItems,
  });
  const comments = useComments(initial.id, apiBase);
  const refreshItems = () => void queryClient.invalidateQueries({ queryKey: queryKeys.postmortemActionItems(initial.id) });
  const items = actionItems.data ?? [];
  const severity = (initial.incident?.severity ?? null) as Severity | null;
  const missingPrevent = missingPreventItem(severity, items);
  // The tracked items hang under the "action_items" section; a postmortem without one shows them at the end.
  const itemsAfter = initial.sections.some((s) => s.key === "action_items") ? "action_items" : initial.sections.at(-1)?.key;

  const onSaved = useCallback((pm: { status: PostmortemStatus; revision: number }) => {
    setMeta((m) => {
      if (m.status === pm.status && m.revision === pm.revision) return m;
      // An edit after publication reopened it as the next revision.
      return { ...m, status: pm.status, revision: pm.revision, transitions: pm.status === "draft" ? ["in_review"] : m.transitions };
    });
  }, []);

  async function move(to: PostmortemStatus) {
    await workflow.run(async () => {
      const pm = await fetchJson<PostmortemDto>(apiBase, { method: "PATCH", json: { status: to } });
      setMeta({ status: pm.status, revision: pm.revision, transitions: pm.transitions, publishedAt: pm.publishedAt, lastPublishedRevision: pm.lastPublishedRevision });
      setEditPublished(false);
    });
  }

  const published = meta.status === "published";
  const editable = canWrite && (!published || editPublished);

  return (
    <div className="space-y-4">
      <header className="space-y-2">
        {ref && severity ? (
          <p className="flex flex-wrap items-center gap-2 text-sm text-slate-500">
            <SeverityBadge severity={severity} />
            <Link href={`/incidents/${ref}`} className="font-mono hover:underline">
              {ref}
            </Link>
            <span>Postmortem</span>
          </p>
        ) : (
          <p className="flex flex-wrap items-center gap-2 text-sm text-slate-500">
            <Link href="/postmortems" className="hover:underline print:hidden">
              Reviews
            </Link>
            <span aria-hidden className="print:hidden">
              /
            </span>
            <PostmortemTypeBadge type={initial.type} testId="postmortem-type" />
            {initial.services.length > 0 && (
              <span data-testid="postmortem-services" className="flex flex-wrap gap-1">
                {initial.services.map((s) => (
                  <Link key={s.key} href={`/services/${s.key}`} title={s.name} className="rounded border border-slate-300 px-1.5 py-0.5 font-mono text-xs hover:underline dark:border-slate-700">
                    {s.key}
                  </Link>
                ))}
              </span>
            )}
          </p>
        )}
        <h1 className="text-xl font-bold break-words">{initial.title}</h1>
        <div className="flex flex-wrap items-center gap-2">
          <PostmortemStatusBadge status={meta.status} testId="postmortem-status" />
          <span className="text-xs text-slate-500" data-testid="revision">
            Revision {meta.revision}
            {published && meta.publishedAt ? ` · published ${meta.publishedAt.slice(0, 16).replace("T", " ")} UTC` : ""}
          </span>
          <div className="ml-auto flex flex-wrap gap-2 print:hidden">
            {canWrite &&
              meta.transitions.map((to) => (
                <Button key={to} type="button" variant={to === "published" ? "primary" : "secondary"} disabled={workflow.pending} aria-busy={workflow.pending} onClick={() => void move(to)}>
                  {transitionLabel(meta.status, to, meta.revision)}
                </Button>
              ))}
            <a href={`${apiBase}/export.md`} download className={buttonClass("secondary")}>
              Export Markdown
            </a>
            <Button type="button" variant="ghost" onClick={() => window.print()}>
              Print
            </Button>
          </div>
        </div>
        <Reviewers postmortemId={initial.id} apiBase={apiBase} initial={initial.reviewers} canWrite={canWrite} />
        <FormMessage message={workflow.message} />
        {published && canWrite && !editPublished && (
          <p className="rounded-md border border-emerald-300 bg-emerald-50 p-2 text-sm dark:border-emerald-800 dark:bg-emerald-950/40 print:hidden">
            Published and read-only.{" "}
            <button type="button" className="font-medium underline" onClick={() => setEditPublished(true)}>
              Edit: saving a change starts revision {meta.revision + 1}
            </button>
          </p>
        )}
        {meta.status === "draft" && canWrite && (
          <p className="text-xs text-slate-500 print:hidden">
            Blameless: systems, not people. Write why each action made sense at the time. Sections save on their own as you type.
          </p>
        )}
      </header>

      <div className="space-y-3">
        {initial.sections.map((section) => (
          <div key={section.key} className="space-y-3">
            <SectionEditor
              postmortemId={initial.id}
              apiBase={apiBase}
              section={section}
              editable={editable}
              entries={ref ? (timeline.data ?? []) : null}
              onSaved={onSaved}
              editors={othersOn(section.key)}
              remoteSave={live.saves[section.key]}
              onEditing={(on) => setEditing(on ? section.key : null)}
            />
            {meta.lastPublishedRevision !== null && meta.revision > meta.lastPublishedRevision && (
              <SectionDiff postmortemId={initial.id} apiBase={apiBase} sectionKey={section.key} title={section.title} revision={meta.lastPublishedRevision} />
            )}
            <SectionComments
              postmortemId={initial.id}
              apiBase={apiBase}
              section={section.key}
              title={section.title}
              comments={(comments.data ?? []).filter((c) => c.section === section.key)}
              canWrite={canWrite}
            />
            {section.key === itemsAfter && (
              <div className="space-y-2 rounded-lg border border-slate-200 bg-slate-50 p-3 dark:border-slate-800 dark:bg-slate-950" aria-label="Tracked action items" role="region">
                <h3 className="text-sm font-semibold">Tracked action items</h3>
                {missingPrevent && (
                  <p role="note" data-testid="missing-prevent" className="rounded-md bg-amber-50 p-2 text-xs text-amber-900 dark:bg-amber-950/40 dark:text-amber-200">
                    A {severity} review should leave at least one “prevent” item: a structural change that makes this harder to happen again.
                  </p>
                )}
                <ActionItemsTable items={items} canWrite={canWrite} onChanged={refreshItems} />
                {canWrite && (
                  <details className="rounded-md border border-slate-200 bg-white p-2 dark:border-slate-800 dark:bg-slate-900 print:hidden">
                    <summary className="cursor-pointer text-sm font-medium">New action item</summary>
                    <div className="pt-2">
                      <NewActionItem postmortemId={initial.id} defaultKind={defaultActionItemKind(severity, items)} onCreated={refreshItems} />
                    </div>
                  </details>
                )}
              </div>
            )}
          </div>
        ))}
      </div>
    </div>
  );
}

/** Shown when the incident has no postmortem yet: start it (pre-filled) once the incident is resolved. */
export function StartPostmortem({ incidentRef, canStart, canWrite, incidentStatus }: { incidentRef: string; canStart: boolean; canWrite: boolean; incidentStatus: string }) {
  // The page reloads into the editor: stay pending until it does.
  const { pending, message, run } = useSubmit([], { holdAfterSuccess: true });
  async function start() {
    await run(async () => {
      try {
        await fetchJson(`/api/v1/incidents/${incidentRef}/postmortem`, { method: "POST", json: {} });
      } catch (e) {
        // Someone else started it a moment ago: the reload opens theirs (the editor is shared), nothing is lost.
        if (!(e instanceof ApiRequestError && e.status === 409 && /already/i.test(e.message))) throw e;
      }
      window.location.reload();
    });
  }
  return (
    <div className="mx-auto max-w-xl space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <h1 className="text-lg font-bold">
        <Link href={`/incidents/${incidentRef}`} className="font-mono hover:underline">
          {incidentRef}
        </Link>{" "}
        has no postmortem yet
      </h1>
      {canStart ? (
        <p className="text-sm text-slate-600 dark:text-slate-300">
          It starts pre-filled with what the incident recorded: summary, impact, severity history, roles, the key timeline, workstreams, durations and what automation did.
        </p>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-300">The incident is {incidentStatus}: the postmortem starts once it is resolved.</p>
      )}
      <FormMessage message={message} />
      {canWrite && canStart && (
        <Button type="button" onClick={() => void start()} disabled={pending} aria-busy={pending}>
          Start postmortem
        </Button>
      )}
    </div>
  );
}
