"use client";
// The declare form's two helpers for the first seconds: which services are
// affected (searchable, each with its team and who it pages now, suggested from
// the title and the declarer's team), and the open incidents that may be this
// one ("Join INC-7 instead").
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { SeverityBadge } from "@/components/ui/badges";
import { inputClass } from "@/components/ui/field";
import { useDebounced } from "@/components/ui/people-picker";
import { matchesServiceSearch, suggestServices, whoWillBePaged, type DeclareServiceOption, type SimilarIncident } from "@/lib/domain/declare";
import { fetchJson } from "@/lib/query/fetch-json";
import { queryKeys } from "@/lib/query/keys";

const MAX_RESULTS = 8;

function pagesText(s: DeclareServiceOption) {
  if (!s.policy) return "no escalation policy: pages nobody";
  if (s.pages.length === 0) return `${s.policy}: nobody on call now`;
  return `pages ${s.pages.map((p) => `@${p.handle}`).join(", ")}`;
}

export function ServicePicker({
  services,
  myTeams,
  title,
  chosen,
  onChange,
  loading,
  error,
}: {
  services: DeclareServiceOption[];
  myTeams: string[];
  title: string;
  chosen: string[];
  onChange: (keys: string[]) => void;
  loading: boolean;
  error?: string;
}) {
  const [query, setQuery] = useState("");
  const byKey = new Map(services.map((s) => [s.key, s]));
  const picked = chosen.flatMap((k) => byKey.get(k) ?? []);
  const suggested = suggestServices(title, services, myTeams, chosen).flatMap((s) => {
    const service = byKey.get(s.key);
    return service ? [{ service, because: s.because }] : [];
  });
  const results = query.trim() ? services.filter((s) => !chosen.includes(s.key) && matchesServiceSearch(query, s)).slice(0, MAX_RESULTS) : [];
  const add = (key: string) => {
    onChange([...chosen, key]);
    setQuery("");
  };
  const paged = whoWillBePaged(services, chosen);

  return (
    <fieldset className="space-y-2" aria-describedby="declare-paging">
      <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">Affected services</legend>
      {picked.length > 0 && (
        <ul className="space-y-1" aria-label="Chosen services">
          {picked.map((s) => (
            <li key={s.key} className="flex items-center gap-2 rounded-md border border-sky-500 bg-sky-50 px-2 py-1 text-sm dark:bg-sky-950">
              <ServiceLine service={s} />
              <button
                type="button"
                className="ml-auto min-h-11 min-w-11 shrink-0 rounded-md text-slate-600 hover:bg-sky-100 dark:text-slate-300 dark:hover:bg-sky-900"
                aria-label={`Remove ${s.name}`}
                onClick={() => onChange(chosen.filter((k) => k !== s.key))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        type="search"
        aria-label="Search services by name, key or team"
        placeholder={loading ? "Loading services…" : "Search services by name, key or team"}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          // Enter picks the first match instead of submitting the form half-filled.
          if (e.key === "Enter" && results[0]) {
            e.preventDefault();
            add(results[0].key);
          }
        }}
        className={inputClass}
        autoComplete="off"
      />
      {query.trim() && results.length === 0 && <p className="text-xs text-slate-600 dark:text-slate-400">No service matches “{query.trim()}”.</p>}
      {(results.length > 0 || (!query.trim() && suggested.length > 0)) && (
        <ul className="space-y-1" aria-label={results.length ? "Matching services" : "Suggested services"}>
          {!query.trim() && <li className="text-xs font-medium text-slate-600 dark:text-slate-400">Suggested</li>}
          {(results.length ? results.map((service) => ({ service, because: null })) : suggested).map(({ service, because }) => (
            <li key={service.key}>
              <button
                type="button"
                onClick={() => add(service.key)}
                className="flex min-h-11 w-full items-center gap-2 rounded-md border border-slate-200 px-2 py-1 text-left text-sm hover:border-sky-500 dark:border-slate-700"
                aria-label={`Add ${service.name} (${service.key})`}
              >
                <span aria-hidden className="text-sky-700 dark:text-sky-400">
                  +
                </span>
                <ServiceLine service={service} />
                {because && <span className="ml-auto shrink-0 text-xs text-slate-600 dark:text-slate-400">{because === "title" ? "named in the title" : "your team"}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
      <p id="declare-paging" className={`text-sm ${paged.length || loading ? "text-slate-700 dark:text-slate-300" : "font-medium text-amber-800 dark:text-amber-300"}`} data-testid="declare-paging">
        {loading ? "Checking who is on call…" : paged.length ? `Declaring pages ${paged.map((p) => `@${p.handle}`).join(", ")}.` : "Nobody will be paged."}
      </p>
    </fieldset>
  );
}

function ServiceLine({ service }: { service: DeclareServiceOption }) {
  return (
    <span className="min-w-0">
      <span className="font-medium [overflow-wrap:anywhere]">{service.name}</span> <span className="font-mono text-xs text-slate-600 dark:text-slate-400">{service.key}</span>
      <span className="block text-xs text-slate-600 [overflow-wrap:anywhere] dark:text-slate-400">
        {service.team ? `${service.team.name} · ` : "No owning team · "}
        {pagesText(service)}
      </span>
    </span>
  );
}

export function PossibleDuplicates({ title, services, onJoin }: { title: string; services: string[]; onJoin: () => void }) {
  const settledTitle = useDebounced(title.trim(), 300);
  const settledServices = useDebounced(services, 300);
  const enabled = settledTitle.length >= 4 || settledServices.length > 0;
  const similar = useQuery({
    queryKey: queryKeys.similarIncidents(settledTitle, settledServices),
    queryFn: ({ signal }) =>
      fetchJson<{ items: SimilarIncident[] }>(`/api/v1/incidents/similar?title=${encodeURIComponent(settledTitle)}&services=${encodeURIComponent(settledServices.join(","))}`, { signal }),
    enabled,
    staleTime: 10_000,
  });
  const items = enabled ? (similar.data?.items ?? []) : [];
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="declare-duplicates" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-2 dark:border-amber-700 dark:bg-amber-950">
      <h3 id="declare-duplicates" className="text-sm font-semibold text-amber-950 dark:text-amber-100">
        Possibly the same incident
      </h3>
      <ul className="space-y-2">
        {items.map((i) => (
          <li key={i.ref} className="flex flex-wrap items-center gap-2 text-sm text-slate-900 dark:text-slate-100">
            <SeverityBadge severity={i.severity} />
            <span className="min-w-0 flex-1">
              <span className="font-mono text-xs">{i.ref}</span> <span className="[overflow-wrap:anywhere]">{i.title}</span>
              <span className="block text-xs text-slate-700 dark:text-slate-300">
                {i.status}
                {i.services.length > 0 && ` · ${i.services.join(", ")}`}
                {i.because.includes("service") ? " · same service" : " · similar title"}
              </span>
            </span>
            <Link
              href={`/incidents/${i.ref}`}
              onClick={onJoin}
              className="inline-flex min-h-11 items-center rounded-md bg-slate-900 px-3 text-sm font-medium text-white hover:bg-slate-700 dark:bg-slate-100 dark:text-slate-900 dark:hover:bg-white"
            >
              Join {i.ref} instead
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
