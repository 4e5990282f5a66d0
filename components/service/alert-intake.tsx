"use client";
// The service page's "Alerts in" for admins (issue 16): the service's integration keys (made, tested, revoked), the
// copy-paste set-up for the chosen sender shown once with a new key, and the last 100 deliveries with what each did
// — a refused one says why, and any one opens to its body as it came.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Tag } from "@/components/ui/badges";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { CHANGE_EVENT_SOURCE } from "@/lib/domain/alerts/change-events";
import { SENDER_LABELS, SENDERS, senderSnippets, type Sender } from "@/lib/domain/alerts/snippets";
import { ApiRequestError, fetchJson } from "@/lib/query/fetch-json";
import { queryKeys } from "@/lib/query/keys";

interface KeyDto {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  signed: boolean;
  /** The heartbeat this key is the own key of (pinged with it), or null. */
  heartbeat?: string | null;
}

interface DeliveryDto {
  id: string;
  receivedAt: string;
  source: string;
  key: string;
  status: number;
  error: string | null;
  bytes: number;
  alerts: number;
  opened: number;
  repeated: number;
  acknowledged: number;
  resolved: number;
  dropped: number;
  incidents: string[];
}

const card = "min-w-0 space-y-3 rounded-lg border border-slate-200 bg-white p-3 [overflow-wrap:anywhere] dark:border-slate-800 dark:bg-slate-900";
const heading = "text-sm font-semibold uppercase tracking-wide text-slate-500";

/** "3 alerts: 1 opened, 2 repeated" — what a delivery did, in the words a responder uses. */
function describeDelivery(d: DeliveryDto): string {
  if (d.status !== 202) return d.error ?? `refused (${d.status})`;
  if (d.source === CHANGE_EVENT_SOURCE) return "a change, recorded";
  const parts = (
    [
      [d.opened, "new"],
      [d.repeated, "repeated"],
      [d.acknowledged, "acknowledged by the sender"],
      [d.resolved, "resolved"],
      [d.dropped, "dropped"],
    ] as const
  )
    .filter(([count]) => count > 0)
    .map(([count, word]) => `${count} ${word}`);
  return `${d.alerts} alert${d.alerts === 1 ? "" : "s"}${parts.length ? `: ${parts.join(", ")}` : ""}`;
}

export function AlertIntake({ serviceKey, origin }: { serviceKey: string; origin: string }) {
  const queryClient = useQueryClient();
  const keysKey = queryKeys.integrationKeys(serviceKey);
  const deliveriesKey = queryKeys.alertDeliveries(serviceKey);
  const keys = useQuery({ queryKey: keysKey, queryFn: () => fetchJson<{ items: KeyDto[] }>(`/api/v1/services/${serviceKey}/integration-keys`) });
  const deliveries = useQuery({ queryKey: deliveriesKey, queryFn: () => fetchJson<{ items: DeliveryDto[] }>(`/api/v1/services/${serviceKey}/alert-deliveries`), refetchInterval: 15_000 });
  const [sender, setSender] = useState<Sender>("alertmanager");
  const [created, setCreated] = useState<{ secret: string; sender: Sender; name: string }>();
  const [error, setError] = useState<string>();
  const [tested, setTested] = useState<Record<string, string>>({});

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: keysKey });
    void queryClient.invalidateQueries({ queryKey: deliveriesKey });
  };
  const create = useMutation({
    mutationFn: (input: { name: string }) => fetchJson<KeyDto & { key: string }>(`/api/v1/services/${serviceKey}/integration-keys`, { method: "POST", json: input }),
    onSuccess: (key) => {
      setCreated({ secret: key.key, sender, name: key.name });
      setError(undefined);
      refresh();
    },
    onError: (e) => setError(e instanceof ApiRequestError ? (e.fields.name ?? e.message) : "Could not make the key."),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => fetchJson<KeyDto>(`/api/v1/services/${serviceKey}/integration-keys/${id}`, { method: "DELETE" }),
    onSuccess: refresh,
  });
  const test = useMutation({
    mutationFn: (id: string) => fetchJson<{ action: string | null; incidents: string[] }>(`/api/v1/services/${serviceKey}/integration-keys/${id}/test`, { method: "POST" }),
    onSuccess: (result, id) => {
      setTested((t) => ({ ...t, [id]: `Sent: ${result.action === "record" ? "recorded (nobody paged)" : (result.action ?? "taken")}${result.incidents.length ? ` on ${result.incidents.join(", ")}` : ""}.` }));
      refresh();
    },
    onError: (e, id) => setTested((t) => ({ ...t, [id]: e instanceof ApiRequestError ? e.message : "Could not send the test alert." })),
  });

  const live = keys.data?.items.filter((k) => !k.revokedAt) ?? [];
  return (
    <section className={card} aria-label="Alerts in" data-testid="alert-intake">
      <h2 className={heading}>Alerts in</h2>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          create.mutate({ name: String(form.get("name") ?? "") });
          e.currentTarget.reset();
        }}
      >
        <Field label="Sender" htmlFor="ik-sender">
          <Select id="ik-sender" value={sender} onChange={(e) => setSender(e.target.value as Sender)}>
            {SENDERS.map((s) => (
              <option key={s} value={s}>
                {SENDER_LABELS[s]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Key name" htmlFor="ik-name" error={error}>
          <Input id="ik-name" name="name" required maxLength={80} placeholder="Prometheus eu-west-1" />
        </Field>
        <Button type="submit" disabled={create.isPending}>
          New integration key
        </Button>
      </form>

      {created && (
        <div role="status" className="space-y-2 rounded-lg border border-emerald-500 bg-emerald-50 p-3 dark:border-emerald-700 dark:bg-emerald-950">
          <p className="text-sm font-medium">Copy the key for {created.name} now: it is shown only once.</p>
          <code data-testid="new-integration-key" className="block break-all rounded bg-white p-2 font-mono text-sm dark:bg-slate-900">
            {created.secret}
          </code>
          {senderSnippets(created.sender, { origin, secret: created.secret }).map((s) => (
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

      <ul className="divide-y divide-slate-200 dark:divide-slate-800" data-testid="integration-keys">
        {keys.data && keys.data.items.length === 0 && <li className="py-2 text-sm text-slate-500">No keys yet: nothing can send alerts to {serviceKey}.</li>}
        {keys.data?.items.map((k) => (
          <li key={k.id} className="flex flex-wrap items-center gap-2 py-2 text-sm">
            <span className="font-medium">{k.name}</span>
            <code className="text-xs text-slate-500">{k.prefix}…</code>
            {k.signed && <Tag tone="sky">signed</Tag>}
            <span className="text-xs text-slate-500">{k.lastUsedAt ? <>used <RelativeTime at={k.lastUsedAt} /></> : "never used"}</span>
            {k.heartbeat && <Tag>heartbeat</Tag>}
            {k.revokedAt ? (
              <span className="ml-auto text-xs text-slate-500">revoked</span>
            ) : k.heartbeat ? (
              <span className="ml-auto text-xs text-slate-500">pings heartbeat {k.heartbeat}: delete the heartbeat to revoke it</span>
            ) : (
              <span className="ml-auto flex flex-wrap gap-2">
                <Button variant="secondary" onClick={() => test.mutate(k.id)} disabled={test.isPending} aria-label={`Send a test alert with ${k.name}`}>
                  Send test alert
                </Button>
                <Button variant="ghost" className="text-red-700 dark:text-red-400" onClick={() => revoke.mutate(k.id)} aria-label={`Revoke ${k.name}`}>
                  Revoke
                </Button>
              </span>
            )}
            {tested[k.id] && (
              <p role="status" className="w-full text-xs text-slate-600 dark:text-slate-400">
                {tested[k.id]}
              </p>
            )}
          </li>
        ))}
      </ul>

      <div className="space-y-1">
        <h3 className="text-sm font-semibold">Last deliveries</h3>
        {deliveries.data && deliveries.data.items.length === 0 && (
          <p className="text-sm text-slate-500">{live.length ? "Nothing received yet. Send a test alert, or paste a snippet into your sender." : "Nothing received yet."}</p>
        )}
        <ul className="space-y-1" data-testid="alert-deliveries">
          {deliveries.data?.items.map((d) => (
            <DeliveryRow key={d.id} serviceKey={serviceKey} delivery={d} />
          ))}
        </ul>
      </div>
    </section>
  );
}

function DeliveryRow({ serviceKey, delivery: d }: { serviceKey: string; delivery: DeliveryDto }) {
  const [open, setOpen] = useState(false);
  const body = useQuery({
    queryKey: [...queryKeys.alertDeliveries(serviceKey), d.id],
    queryFn: () => fetchJson<{ body: string }>(`/api/v1/services/${serviceKey}/alert-deliveries/${d.id}`),
    enabled: open,
  });
  const refused = d.status !== 202;
  return (
    <li className="text-sm" data-status={d.status}>
      <div className="flex flex-wrap items-center gap-x-2">
        <button
          type="button"
          aria-expanded={open}
          onClick={() => setOpen((o) => !o)}
          className="flex min-h-11 min-w-0 flex-1 flex-wrap items-center gap-x-2 gap-y-0.5 rounded py-1 text-left hover:bg-slate-50 dark:hover:bg-slate-800"
        >
          <span aria-hidden className="text-xs text-slate-500">
            {open ? "▾" : "▸"}
          </span>
          <RelativeTime at={d.receivedAt} className="text-xs text-slate-500" />
          <span className="font-mono text-xs">{d.source}</span>
          <span className="text-xs text-slate-500">{d.key}</span>
          <span className={refused ? "font-medium text-red-700 dark:text-red-400" : ""}>
            {refused ? `${d.status}: ` : ""}
            {describeDelivery(d)}
          </span>
        </button>
        {d.incidents.map((ref) => (
          <Link key={ref} href={`/incidents/${ref}`} className="inline-flex min-h-11 items-center px-1 font-mono text-xs underline">
            {ref}
          </Link>
        ))}
      </div>
      {open && (
        <>
          <pre tabIndex={0} aria-label={`Body of the ${d.source} delivery`} className="max-h-80 overflow-auto rounded bg-slate-50 p-2 font-mono text-xs dark:bg-slate-950" data-testid="delivery-body">
            {body.data ? prettyJson(body.data.body) : body.isError ? "Could not load the body." : "Loading…"}
          </pre>
          <p className="text-xs text-slate-500">{d.bytes.toLocaleString("en")} bytes as received</p>
        </>
      )}
    </li>
  );
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
