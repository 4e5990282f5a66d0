"use client";
// The service page's alert health (issue 16): the last 30 days of its alerts — how many led to action, how fast the
// pages they made were answered, when they fire (by severity, per hour of the viewer's day) and the noisiest
// identities, flagged when they fire often and are rarely acted on or people called them noisy. Responders only (the
// inbox's audience): they mark an identity useful or noisy here, with a note.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Tag } from "@/components/ui/badges";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { ratioWords, type AlertHealthDto, type FeedbackVerdict } from "@/lib/domain/alerts/health";
import { ALERT_SEVERITIES } from "@/lib/domain/alerts/normalize";
import { formatDuration } from "@/lib/domain/time";
import { fetchJson } from "@/lib/query/fetch-json";
import { queryKeys } from "@/lib/query/keys";

const card = "min-w-0 space-y-3 rounded-lg border border-slate-200 bg-white p-3 [overflow-wrap:anywhere] dark:border-slate-800 dark:bg-slate-900";
const heading = "text-sm font-semibold uppercase tracking-wide text-slate-500";
const SEVERITY_BAR: Record<string, string> = { critical: "bg-red-600", error: "bg-orange-500", warning: "bg-amber-400", info: "bg-sky-400" };

export function AlertHealth({ serviceKey, timeZone }: { serviceKey: string; timeZone: string }) {
  const health = useQuery({
    queryKey: [...queryKeys.alertHealth(serviceKey), timeZone],
    queryFn: () => fetchJson<AlertHealthDto>(`/api/v1/services/${encodeURIComponent(serviceKey)}/alert-health?tz=${encodeURIComponent(timeZone)}`),
  });
  const h = health.data;
  return (
    <section className={card} aria-label="Alert health" data-testid="alert-health">
      <h2 className={heading}>Alert health · last 30 days</h2>
      {health.isError && <p className="text-sm text-red-600 dark:text-red-400">{health.error.message}</p>}
      {h && h.total === 0 && <p className="text-sm text-slate-500">No alerts in the last 30 days.</p>}
      {h && h.total > 0 && (
        <>
          <dl className="grid grid-cols-1 gap-2 text-sm sm:grid-cols-3">
            <div>
              <dt className="text-xs text-slate-500">Led to action</dt>
              <dd className={`font-semibold ${h.ratio !== null && h.ratio < 0.2 ? "text-amber-700 dark:text-amber-400" : ""}`} data-testid="action-ratio">
                {ratioWords(h.actioned, h.total)}
              </dd>
              <dd className="text-xs text-slate-500">an incident, a page someone answered, or marked useful</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">Time to acknowledge their pages</dt>
              <dd className="font-semibold" data-testid="alert-mtta">
                {h.mtta.medianSeconds === null ? "no page answered" : `median ${formatDuration(h.mtta.medianSeconds * 1000)}`}
              </dd>
              <dd className="text-xs text-slate-500">
                {h.mtta.acknowledged} of {h.mtta.pages} page{h.mtta.pages === 1 ? "" : "s"} answered
              </dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">Marked by responders</dt>
              <dd className="font-semibold">
                {h.feedback.useful} useful · {h.feedback.noisy} noisy
              </dd>
            </div>
          </dl>
          <HourChart h={h} />
          <Noisiest h={h} serviceKey={serviceKey} />
        </>
      )}
    </section>
  );
}

/** Alerts per hour of the viewer's day, stacked by severity. */
function HourChart({ h }: { h: AlertHealthDto }) {
  const totals = Array.from({ length: 24 }, (_, hour) => ALERT_SEVERITIES.reduce((n, s) => n + h.bySeverityHour[s][hour]!, 0));
  const max = Math.max(1, ...totals);
  const busiest = totals.indexOf(Math.max(...totals));
  return (
    <figure className="space-y-1">
      <figcaption className="text-xs text-slate-500">
        When they fire, by hour ({h.timeZone}) — busiest {String(busiest).padStart(2, "0")}:00 with {totals[busiest]}
      </figcaption>
      <div className="flex h-16 items-end gap-px" data-testid="alert-hours">
        {totals.map((total, hour) => {
          const parts = ALERT_SEVERITIES.filter((s) => h.bySeverityHour[s][hour]! > 0);
          const label = `${String(hour).padStart(2, "0")}:00: ${total} alert${total === 1 ? "" : "s"}${parts.length ? ` (${parts.map((s) => `${h.bySeverityHour[s][hour]} ${s}`).join(", ")})` : ""}`;
          return (
            <div key={hour} className="flex h-full min-w-0 flex-1 flex-col justify-end" title={label} aria-label={label} role="img">
              {parts.map((s) => (
                <div key={s} className={SEVERITY_BAR[s]} style={{ height: `${(h.bySeverityHour[s][hour]! / max) * 100}%` }} />
              ))}
              {total === 0 && <div className="h-px bg-slate-200 dark:bg-slate-700" />}
            </div>
          );
        })}
      </div>
      <div className="flex justify-between text-[10px] text-slate-500" aria-hidden>
        <span>00</span>
        <span>06</span>
        <span>12</span>
        <span>18</span>
        <span>23</span>
      </div>
      <p className="flex flex-wrap gap-x-3 text-xs text-slate-500">
        {ALERT_SEVERITIES.map((s) => (
          <span key={s} className="inline-flex items-center gap-1">
            <span className={`inline-block h-2 w-2 rounded-sm ${SEVERITY_BAR[s]}`} aria-hidden /> {s}
          </span>
        ))}
      </p>
    </figure>
  );
}

function Noisiest({ h, serviceKey }: { h: AlertHealthDto; serviceKey: string }) {
  return (
    <div className="space-y-2">
      <h3 className="text-xs font-semibold text-slate-600 dark:text-slate-400">Noisiest</h3>
      <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
        {h.noisiest.map((n) => (
          <li key={`${n.sender}:${n.identity}`} className="space-y-1 py-2" data-identity={n.identity}>
            <p className="flex flex-wrap items-center gap-2">
              <span className="min-w-0 flex-1 break-words">{n.summary}</span>
              {n.flagged && <span className="rounded bg-amber-100 px-1.5 text-xs font-semibold text-amber-900 dark:bg-amber-950 dark:text-amber-300">noisy: tune or drop it</span>}
            </p>
            <p className="flex flex-wrap items-center gap-x-2 text-xs text-slate-500">
              <Tag>{n.sender}</Tag>
              <span className="font-mono">{n.identity}</span>
              <span>
                {n.alerts} alert{n.alerts === 1 ? "" : "s"}, {n.deliveries} deliver{n.deliveries === 1 ? "y" : "ies"}
              </span>
              <span>· acted on {ratioWords(n.actioned, n.alerts)}</span>
              {(n.useful > 0 || n.noisy > 0) && (
                <span>
                  · marked {n.useful} useful, {n.noisy} noisy
                </span>
              )}
              <span>
                · last <RelativeTime at={n.lastSeenAt} />
              </span>
            </p>
            <MarkIdentity alertId={n.latestAlertId} identity={n.identity} serviceKey={serviceKey} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Useful or noisy, for every alert of the identity, with an optional note. */
function MarkIdentity({ alertId, identity, serviceKey }: { alertId: string; identity: string; serviceKey: string }) {
  const client = useQueryClient();
  const [note, setNote] = useState("");
  const mark = useMutation({
    mutationFn: (verdict: FeedbackVerdict) => fetchJson<{ alerts: number; verdict: string }>(`/api/v1/alerts/${encodeURIComponent(alertId)}/feedback`, { method: "POST", json: { verdict, identity: true, ...(note.trim() ? { note } : {}) } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: queryKeys.alertHealth(serviceKey) }),
  });
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label className="sr-only" htmlFor={`note-${alertId}`}>
        Why, for {identity}
      </label>
      <Input id={`note-${alertId}`} value={note} onChange={(e) => setNote(e.target.value)} placeholder="Why (optional)" maxLength={500} className="!w-auto min-w-0 flex-1 !py-1" />
      <Button variant="secondary" disabled={mark.isPending} onClick={() => mark.mutate("useful")} aria-label={`Mark ${identity} useful`}>
        Useful
      </Button>
      <Button variant="secondary" disabled={mark.isPending} onClick={() => mark.mutate("noisy")} aria-label={`Mark ${identity} noisy`}>
        Noisy
      </Button>
      {mark.isSuccess && (
        <span role="status" className="text-xs text-emerald-700 dark:text-emerald-400">
          {mark.data.alerts} alert{mark.data.alerts === 1 ? "" : "s"} marked {mark.data.verdict}
        </span>
      )}
      {mark.isError && <span className="text-xs text-red-600 dark:text-red-400">{mark.error.message}</span>}
    </div>
  );
}
