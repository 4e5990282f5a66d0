"use client";
// A "page only" alert's page (no incident): what fired — the service, the alert's severity and summary, how many alerts
// it pages for and how many still fire, the sender's links — and, for a responder, "Declare an incident" from them: the
// alerts and the escalation that paged move onto it and the incident opens (POST /api/v1/alerts/declare).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Tag } from "@/components/ui/badges";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { DEFAULT_ROUTES } from "@/lib/domain/alerts/rules";
import type { AlertSeverity } from "@/lib/domain/alerts/normalize";
import type { PageDto } from "@/lib/domain/pages";
import { SEVERITIES, SEVERITY_LEVELS, type Severity } from "@/lib/domain/severity";
import { fetchJson } from "@/lib/query/fetch-json";
import { queryKeys } from "@/lib/query/keys";

type AlertOfPage = NonNullable<PageDto["alert"]>;

/** "3 alerts, 1 firing" — or "firing" / "resolved" for one. */
export function alertCountWords(alert: Pick<AlertOfPage, "alerts" | "firing">): string {
  if (alert.alerts === 1) return alert.firing ? "firing" : "resolved";
  return `${alert.alerts} alerts, ${alert.firing === 0 ? "all resolved" : `${alert.firing} firing`}`;
}

export function AlertPageSummary({ alert }: { alert: AlertOfPage }) {
  return (
    <div className="space-y-1">
      <p className="flex flex-wrap items-center gap-2">
        <Tag tone="violet">{alert.severity} alert</Tag>
        <Link href={`/services/${encodeURIComponent(alert.service.key)}`} className="font-semibold hover:underline">
          {alert.service.name}
        </Link>
        <span className={alert.firing ? "font-semibold text-red-700 dark:text-red-400" : "text-emerald-700 dark:text-emerald-400"}>{alertCountWords(alert)}</span>
      </p>
      <p className="break-words [overflow-wrap:anywhere]">{alert.summary}</p>
      {alert.links.length > 0 && (
        <p className="flex flex-wrap gap-x-3 text-xs">
          {alert.links.map((l) => (
            <a key={l.url} href={l.url} target="_blank" rel="noreferrer noopener" className="text-sky-700 underline dark:text-sky-400">
              {l.label}
            </a>
          ))}
        </p>
      )}
      <p className="text-xs text-slate-500">No incident was opened: its rule pages only.</p>
    </div>
  );
}

/** Declare an incident from the page's alerts, at a severity (the one its rule would open at, to start). */
export function DeclareFromPage({ alert }: { alert: AlertOfPage }) {
  const client = useQueryClient();
  const router = useRouter();
  const id = useId();
  const [severity, setSeverity] = useState<Severity>(DEFAULT_ROUTES[alert.severity as AlertSeverity]?.incidentSeverity ?? "SEV3");
  const declare = useMutation({
    mutationFn: () => fetchJson<{ ref: string }>("/api/v1/alerts/declare", { method: "POST", json: { alertIds: alert.alertIds, severity } }),
    onSuccess: (incident) => {
      void client.invalidateQueries({ queryKey: queryKeys.pages() });
      router.push(`/incidents/${incident.ref}`);
    },
  });
  return (
    <form
      className="flex flex-wrap items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        declare.mutate();
      }}
    >
      <label htmlFor={`${id}-sev`} className="text-xs text-slate-600 dark:text-slate-400">
        It is an outage:
      </label>
      <Select id={`${id}-sev`} value={severity} onChange={(e) => setSeverity(e.target.value as Severity)} className="!w-auto !py-1">
        {SEVERITIES.map((s) => (
          <option key={s} value={s}>
            {s} · {SEVERITY_LEVELS[s].label}
          </option>
        ))}
      </Select>
      <Button type="submit" variant="secondary" disabled={declare.isPending || declare.isSuccess}>
        {declare.isPending || declare.isSuccess ? "Declaring…" : "Declare an incident"}
      </Button>
      {declare.isError && (
        <p role="alert" className="w-full text-xs text-red-600 dark:text-red-400">
          {declare.error.message}
        </p>
      )}
    </form>
  );
}
