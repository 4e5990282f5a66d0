"use client";
// "Who has been paged, and has anyone answered?": the incident's escalations
// (one per policy of its services), their state and next step, and each page.
// Refetched when a paging entry arrives on the incident's socket room.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { PageCard } from "@/components/pages/page-card";
import { RelativeTime, useNow } from "@/components/ui/relative-time";
import type { TimelineEntry } from "@/lib/domain/timeline";
import type { IncidentPagingDto } from "@/lib/domain/pages";
import { listen, socket } from "@/lib/realtime/client";
import { entryAddedEventSchema } from "@/lib/realtime/events";
import { fetchJson } from "@/lib/query/fetch-json";
import { queryKeys } from "@/lib/query/keys";
import { useIncident } from "./context";
import { PageSomeoneButton } from "./page-someone";

const PAGING_KINDS = new Set(["paged", "page_skipped", "page_acknowledged", "escalation_exhausted", "status_changed"]);

const STATUS_LABEL: Record<string, string> = {
  active: "Paging",
  acknowledged: "Acknowledged",
  exhausted: "Nobody answered",
  cancelled: "Stopped",
};

/** How soon after declaring the first page is expected (the paging job runs right after the declare commits). */
const PAGING_GRACE_MS = 10_000;

export function PagesPanel({ entries }: { entries: readonly TimelineEntry[] }) {
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
  const canPage = canWrite && view.status === "investigating" && !view.drill;
  // Nobody paged is said out loud while it matters (investigating); afterwards an empty panel is noise.
  if (paging.isSuccess && escalations.length === 0 && view.status !== "investigating") return null;
  return (
    <section aria-labelledby="pages-heading" className="space-y-2">
      <h2 id="pages-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
        Pages
      </h2>
      {paging.isError && <p className="text-sm text-red-600 dark:text-red-400">Could not load the pages. Retrying in a minute.</p>}
      {paging.isSuccess && escalations.length === 0 && <NobodyPaged entries={entries} canPage={canPage} />}
      {canPage && escalations.length > 0 && <PageSomeoneButton strong={false} />}
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

/**
 * No escalation ran: said out loud, with the way to page someone. Unless the services' on-call was already paged for
 * an open incident (named, with a link), or the paging job is still starting (the first seconds after declaring).
 */
function NobodyPaged({ entries, canPage }: { entries: readonly TimelineEntry[]; canPage: boolean }) {
  const { view } = useIncident();
  const now = useNow(5_000);
  const elsewhere = entries.flatMap((e) => (e.kind === "page_skipped" && e.data.pagedFor ? [{ ref: e.data.pagedFor, reason: e.data.reason }] : []))[0];
  if (elsewhere) {
    return (
      <p className="rounded-lg border border-slate-200 bg-slate-50 p-3 text-sm dark:border-slate-800 dark:bg-slate-950" data-testid="paged-elsewhere">
        Not paged again: {elsewhere.reason}.{" "}
        <a href={`/incidents/${elsewhere.ref}`} className="font-medium text-sky-700 underline dark:text-sky-400">
          Open {elsewhere.ref}
        </a>
      </p>
    );
  }
  if (view.services.length > 0 && now.getTime() - new Date(view.declaredAt).getTime() < PAGING_GRACE_MS) {
    return <p className="text-sm text-slate-600 dark:text-slate-400">Paging the affected services’ on-call…</p>;
  }
  return (
    <div className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100" data-testid="nobody-paged">
      <p className="font-semibold">{view.drill ? "A drill pages nobody." : "Nobody was paged."}</p>
      {!view.drill && <p>{view.services.length ? "The affected services have no escalation policy, or nobody is on call for them." : "No affected service is set, so no on-call was told."}</p>}
      {canPage && <PageSomeoneButton strong />}
    </div>
  );
}
