"use client";
// One page as a record: who, when, why, how they were chosen, acknowledged when
// and by whom, delivery attempts, notes — and, for the person paged while it is
// open, Acknowledge. Used on /pages and in the incident's Pages panel.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { SeverityBadge, Tag } from "@/components/ui/badges";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { describeVia, type PageDto } from "@/lib/domain/pages";
import type { Severity } from "@/lib/domain/severity";
import { formatDuration } from "@/lib/domain/time";
import { fetchJson } from "@/lib/query/fetch-json";
import { queryKeys } from "@/lib/query/keys";
import { AlertPageSummary, DeclareFromPage } from "./alert-page";
import { useAcknowledgePage } from "./use-pages";

interface Delivery {
  channel: string;
  at: string;
  ok: boolean;
  status?: number;
  error?: string;
}

export function PageState({ page }: { page: PageDto }) {
  if (page.acknowledgedAt) {
    const after = new Date(page.acknowledgedAt).getTime() - new Date(page.createdAt).getTime();
    return (
      <span className="text-emerald-700 dark:text-emerald-400">
        Acknowledged by @{page.acknowledgedBy?.handle} after {formatDuration(after)}
      </span>
    );
  }
  if (page.open) return <span className="font-semibold text-red-700 dark:text-red-400">Waiting for an answer</span>;
  const status = page.escalation?.status;
  return (
    <span className="text-slate-500 dark:text-slate-400">
      Not acknowledged
      {status === "acknowledged"
        ? " — someone else answered"
        : status === "cancelled"
          ? page.incident
            ? " — the incident was mitigated"
            : " — its alerts resolved"
          : status === "exhausted"
            ? " — nobody answered"
            : ""}
    </span>
  );
}

export function PageCard({ page, me, canWrite, showIncident = true, highlight = false }: { page: PageDto; me: string; canWrite: boolean; showIncident?: boolean; highlight?: boolean }) {
  const ack = useAcknowledgePage();
  const mine = page.user.handle === me;
  const deliveries = (Array.isArray(page.deliveries) ? page.deliveries : []) as Delivery[];
  return (
    <article
      data-page={page.id}
      aria-label={`Page to @${page.user.handle}`}
      className={`space-y-2 rounded-lg border bg-white p-3 text-sm dark:bg-slate-900 ${
        page.open ? "border-red-400 dark:border-red-700" : "border-slate-200 dark:border-slate-800"
      } ${highlight ? "ring-2 ring-sky-500" : ""}`}
    >
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <span className="font-semibold">@{page.user.handle}</span>
        <span className="text-slate-500">{describeVia(page.via)}</span>
        {page.escalation && (
          <Tag>
            {page.escalation.policy} · step {page.step + 1}
            {page.round > 0 ? ` · repeat ${page.round}` : ""}
          </Tag>
        )}
        <RelativeTime at={page.createdAt} className="ml-auto text-xs text-slate-500" />
      </div>
      {showIncident && page.alert && <AlertPageSummary alert={page.alert} />}
      {showIncident && !page.alert && (
        <p className="flex flex-wrap items-center gap-2">
          {page.incident ? (
            <>
              <Link href={`/incidents/${page.incident.ref}`} className="font-mono font-semibold hover:underline">
                {page.incident.ref}
              </Link>
              <SeverityBadge severity={page.incident.severity as Severity} />
              <span className="min-w-0 truncate" title={page.incident.title}>
                {page.incident.title}
              </span>
            </>
          ) : (
            <span>{page.reason}</span>
          )}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <PageState page={page} />
        {page.open && page.escalation?.escalatesAt && (
          <span className="text-xs text-slate-500">
            · escalates <RelativeTime at={page.escalation.escalatesAt} />
          </span>
        )}
        {mine && page.open && canWrite && (
          <Button className="ml-auto" variant="danger" disabled={ack.isPending} onClick={() => ack.mutate(page.id)}>
            {ack.isPending ? "Acknowledging…" : "Acknowledge"}
          </Button>
        )}
      </div>
      {ack.isError && (
        <p role="alert" className="text-red-600 dark:text-red-400">
          {ack.error.message}
        </p>
      )}
      {page.alert && !page.incident && canWrite && page.alert.firing > 0 && <DeclareFromPage alert={page.alert} />}
      {deliveries.length > 0 && (
        <p className="text-xs text-slate-500">
          Delivered:{" "}
          {deliveries.map((d, i) => (
            <span key={i} className={d.ok ? "" : "text-amber-700 dark:text-amber-400"}>
              {i > 0 && ", "}
              {d.channel} {d.ok ? "✓" : `✗ (${d.error ?? "failed"})`}
            </span>
          ))}
        </p>
      )}
      <PageNotes page={page} canWrite={canWrite} />
    </article>
  );
}

function PageNotes({ page, canWrite }: { page: PageDto; canWrite: boolean }) {
  const client = useQueryClient();
  const [body, setBody] = useState("");
  const add = useMutation({
    mutationFn: () => fetchJson<PageDto>(`/api/v1/pages/${encodeURIComponent(page.id)}/notes`, { method: "POST", json: { body } }),
    onSuccess: () => {
      setBody("");
      void client.invalidateQueries({ queryKey: queryKeys.pages() });
    },
  });
  // A note belongs to a page being handled ("rolled back, watching"); history keeps its notes but takes no new ones.
  const canAdd = canWrite && page.open;
  if (page.notes.length === 0 && !canAdd) return null;
  return (
    <div className="space-y-1 border-t border-slate-100 pt-2 dark:border-slate-800">
      {page.notes.map((n) => (
        <p key={n.id} className="text-xs [overflow-wrap:anywhere]">
          <span className="font-semibold">{n.author ? `@${n.author.handle}` : "Conn"}</span>
          {n.actorKind === "automation" && <span className="ml-1 rounded bg-violet-100 px-1 text-violet-800 dark:bg-violet-950 dark:text-violet-300">bot</span>}: {n.body}{" "}
          <RelativeTime at={n.at} className="text-slate-500" />
        </p>
      ))}
      {canAdd && (
        <form
          className="flex gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (body.trim()) add.mutate();
          }}
        >
          <label className="sr-only" htmlFor={`note-${page.id}`}>
            Note on this page
          </label>
          <Input id={`note-${page.id}`} value={body} onChange={(e) => setBody(e.target.value)} placeholder="Add a note" maxLength={2000} className="!py-1" />
          <Button type="submit" variant="secondary" disabled={add.isPending || !body.trim()}>
            Add
          </Button>
        </form>
      )}
      {add.isError && <p className="text-xs text-red-600 dark:text-red-400">{add.error.message}</p>}
    </div>
  );
}
