"use client";
// The review: who is asked to review (add, remove), and comments on sections
// (Markdown rendered safely; resolved ones fold away but stay readable). Both
// live in the React Query cache, which the postmortem's socket room keeps
// current (lib/client/postmortem-live.ts): no polling.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { usePeople } from "@/components/ui/people-picker";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { FormMessage, useSubmit } from "@/components/ui/form-kit";
import { Markdown } from "@/components/ui/markdown";
import { RelativeTime } from "@/components/ui/relative-time";
import { upsertComment, type CommentDto } from "@/lib/domain/postmortem/review";
import type { PersonRef } from "@/lib/domain/people";
import { ApiRequestError, fetchJson } from "@/lib/query/fetch-json";
import { queryKeys } from "@/lib/query/keys";

// The server's sentence names who or what ("Nobody called bob in this organization."): clearer here than a field's short reason.
/**
 * The server's sentence; for a field refused by the schema (its message lists "field: reason"), the field's own
 * words ("Keep it to 10,000 characters"), not the field's name.
 */
const serverWords = (e: unknown) => {
  if (!(e instanceof ApiRequestError)) return undefined;
  const schemaRefusal = e.status === 400 && e.message.startsWith("Invalid input:");
  return (schemaRefusal ? Object.values(e.fields)[0] : undefined) ?? e.message;
};

export function Reviewers({ postmortemId, apiBase, initial, canWrite }: { postmortemId: string; apiBase: string; initial: PersonRef[]; canWrite: boolean }) {
  const client = useQueryClient();
  const path = `${apiBase}/reviewers`;
  const query = useQuery({
    queryKey: queryKeys.postmortemReviewers(postmortemId),
    queryFn: ({ signal }) => fetchJson<{ reviewers: PersonRef[] }>(apiBase, { signal }).then((pm) => pm.reviewers),
    initialData: initial,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const reviewers = query.data;
  const setReviewers = (next: PersonRef[]) => client.setQueryData(queryKeys.postmortemReviewers(postmortemId), next);
  const [handle, setHandle] = useState("");
  // One change at a time (an add or a remove): every button waits while one is being sent.
  const { pending, message, run } = useSubmit([], { onError: serverWords });
  const people = usePeople("", canWrite);

  async function add(e: FormEvent) {
    e.preventDefault();
    if (!handle.trim()) return;
    await run(async () => {
      const res = await fetchJson<{ reviewers: PersonRef[] }>(path, { method: "POST", json: { reviewer: handle.trim() } });
      setReviewers(res.reviewers);
      setHandle("");
    });
  }

  async function remove(person: PersonRef) {
    await run(async () => {
      const res = await fetchJson<{ reviewers: PersonRef[] }>(`${path}?user=${encodeURIComponent(person.handle)}`, { method: "DELETE" });
      setReviewers(res.reviewers);
    });
  }

  return (
    <div role="region" aria-label="Reviewers" data-testid="reviewers" className="flex flex-wrap items-center gap-2 text-sm">
      <span className="text-xs font-semibold uppercase tracking-wide text-slate-500">Reviewers</span>
      {reviewers.length === 0 && <span className="text-xs text-slate-500">none yet</span>}
      <ul className="flex flex-wrap gap-1">
        {reviewers.map((r) => (
          <li key={r.handle} data-testid="reviewer" className="flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pr-1 pl-2 text-xs dark:bg-slate-800" title={r.name}>
            @{r.handle}
            {canWrite && (
              <button type="button" aria-label={`Remove reviewer @${r.handle}`} disabled={pending} onClick={() => void remove(r)} className="rounded-full px-1 text-slate-500 hover:bg-slate-200 dark:hover:bg-slate-700 print:hidden">
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      {canWrite && (
        <form onSubmit={add} className="flex items-center gap-1 print:hidden">
          <label htmlFor="add-reviewer" className="sr-only">
            Add a reviewer (handle or email)
          </label>
          <input id="add-reviewer" list="reviewer-options" value={handle} onChange={(e) => setHandle(e.target.value)} placeholder="handle" className={`${inputClass} h-8 w-36 py-1 text-xs`} />
          <datalist id="reviewer-options">
            {(people.data ?? []).map((p) => (
              <option key={p.handle} value={p.handle}>
                {p.name}
              </option>
            ))}
          </datalist>
          <Button type="submit" variant="secondary" className="min-h-8 px-2 text-xs" disabled={pending} aria-busy={pending}>
            Add reviewer
          </Button>
        </form>
      )}
      {/* On a line of its own, below the row. */}
      {message && (
        <div className="w-full">
          <FormMessage message={message} />
        </div>
      )}
    </div>
  );
}

/** Every comment of the postmortem, once; each section shows its own. Kept current by the socket, refetched after a reconnect. */
export function useComments(postmortemId: string, apiBase: string) {
  return useQuery({
    queryKey: queryKeys.postmortemComments(postmortemId),
    queryFn: ({ signal }) => fetchJson<{ items: CommentDto[] }>(`${apiBase}/comments`, { signal }).then((r) => r.items),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function SectionComments({
  postmortemId,
  apiBase,
  section,
  title,
  comments,
  canWrite,
}: {
  postmortemId: string;
  apiBase: string;
  section: string;
  title: string;
  comments: CommentDto[];
  canWrite: boolean;
}) {
  const client = useQueryClient();
  const [body, setBody] = useState("");
  // One write at a time (a comment, a resolve): the buttons wait while one is being sent.
  const { pending, message, run } = useSubmit([], { onError: serverWords });
  const open = comments.filter((c) => !c.resolvedAt);
  const resolved = comments.filter((c) => c.resolvedAt);
  const key = queryKeys.postmortemComments(postmortemId);
  const refresh = () => void client.invalidateQueries({ queryKey: key });
  const base = `${apiBase}/comments`;

  async function post(e: FormEvent) {
    e.preventDefault();
    if (!body.trim()) return;
    await run(async () => {
      const created = await fetchJson<CommentDto>(base, { method: "POST", json: { section, body } });
      // The socket brings the same comment to everyone else (and maybe here first): upsert, never append twice.
      client.setQueryData<CommentDto[]>(key, (prev) => upsertComment(prev, created));
      setBody("");
    });
  }

  async function setResolved(c: CommentDto, value: boolean) {
    const ok = await run(async () => {
      const saved = await fetchJson<CommentDto>(`${base}/${c.id}`, { method: "PATCH", json: { resolved: value } });
      client.setQueryData<CommentDto[]>(key, (prev) => upsertComment(prev, saved));
    });
    // Refused (the comment is gone, say): show what is there now.
    if (!ok) refresh();
  }

  const item = (c: CommentDto) => (
    <li key={c.id} data-testid="comment" data-resolved={Boolean(c.resolvedAt)} className="space-y-1 rounded-md border border-slate-200 bg-white p-2 dark:border-slate-700 dark:bg-slate-900">
      <p className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
        <span className="font-semibold text-slate-700 dark:text-slate-200">{c.author ? `@${c.author.handle}` : "someone"}</span>
        <RelativeTime at={c.createdAt} />
        {c.resolvedAt && <span>· resolved{c.resolvedBy ? ` by @${c.resolvedBy.handle}` : ""}</span>}
        {canWrite && (
          <button type="button" className="ml-auto font-medium underline print:hidden" disabled={pending} onClick={() => void setResolved(c, !c.resolvedAt)}>
            {c.resolvedAt ? "Reopen" : "Resolve"}
          </button>
        )}
      </p>
      <Markdown>{c.body}</Markdown>
    </li>
  );

  if (!canWrite && comments.length === 0) return null;
  return (
    <details data-testid={`comments-${section}`} open={open.length > 0} className="rounded-md border border-slate-200 bg-slate-50 p-2 text-sm dark:border-slate-800 dark:bg-slate-950 print:hidden">
      <summary className="cursor-pointer text-xs font-medium text-slate-600 dark:text-slate-300">
        Comments on {title} ({open.length} open{resolved.length ? `, ${resolved.length} resolved` : ""})
      </summary>
      <div className="space-y-2 pt-2">
        {open.length > 0 && <ul className="space-y-2">{open.map(item)}</ul>}
        {resolved.length > 0 && (
          <details>
            <summary className="cursor-pointer text-xs text-slate-500">Resolved ({resolved.length})</summary>
            <ul className="space-y-2 pt-2 opacity-75">{resolved.map(item)}</ul>
          </details>
        )}
        {canWrite && (
          <form onSubmit={post} className="space-y-1">
            <label htmlFor={`comment-${section}`} className="sr-only">
              Comment on {title} (Markdown)
            </label>
            <textarea id={`comment-${section}`} value={body} onChange={(e) => setBody(e.target.value)} rows={2} placeholder="Comment (Markdown)" className={`${inputClass} text-sm`} />
            <Button type="submit" variant="secondary" className="min-h-8 px-2 text-xs" disabled={pending || !body.trim()} aria-busy={pending}>
              Comment
            </Button>
          </form>
        )}
        <FormMessage message={message} />
      </div>
    </details>
  );
}
