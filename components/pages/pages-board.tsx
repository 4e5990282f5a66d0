"use client";
// /pages: the pages sent to me (open first), or every page I can see. Live:
// a page to me arrives or clears without a reload.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useLiveRefresh } from "@/lib/client/org-live";
import type { PageDto } from "@/lib/domain/pages";
import { fetchJson } from "@/lib/query/fetch-json";
import { queryKeys } from "@/lib/query/keys";
import { PageCard } from "./page-card";

export function PagesBoard({ me, canWrite, highlight }: { me: string; canWrite: boolean; highlight: string | null }) {
  const [who, setWho] = useState<"me" | "all">("me");
  const client = useQueryClient();
  useLiveRefresh("page.changed", () => void client.invalidateQueries({ queryKey: queryKeys.pages() }));
  const query = useQuery({
    queryKey: queryKeys.pages({ user: who, limit: "100" }),
    queryFn: ({ signal }) => fetchJson<{ items: PageDto[] }>(`/api/v1/pages?user=${who}&limit=100`, { signal }),
    refetchInterval: 30_000,
  });
  const items = query.data?.items ?? [];
  const open = items.filter((p) => p.open);
  const rest = items.filter((p) => !p.open);
  return (
    <div className="space-y-4">
      <div role="tablist" aria-label="Whose pages" className="inline-flex rounded-md border border-slate-300 p-0.5 text-sm dark:border-slate-700">
        {(["me", "all"] as const).map((w) => (
          <button
            key={w}
            role="tab"
            aria-selected={who === w}
            onClick={() => setWho(w)}
            className={`rounded px-3 py-1.5 ${who === w ? "bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900" : ""}`}
          >
            {w === "me" ? "Sent to me" : "Everyone's"}
          </button>
        ))}
      </div>
      {query.isError && <p role="alert" className="text-sm text-red-600 dark:text-red-400">Could not load pages: {query.error.message}</p>}
      {query.isLoading && <p className="text-sm text-slate-500">Loading…</p>}
      {query.data && items.length === 0 && <p className="text-sm text-slate-500">No pages {who === "me" ? "to you" : ""} yet.</p>}
      {open.length > 0 && (
        <section aria-labelledby="open-pages" className="space-y-2">
          <h2 id="open-pages" className="text-sm font-semibold uppercase tracking-wide text-red-700 dark:text-red-400">
            Waiting for an answer ({open.length})
          </h2>
          {open.map((p) => (
            <PageCard key={p.id} page={p} me={me} canWrite={canWrite} highlight={p.id === highlight} />
          ))}
        </section>
      )}
      {rest.length > 0 && (
        <section aria-labelledby="past-pages" className="space-y-2">
          <h2 id="past-pages" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
            Earlier
          </h2>
          {rest.map((p) => (
            <PageCard key={p.id} page={p} me={me} canWrite={canWrite} highlight={p.id === highlight} />
          ))}
        </section>
      )}
    </div>
  );
}
