"use client";
// The service page's heartbeats (issue 16): what is watched for silence, and whether it is silent now — a heartbeat
// that is down leads, in red, with how long since its last ping. Admins add one (its key and ping command shown once)
// and delete one (its key stops working, a firing alert resolves) after saying so twice.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Tag } from "@/components/ui/badges";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { formatInterval } from "@/lib/domain/alerts/heartbeats";
import { heartbeatSnippets } from "@/lib/domain/alerts/snippets";
import { ALERT_SEVERITIES } from "@/lib/domain/alerts/normalize";
import { ApiRequestError, fetchJson } from "@/lib/query/fetch-json";
import { queryKeys } from "@/lib/query/keys";

interface HeartbeatDto {
  id: string;
  name: string;
  intervalMinutes: number;
  severity: string;
  createdAt: string;
  lastPingAt: string | null;
  expiresAt: string;
  down: boolean;
}

const card = "min-w-0 space-y-3 rounded-lg border border-slate-200 bg-white p-3 [overflow-wrap:anywhere] dark:border-slate-800 dark:bg-slate-900";
const heading = "text-sm font-semibold uppercase tracking-wide text-slate-500";
const UNITS = { minutes: 1, hours: 60, days: 1440 } as const;
type Unit = keyof typeof UNITS;

export function Heartbeats({ serviceKey, origin, admin }: { serviceKey: string; origin: string; admin: boolean }) {
  const queryClient = useQueryClient();
  const key = queryKeys.heartbeats(serviceKey);
  const list = useQuery({ queryKey: key, queryFn: () => fetchJson<{ items: HeartbeatDto[] }>(`/api/v1/services/${serviceKey}/heartbeats`), refetchInterval: 30_000 });
  const [created, setCreated] = useState<HeartbeatDto & { key: string }>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: key });
    void queryClient.invalidateQueries({ queryKey: queryKeys.integrationKeys(serviceKey) });
  };
  const create = useMutation({
    mutationFn: (input: { name: string; intervalMinutes: number; severity: string }) =>
      fetchJson<HeartbeatDto & { key: string }>(`/api/v1/services/${serviceKey}/heartbeats`, { method: "POST", json: input }),
    onSuccess: (made) => {
      setCreated(made);
      setErrors({});
      refresh();
    },
    onError: (e) => setErrors(e instanceof ApiRequestError ? { ...e.fields, ...(Object.keys(e.fields).length ? {} : { form: e.message }) } : { form: "Could not add the heartbeat." }),
  });

  // Down first: the one that needs someone now.
  const items = [...(list.data?.items ?? [])].sort((a, b) => Number(b.down) - Number(a.down));
  return (
    <section className={card} aria-label="Heartbeats" data-testid="heartbeats">
      <h2 className={heading}>Heartbeats</h2>
      <p className="text-xs text-slate-500">A job that pings Conn at least every interval; when it falls silent, an alert goes through the rules above.</p>
      {list.data && items.length === 0 && <p className="text-sm text-slate-500">None: nothing on {serviceKey} is watched for silence.</p>}
      {list.isError && <p className="text-sm text-red-700 dark:text-red-400">Could not load the heartbeats.</p>}
      <ul className="divide-y divide-slate-200 dark:divide-slate-800" data-testid="heartbeat-list">
        {items.map((h) => (
          <HeartbeatRow key={h.id} serviceKey={serviceKey} heartbeat={h} admin={admin} onDeleted={refresh} />
        ))}
      </ul>

      {admin && (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            const element = e.currentTarget;
            const form = new FormData(element);
            const count = Number(form.get("every"));
            const unit = String(form.get("unit")) as Unit;
            // Cleared once added; kept as typed when refused, beside the reason.
            create.mutate({ name: String(form.get("name") ?? ""), intervalMinutes: count * (UNITS[unit] ?? 1), severity: String(form.get("severity")) }, { onSuccess: () => element.reset() });
          }}
        >
          <Field label="Name (in its ping URL)" htmlFor="hb-name" error={errors.name}>
            <Input id="hb-name" name="name" required maxLength={100} pattern="[A-Za-z0-9][A-Za-z0-9._\-]*" placeholder="nightly-backup" />
          </Field>
          <Field label="Pinged at least every" htmlFor="hb-every" error={errors.intervalMinutes}>
            <span className="flex gap-2">
              <Input id="hb-every" name="every" type="number" inputMode="numeric" min={1} step={1} required defaultValue={1} className="w-20" />
              <Select name="unit" aria-label="Unit" defaultValue="days">
                {Object.keys(UNITS).map((u) => (
                  <option key={u} value={u}>
                    {u}
                  </option>
                ))}
              </Select>
            </span>
          </Field>
          <Field label="Alert when silent" htmlFor="hb-severity" error={errors.severity}>
            <Select id="hb-severity" name="severity" defaultValue="critical">
              {ALERT_SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </Select>
          </Field>
          <Button type="submit" disabled={create.isPending}>
            Add heartbeat
          </Button>
          {errors.form && (
            <p role="alert" className="w-full text-xs font-medium text-red-600 dark:text-red-400">
              {errors.form}
            </p>
          )}
        </form>
      )}

      {created && (
        <div role="status" className="space-y-2 rounded-lg border border-emerald-500 bg-emerald-50 p-3 dark:border-emerald-700 dark:bg-emerald-950">
          <p className="text-sm font-medium">
            Copy the ping command for {created.name} now: its key is shown only once. The first deadline is <RelativeTime at={created.expiresAt} />.
          </p>
          {heartbeatSnippets({ origin, secret: created.key, id: created.id, name: created.name }).map((s) => (
            <div key={s.title} className="space-y-1">
              <div className="flex flex-wrap items-center gap-2">
                <p className="text-sm font-medium">{s.title}</p>
                <Button variant="secondary" className="ml-auto" onClick={() => void navigator.clipboard?.writeText(s.text)} aria-label={`Copy: ${s.title}`}>
                  Copy
                </Button>
              </div>
              <pre tabIndex={0} aria-label={s.title} className="overflow-x-auto rounded bg-white p-2 font-mono text-xs dark:bg-slate-900" data-snippet={s.language}>
                {s.text}
              </pre>
            </div>
          ))}
          <Button variant="ghost" onClick={() => setCreated(undefined)}>
            Done: hide the key
          </Button>
        </div>
      )}
    </section>
  );
}

function HeartbeatRow({ serviceKey, heartbeat: h, admin, onDeleted }: { serviceKey: string; heartbeat: HeartbeatDto; admin: boolean; onDeleted: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () => fetchJson(`/api/v1/services/${serviceKey}/heartbeats/${h.id}`, { method: "DELETE" }),
    onSuccess: onDeleted,
  });
  return (
    <li className="space-y-1 py-2 text-sm" data-heartbeat={h.name} data-down={h.down}>
      <div className="flex flex-wrap items-center gap-2">
        {h.down ? (
          <span className="inline-flex rounded bg-red-600 px-1.5 py-0.5 text-xs font-bold uppercase text-white">silent</span>
        ) : (
          <Tag>up</Tag>
        )}
        <span className="font-mono font-medium">{h.name}</span>
        <span className="text-xs text-slate-500">
          every {formatInterval(h.intervalMinutes)} · {h.severity}
        </span>
        {admin && !confirming && (
          <Button variant="ghost" className="ml-auto text-red-700 dark:text-red-400" onClick={() => setConfirming(true)} aria-label={`Delete heartbeat ${h.name}`}>
            Delete
          </Button>
        )}
      </div>
      <p className={h.down ? "font-medium text-red-700 dark:text-red-400" : "text-xs text-slate-600 dark:text-slate-400"}>
        {h.down ? (
          <>
            No ping since {h.lastPingAt ? <RelativeTime at={h.lastPingAt} /> : <>it was added <RelativeTime at={h.createdAt} /></>}: its alert is firing.
          </>
        ) : (
          <>
            {h.lastPingAt ? (
              <>
                Last ping <RelativeTime at={h.lastPingAt} />
              </>
            ) : (
              "Never pinged yet"
            )}
            ; next due <RelativeTime at={h.expiresAt} />.
          </>
        )}
      </p>
      {confirming && (
        <div role="alertdialog" aria-label={`Delete heartbeat ${h.name}?`} className="flex flex-wrap items-center gap-2 rounded border border-red-300 p-2 dark:border-red-800">
          <p className="text-sm">Delete {h.name}? Its key stops working{h.down ? " and its firing alert resolves" : ""}; nothing watches this job any more.</p>
          <Button variant="danger" onClick={() => remove.mutate()} disabled={remove.isPending}>
            Delete {h.name}
          </Button>
          <Button variant="ghost" onClick={() => setConfirming(false)}>
            Keep it
          </Button>
          {remove.isError && <p role="alert" className="w-full text-xs font-medium text-red-600 dark:text-red-400">{remove.error instanceof ApiRequestError ? remove.error.message : "Could not delete it."}</p>}
        </div>
      )}
    </li>
  );
}
