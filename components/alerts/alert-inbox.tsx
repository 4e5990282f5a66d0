"use client";
// The alert inbox (issue 16): every alert a responder may see, live (the org room's alerts.changed refetches),
// filtered, grouped by incident, newest activity first. A row opens to its detail (labels, annotations, links, the
// body as sent, deliveries) with mute-for-N-hours and useful/noisy; alerts on no incident can be picked and declared
// as an incident or attached to an open one. Filters live in the URL, so a link shares the view.
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { SeverityBadge, StatusBadge, Tag } from "@/components/ui/badges";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { useLiveRefresh } from "@/lib/client/org-live";
import { groupByIncident, ALERT_STATUS_FILTERS } from "@/lib/domain/alerts/inbox";
import { ALERT_SEVERITIES, ALERT_SOURCES } from "@/lib/domain/alerts/normalize";
import { ROUTE_ACTIONS } from "@/lib/domain/alerts/rules";
import { SEVERITIES, SEVERITY_LEVELS, type Severity } from "@/lib/domain/severity";
import { fetchJson } from "@/lib/query/fetch-json";
import { queryKeys } from "@/lib/query/keys";
import { AlertDetail } from "./alert-detail";

export interface InboxAlert {
  id: string;
  summary: string;
  severity: string;
  status: string;
  source: string;
  action: string;
  identity: string;
  flapping: boolean;
  transient: boolean;
  heldUntil: string | null;
  occurrences: number;
  firstSeenAt: string;
  lastSeenAt: string;
  sourceAcknowledgedAt: string | null;
  feedback: string | null;
  quieted: "maintenance" | "muted" | null;
  mutedUntil: string | null;
  service: { key: string; name: string };
  sender: string;
  incident: { ref: string; title: string; severity: string; status: string; private: boolean } | null;
  escalation: { id: string; status: string; policy: string } | null;
}

const FILTERS = ["status", "service", "source", "severity", "action", "flapping"] as const;
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;

const STATUS_WORDS: Record<string, string> = { open: "Open", firing: "Firing", acknowledged: "Acknowledged by source", resolved: "Resolved", all: "All" };
const ACTION_WORDS: Record<string, string> = { open: "opens an incident", page: "pages only", record: "recorded", drop: "dropped" };

export function AlertInbox({ services, openIncidents }: { services: { key: string; name: string }[]; openIncidents: { ref: string; title: string }[] }) {
  const client = useQueryClient();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const filters: Filters = Object.fromEntries(FILTERS.flatMap((f) => (params.get(f) ? [[f, params.get(f)!]] : [])));
  const setFilter = (name: (typeof FILTERS)[number], value: string) => {
    const next = new URLSearchParams(params.toString());
    if (value) next.set(name, value);
    else next.delete(name);
    router.replace(`${pathname}${next.size ? `?${next}` : ""}`);
  };
  const connection = useLiveRefresh("alerts.changed", () => void client.invalidateQueries({ queryKey: queryKeys.alerts() }), 500);
  const query = useInfiniteQuery({
    queryKey: queryKeys.alerts(filters as Record<string, string>),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const q = new URLSearchParams({ ...filters, limit: "100", ...(pageParam ? { cursor: pageParam } : {}) });
      return fetchJson<{ items: InboxAlert[]; next: string | null }>(`/api/v1/alerts?${q}`, { signal });
    },
    getNextPageParam: (last) => last.next,
    refetchInterval: 60_000,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [open, setOpen] = useState<string | null>(null);
  const pickable = new Set(items.filter((a) => !a.incident).map((a) => a.id));
  const picked = [...selected].filter((id) => pickable.has(id));
  const toggle = (id: string) => setSelected((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set([...s, id])));

  return (
    <div className="space-y-3">
      <form className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-6" aria-label="Filter alerts" onSubmit={(e) => e.preventDefault()}>
        <FilterSelect label="Status" value={filters.status ?? "open"} onChange={(v) => setFilter("status", v === "open" ? "" : v)} options={ALERT_STATUS_FILTERS.map((s) => [s, STATUS_WORDS[s]!])} />
        <FilterSelect label="Service" value={filters.service ?? ""} onChange={(v) => setFilter("service", v)} options={[["", "All services"], ...services.map((s) => [s.key, s.name] as [string, string])]} />
        <FilterSelect label="Source" value={filters.source ?? ""} onChange={(v) => setFilter("source", v)} options={[["", "All sources"], ...[...ALERT_SOURCES, "heartbeat"].map((s) => [s, s] as [string, string])]} />
        <FilterSelect label="Severity" value={filters.severity ?? ""} onChange={(v) => setFilter("severity", v)} options={[["", "All severities"], ...ALERT_SEVERITIES.map((s) => [s, s] as [string, string])]} />
        <FilterSelect label="Rule action" value={filters.action ?? ""} onChange={(v) => setFilter("action", v)} options={[["", "Any action"], ...ROUTE_ACTIONS.map((a) => [a, ACTION_WORDS[a]!] as [string, string])]} />
        <FilterSelect label="Flapping" value={filters.flapping ?? ""} onChange={(v) => setFilter("flapping", v)} options={[["", "Flapping or not"], ["true", "Flapping only"], ["false", "Not flapping"]]} />
      </form>
      <p className="flex items-center gap-2 text-xs text-slate-500" aria-live="polite">
        <span className={`inline-block h-2 w-2 rounded-full ${connection === "live" ? "bg-emerald-500" : "bg-amber-500"}`} aria-hidden />
        {connection === "live" ? "Live" : "Reconnecting…"} · {items.length} alert{items.length === 1 ? "" : "s"}
        {query.hasNextPage ? " (more below)" : ""}
      </p>
      {query.isError && <p className="text-sm text-red-600 dark:text-red-400">{query.error.message}</p>}
      {query.data && items.length === 0 && <p className="rounded-lg border border-dashed border-slate-300 p-4 text-sm text-slate-500 dark:border-slate-700">No alerts match: nothing is firing here.</p>}
      {groupByIncident(items).map((group) => (
        <section key={group.ref ?? "none"} aria-label={group.ref ? `Alerts on ${group.ref}` : "Alerts on no incident"} className="rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <GroupHeader alert={group.items[0]!} count={group.items.length} />
          <ul className="divide-y divide-slate-100 dark:divide-slate-800">
            {group.items.map((a) => (
              <li key={a.id} data-alert={a.id}>
                <AlertRow alert={a} picked={selected.has(a.id)} onPick={a.incident ? null : () => toggle(a.id)} open={open === a.id} onOpen={() => setOpen(open === a.id ? null : a.id)} />
                {open === a.id && <AlertDetail id={a.id} />}
              </li>
            ))}
          </ul>
        </section>
      ))}
      {query.hasNextPage && (
        <Button variant="secondary" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
          {query.isFetchingNextPage ? "Loading…" : "Show older alerts"}
        </Button>
      )}
      {picked.length > 0 && <SelectionBar ids={picked} openIncidents={openIncidents} onDone={() => setSelected(new Set())} />}
    </div>
  );
}

function FilterSelect({ label, value, onChange, options }: { label: string; value: string; onChange: (v: string) => void; options: [string, string][] }) {
  const id = `filter-${label.toLowerCase().replace(/\s+/g, "-")}`;
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="block text-xs text-slate-500">
        {label}
      </label>
      <Select id={id} value={value} onChange={(e) => onChange(e.target.value)} className="!py-1">
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </Select>
    </div>
  );
}

function GroupHeader({ alert, count }: { alert: InboxAlert; count: number }) {
  const i = alert.incident;
  return (
    <h2 className="flex flex-wrap items-center gap-2 border-b border-slate-100 px-3 py-2 text-sm dark:border-slate-800">
      {i ? (
        <>
          <SeverityBadge severity={i.severity as Severity} />
          <Link href={`/incidents/${i.ref}`} className="font-mono font-semibold hover:underline">
            {i.ref}
          </Link>
          <StatusBadge status={i.status} />
          <span className="min-w-0 flex-1 truncate font-semibold" title={i.title}>
            {i.title}
          </span>
        </>
      ) : (
        <span className="flex-1 font-semibold">On no incident</span>
      )}
      <span className="text-xs font-normal text-slate-500">
        {count} alert{count === 1 ? "" : "s"}
      </span>
    </h2>
  );
}

function AlertRow({ alert: a, picked, onPick, open, onOpen }: { alert: InboxAlert; picked: boolean; onPick: (() => void) | null; open: boolean; onOpen: () => void }) {
  const firing = a.status !== "resolved";
  return (
    <div className="flex items-start gap-2 px-3 py-2 text-sm">
      {onPick ? (
        <input type="checkbox" className="mt-1 h-5 w-5 shrink-0" checked={picked} onChange={onPick} aria-label={`Pick ${a.summary}`} />
      ) : (
        <span className="w-5 shrink-0" aria-hidden />
      )}
      <button type="button" onClick={onOpen} aria-expanded={open} className="min-w-0 flex-1 space-y-1 text-left">
        <span className="flex flex-wrap items-center gap-2">
          <Tag tone="violet">{a.severity}</Tag>
          <span className={firing ? "font-semibold text-red-700 dark:text-red-400" : "text-emerald-700 dark:text-emerald-400"}>
            {a.status === "acknowledged" ? "acknowledged by source" : a.status}
          </span>
          {a.flapping && <Tag tone="sky">flapping</Tag>}
          {a.mutedUntil && <Tag>muted until {new Date(a.mutedUntil).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}</Tag>}
          {a.quieted === "maintenance" && <Tag>under maintenance</Tag>}
          {a.quieted === "muted" && !a.mutedUntil && <Tag>arrived muted</Tag>}
          {a.transient && <Tag>transient</Tag>}
          {a.heldUntil && <Tag>held</Tag>}
          <RelativeTime at={a.lastSeenAt} className="ml-auto text-xs text-slate-500" />
        </span>
        <span className="block break-words font-medium [overflow-wrap:anywhere]">{a.summary}</span>
        <span className="flex flex-wrap gap-x-2 text-xs text-slate-500 [&>span]:min-w-0 [&>span]:[overflow-wrap:anywhere]">
          <span>{a.service.name}</span>
          <span>· {a.sender}</span>
          <span>· {ACTION_WORDS[a.action] ?? a.action}</span>
          {a.escalation && !a.incident && <span>· paged ({a.escalation.status})</span>}
          {a.occurrences > 1 && <span>· ×{a.occurrences}</span>}
          {a.feedback && <span>· marked {a.feedback}</span>}
        </span>
      </button>
    </div>
  );
}

/** The picked alerts (on no incident): declare an incident from them, or attach them to an open one. */
function SelectionBar({ ids, openIncidents, onDone }: { ids: string[]; openIncidents: { ref: string; title: string }[]; onDone: () => void }) {
  const client = useQueryClient();
  const router = useRouter();
  const [severity, setSeverity] = useState<Severity>("SEV3");
  const [target, setTarget] = useState(openIncidents[0]?.ref ?? "");
  const declare = useMutation({
    mutationFn: () => fetchJson<{ ref: string }>("/api/v1/alerts/declare", { method: "POST", json: { alertIds: ids, severity } }),
    onSuccess: (incident) => {
      onDone();
      void client.invalidateQueries({ queryKey: queryKeys.alerts() });
      router.push(`/incidents/${incident.ref}`);
    },
  });
  const attach = useMutation({
    mutationFn: () => fetchJson<{ incident: string }>("/api/v1/alerts/attach", { method: "POST", json: { alertIds: ids, incident: target } }),
    onSuccess: () => {
      onDone();
      void client.invalidateQueries({ queryKey: queryKeys.alerts() });
    },
  });
  const error = declare.error ?? attach.error;
  return (
    <div role="region" aria-label="Picked alerts" className="sticky bottom-0 z-10 space-y-2 rounded-lg border border-slate-300 bg-white p-3 shadow-lg dark:border-slate-700 dark:bg-slate-900">
      <p className="text-sm font-semibold">
        {ids.length} alert{ids.length === 1 ? "" : "s"} picked
      </p>
      <div className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="pick-severity" className="block text-xs text-slate-500">
            Severity
          </label>
          <Select id="pick-severity" value={severity} onChange={(e) => setSeverity(e.target.value as Severity)} className="!w-auto !py-1">
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s} · {SEVERITY_LEVELS[s].label}
              </option>
            ))}
          </Select>
        </div>
        <Button variant="danger" disabled={declare.isPending} onClick={() => declare.mutate()}>
          {declare.isPending ? "Declaring…" : "Declare an incident"}
        </Button>
        {openIncidents.length > 0 && (
          <>
            <div className="min-w-0">
              <label htmlFor="pick-incident" className="block text-xs text-slate-500">
                or attach to
              </label>
              <Select id="pick-incident" value={target} onChange={(e) => setTarget(e.target.value)} className="!w-auto max-w-full !py-1">
                {openIncidents.map((i) => (
                  <option key={i.ref} value={i.ref}>
                    {i.ref} · {i.title.slice(0, 60)}
                  </option>
                ))}
              </Select>
            </div>
            <Button variant="secondary" disabled={attach.isPending || !target} onClick={() => attach.mutate()}>
              {attach.isPending ? "Attaching…" : `Attach to ${target}`}
            </Button>
          </>
        )}
      </div>
      {error && (
        <p role="alert" className="text-xs text-red-600 dark:text-red-400">
          {error.message}
        </p>
      )}
    </div>
  );
}
