"use client";
// Impact numbers on the incident page (issue 16): what its alerts say of the outage's size, latest first in words,
// the shape since declared beside it. Fetched again whenever a new alert entry arrives; hidden when no alert carries one.
import { useQuery } from "@tanstack/react-query";
import { ImpactLine } from "@/components/ui/sparkline";
import type { ImpactPoint } from "@/lib/domain/alerts/impact";
import { fetchJson } from "@/lib/query/fetch-json";
import { useIncident } from "./context";

interface Series {
  metric: string;
  latest: ImpactPoint;
  points: ImpactPoint[];
}

export function ImpactPanel({ alertSeq }: { alertSeq: number }) {
  const { view } = useIncident();
  const impact = useQuery({
    queryKey: ["incidents", view.ref, "impact", alertSeq],
    queryFn: () => fetchJson<{ items: Series[] }>(`/api/v1/incidents/${view.ref}/impact`),
    enabled: view.alerts !== null,
    placeholderData: (previous) => previous,
    refetchInterval: 60_000,
  });
  const items = impact.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section aria-label="Impact" className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
      <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500">Impact, from its alerts</h2>
      {items.map((s) => (
        <ImpactLine key={s.metric} {...s} />
      ))}
    </section>
  );
}
