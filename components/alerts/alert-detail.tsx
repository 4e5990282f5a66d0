"use client";
// One alert, opened in the inbox: its labels and annotations, the sender's links (generatorURL, silenceURL,
// runbook_url…), details, the deliveries that carried it and the last body exactly as sent; mute its identity for a
// few hours (or lift the mute) and mark it useful or noisy.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { fetchJson } from "@/lib/query/fetch-json";
import { queryKeys } from "@/lib/query/keys";
import type { InboxAlert } from "./alert-inbox";

interface Detail extends InboxAlert {
  identityFrom: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  links: { label: string; url: string }[];
  details: Record<string, unknown>;
  groupKey: string | null;
  startsAt: string | null;
  endsAt: string | null;
  feedbackNote: string | null;
  deliveries: { id: string; receivedAt: string; source: string }[];
  raw: { deliveryId: string; receivedAt: string; body: string; truncated: boolean } | null;
  rawWithheld: boolean;
}

const MUTE_HOURS = [1, 2, 4, 8, 24, 72, 168];

/** Annotation values that are links (Alertmanager's runbook_url, silenceURL, dashboard…), beside the sender's own links. */
function linksOf(d: Detail): { label: string; url: string }[] {
  const fromAnnotations = Object.entries(d.annotations ?? {}).flatMap(([k, v]) => (typeof v === "string" && /^https?:\/\//.test(v) ? [{ label: k, url: v }] : []));
  const seen = new Set<string>();
  return [...(Array.isArray(d.links) ? d.links : []), ...fromAnnotations].filter((l) => !seen.has(l.url) && seen.add(l.url));
}

function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

export function AlertDetail({ id }: { id: string }) {
  const detail = useQuery({ queryKey: queryKeys.alert(id), queryFn: () => fetchJson<Detail>(`/api/v1/alerts/${encodeURIComponent(id)}`) });
  const d = detail.data;
  if (detail.isError) return <p className="px-3 pb-3 text-sm text-red-600 dark:text-red-400">{detail.error.message}</p>;
  if (!d) return <p className="px-3 pb-3 text-sm text-slate-500">Loading…</p>;
  const links = linksOf(d);
  const pairs = (o: Record<string, unknown>) => Object.entries(o ?? {}).filter(([, v]) => v !== null && v !== "");
  return (
    <div className="space-y-3 border-t border-slate-100 bg-slate-50 px-3 py-3 text-sm dark:border-slate-800 dark:bg-slate-950" data-testid="alert-detail">
      {links.length > 0 && (
        <p className="flex flex-wrap gap-x-3 gap-y-1">
          {links.map((l) => (
            <a key={l.url} href={l.url} target="_blank" rel="noreferrer noopener" className="text-sky-700 underline dark:text-sky-400">
              {l.label}
            </a>
          ))}
        </p>
      )}
      <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-xs sm:grid-cols-2">
        <Row term="Identity" value={`${d.identity} (${d.identityFrom})`} />
        {d.groupKey && <Row term="Group" value={d.groupKey} />}
        <Row term="First seen" value={<RelativeTime at={d.firstSeenAt} />} />
        <Row term="Last seen" value={<RelativeTime at={d.lastSeenAt} />} />
        <Row term="Deliveries" value={String(d.occurrences)} />
        {d.startsAt && <Row term="Started (sender)" value={new Date(d.startsAt).toLocaleString()} />}
      </dl>
      {d.deliveries.length > 0 && (
        <p className="text-xs text-slate-500">
          Carried by {d.deliveries.length === 10 ? "the last 10 deliveries" : `${d.deliveries.length} deliver${d.deliveries.length === 1 ? "y" : "ies"}`}:{" "}
          {d.deliveries.map((x, i) => (
            <span key={x.id}>
              {i > 0 && ", "}
              <RelativeTime at={x.receivedAt} />
            </span>
          ))}
        </p>
      )}
      <KeyValues title="Labels" entries={pairs(d.labels)} />
      <KeyValues title="Annotations" entries={pairs(d.annotations)} />
      <KeyValues title="Details" entries={pairs(d.details).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)])} />
      <AlertActions d={d} />
      {d.rawWithheld && <p className="text-xs text-slate-500">The body that carried it is not shown: it also carried alerts of an incident you are not on.</p>}
      {d.raw && (
        <details>
          <summary className="cursor-pointer text-xs font-semibold text-slate-600 dark:text-slate-400">
            Raw body, as sent <RelativeTime at={d.raw.receivedAt} /> ({d.deliveries.length} deliver{d.deliveries.length === 1 ? "y" : "ies"} shown)
          </summary>
          <pre tabIndex={0} className="mt-1 max-h-80 overflow-auto rounded bg-white p-2 text-xs dark:bg-slate-900" data-testid="alert-raw">
            {pretty(d.raw.body)}
          </pre>
          {d.raw.truncated && <p className="text-xs text-slate-500">The first 64 KB of the body.</p>}
        </details>
      )}
    </div>
  );
}

function Row({ term, value }: { term: string; value: React.ReactNode }) {
  return (
    <div className="flex min-w-0 gap-2">
      <dt className="shrink-0 text-slate-500">{term}</dt>
      <dd className="min-w-0 break-words [overflow-wrap:anywhere]">{value}</dd>
    </div>
  );
}

function KeyValues({ title, entries }: { title: string; entries: [string, unknown][] }) {
  if (entries.length === 0) return null;
  return (
    <div>
      <h3 className="text-xs font-semibold text-slate-600 dark:text-slate-400">{title}</h3>
      <ul className="flex flex-wrap gap-1 pt-1">
        {entries.map(([k, v]) => (
          <li key={k} className="max-w-full break-words rounded border border-slate-200 bg-white px-1.5 py-0.5 font-mono text-xs [overflow-wrap:anywhere] dark:border-slate-700 dark:bg-slate-900">
            {k}={String(v)}
          </li>
        ))}
      </ul>
    </div>
  );
}

function AlertActions({ d }: { d: Detail }) {
  const client = useQueryClient();
  const [hours, setHours] = useState(2);
  const [reason, setReason] = useState("");
  const refresh = () => {
    void client.invalidateQueries({ queryKey: queryKeys.alerts() });
  };
  const mute = useMutation({ mutationFn: () => fetchJson(`/api/v1/alerts/${encodeURIComponent(d.id)}/mute`, { method: "POST", json: { hours, reason } }), onSuccess: refresh });
  const unmute = useMutation({ mutationFn: () => fetchJson(`/api/v1/alerts/${encodeURIComponent(d.id)}/mute`, { method: "DELETE" }), onSuccess: refresh });
  const mark = useMutation({ mutationFn: (verdict: "useful" | "noisy") => fetchJson(`/api/v1/alerts/${encodeURIComponent(d.id)}/feedback`, { method: "POST", json: { verdict } }), onSuccess: refresh });
  const error = mute.error ?? unmute.error ?? mark.error;
  return (
    <div className="space-y-2">
      {d.mutedUntil ? (
        <p className="flex flex-wrap items-center gap-2">
          <span>
            Muted until {new Date(d.mutedUntil).toLocaleString()}: its alerts are recorded, nothing opens or pages.
          </span>
          <Button variant="secondary" disabled={unmute.isPending} onClick={() => unmute.mutate()}>
            Lift the mute
          </Button>
        </p>
      ) : (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (reason.trim()) mute.mutate();
          }}
        >
          <div>
            <label htmlFor={`mute-hours-${d.id}`} className="block text-xs text-slate-500">
              Mute this identity for
            </label>
            <Select id={`mute-hours-${d.id}`} value={hours} onChange={(e) => setHours(Number(e.target.value))} className="!w-auto !py-1">
              {MUTE_HOURS.map((h) => (
                <option key={h} value={h}>
                  {h < 24 ? `${h} hour${h === 1 ? "" : "s"}` : `${h / 24} day${h === 24 ? "" : "s"}`}
                </option>
              ))}
            </Select>
          </div>
          <div className="min-w-0 flex-1">
            <label htmlFor={`mute-reason-${d.id}`} className="block text-xs text-slate-500">
              Why
            </label>
            <Input id={`mute-reason-${d.id}`} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="Known: the nightly batch" maxLength={500} className="!py-1" />
          </div>
          <Button type="submit" variant="secondary" disabled={mute.isPending || !reason.trim()}>
            Mute
          </Button>
        </form>
      )}
      <p className="flex flex-wrap items-center gap-2 text-xs">
        <span className="text-slate-500">{d.feedback ? `Marked ${d.feedback}${d.feedbackNote ? `: ${d.feedbackNote}` : ""}` : "Was it worth it?"}</span>
        <Button variant="ghost" disabled={mark.isPending} onClick={() => mark.mutate("useful")}>
          Useful
        </Button>
        <Button variant="ghost" disabled={mark.isPending} onClick={() => mark.mutate("noisy")}>
          Noisy
        </Button>
      </p>
      {error && (
        <p role="alert" className="text-xs text-red-600 dark:text-red-400">
          {error.message}
        </p>
      )}
    </div>
  );
}
