"use client";
// "Who has been paged, and has anyone answered?": the incident's escalations
// (one per policy of its services), their state and next step, and each page.
// Refetched when a paging entry arrives on the incident's socket room.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { PageCard } from "@/components/pages/page-card";
import { RelativeTime } from "@/components/ui/relative-time";
import type { IncidentPagingDto } from "@/lib/domain/pages";
import { listen, socket } from "@/lib/realtime/client";
import { entryAddedEventSchema } from "@/lib/realtime/events";
import { fetchJson } from "@/lib/query/fetch-json";
import { queryKeys } from "@/lib/query/keys";
import { useIncident } from "./context";

const PAGING_KINDS = new Set(["paged", "page_skipped", "page_acknowledged", "escalation_exhausted", "status_changed"]);

const STATUS_LABEL: Record<string, string> = {
  active: "Paging",
  acknowledged: "Acknowledged",
  exhausted: "Nobody answered",
  cancelled: "Stopped",
};

export function PagesPanel() {
  const { view, me, canWrite } = useIncident();
  const client = useQueryClient();
  const key = queryKeys.incidentPages(view.ref);
  const paging = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => fetchJson<IncidentPagingDto>(`/api/v1/incidents/${encodeURIComponent(view.ref)}/pages`, { signal }),
    refetchInterval: 60_000,
  });

  useEffect(() => {
    const s = socket();
    const onEntry = (payload: unknown) => {
      const event = entryAddedEventSchema.safeParse(payload);
      if (event.success && event.data.ref === view.ref && PAGING_KINDS.has(event.data.entry.kind)) void client.invalidateQueries({ queryKey: key });
    };
    return listen(s, { "incident.timeline.entry_added": onEntry });
  }, [client, key, view.ref]);

  const escalations = paging.data?.escalations ?? [];
  if (paging.isSuccess && escalations.length === 0) return null; // nothing paged: no empty panel on a busy page
  return (
    <section aria-labelledby="pages-heading" className="space-y-2">
      <h2 id="pages-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
        Pages
      </h2>
      {paging.isError && <p className="text-sm text-red-600">Could not load the pages. Retrying in a minute.</p>}
      {escalations.map((e) => (
        <div key={e.id} className="space-y-2 rounded-lg border border-slate-200 bg-slate-50 p-2 dark:border-slate-800 dark:bg-slate-950" data-escalation={e.id}>
          <p className="flex flex-wrap items-center gap-x-2 text-sm">
            <span className="font-semibold">{e.policy}</span>
            <span className={e.status === "active" ? "font-semibold text-red-700 dark:text-red-400" : e.status === "exhausted" ? "font-semibold text-amber-700 dark:text-amber-400" : "text-slate-500"}>
              {STATUS_LABEL[e.status] ?? e.status}
            </span>
            {e.escalatesAt && (
              <span className="text-xs text-slate-500">
                next step <RelativeTime at={e.escalatesAt} />
              </span>
            )}
            {e.services.length > 0 && <span className="ml-auto font-mono text-xs text-slate-500">{e.services.join(", ")}</span>}
          </p>
          {e.pages.map((p) => (
            <PageCard key={p.id} page={p} me={me.handle} canWrite={canWrite} showIncident={false} />
          ))}
        </div>
      ))}
    </section>
  );
}
