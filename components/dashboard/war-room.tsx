"use client";
// The responder's home: every active incident by severity then age, who commands
// it, when the next update is due, and what is slipping (nudges). Live over the
// organization's socket room.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { SeverityBadge, StatusBadge, Tag } from "@/components/ui/badges";
import { NudgeList } from "@/components/incident/nudges";
import { ConnectionIndicator, NextUpdateDue } from "@/components/incident/live/header";
import { Select } from "@/components/ui/field";
import { useNow } from "@/components/ui/relative-time";
import { useOrgLive } from "@/lib/client/org-live";
import type { ActionItemDto } from "@/lib/domain/postmortem/action-items";
import type { ReviewNudge } from "@/lib/domain/postmortem/review-nudges";
import { formatDuration } from "@/lib/domain/time";
import { openForMs } from "@/lib/domain/lifecycle";
import { fetchJson } from "@/lib/query/fetch-json";
import type { Dashboard, DashboardItem } from "@/lib/domain/dashboard";

type Filters = { service?: string; team?: string };

/** SEV0 and SEV1 still burning weigh more on the screen: read first, before the words. */
const isMajor = (item: DashboardItem) => !item.resolvedAt && (item.severity === "SEV0" || item.severity === "SEV1");

function IncidentCard({ item, now }: { item: DashboardItem; now: Date }) {
  const href = `/incidents/${item.ref}`;
  const major = isMajor(item);
  return (
    <li
      data-ref={item.ref}
      data-major={major || undefined}
      className={`min-w-0 space-y-2 rounded-lg border bg-white p-3 dark:bg-slate-900 ${major ? "border-red-300 border-l-8 border-l-red-600 dark:border-red-900 dark:border-l-red-500" : "border-slate-200 dark:border-slate-800"}`}
    >
      <div className="flex flex-wrap items-center gap-2">
        <SeverityBadge severity={item.severity} />
        <Link href={href} className="tap font-mono text-sm text-slate-600 hover:underline dark:text-slate-400">
          {item.ref}
        </Link>
        <StatusBadge status={item.status} />
        {item.private && <Tag tone="violet">private</Tag>}
        {item.myRoles.length > 0 && <Tag tone="sky">you: {item.myRoles.join(", ").replace(/_/g, " ")}</Tag>}
        <span className="ml-auto text-xs tabular-nums text-slate-600 dark:text-slate-400">{`${item.resolvedAt ? "lasted" : "open"} ${formatDuration(openForMs(item, now))}`}</span>
      </div>
      <Link href={href} className={`tap-block block font-semibold leading-snug [overflow-wrap:anywhere] hover:underline ${major ? "text-lg" : ""}`}>
        {item.title}
      </Link>
      {!item.resolvedAt && (
        <dl className="grid grid-cols-2 gap-x-3 gap-y-1 text-sm sm:grid-cols-4">
          <div>
            <dt className="text-xs text-slate-600 dark:text-slate-400">Commander</dt>
            <dd>{item.commander ? `@${item.commander.handle}` : <span className="font-semibold text-red-600 dark:text-red-400">none</span>}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-600 dark:text-slate-400">Next update</dt>
            <dd>
              <NextUpdateDue dueAt={item.nextUpdateDueAt} />
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-600 dark:text-slate-400">Blockers</dt>
            <dd className={item.openBlockers ? "font-semibold text-red-600 dark:text-red-400" : ""}>{item.openBlockers}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-600 dark:text-slate-400">Workstreams</dt>
            <dd>
              {item.activeWorkstreams}
              {item.blockedWorkstreams > 0 && <span className="ml-1 font-semibold text-red-600 dark:text-red-400">({item.blockedWorkstreams} blocked)</span>}
            </dd>
          </div>
        </dl>
      )}
      {item.services.length > 0 && (
        <p className="truncate text-xs text-slate-600 dark:text-slate-400" title={item.services.map((s) => s.key).join(" · ")}>
          {item.services.map((s) => s.key).join(" · ")}
        </p>
      )}
      <NudgeList nudges={item.nudges} href={href} />
    </li>
  );
}

function Section({ title, items, now, empty, testId }: { title: string; items: DashboardItem[]; now: Date; empty?: string; testId: string }) {
  if (items.length === 0 && !empty) return null;
  return (
    <section aria-label={title} data-testid={testId} className="space-y-2">
      <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500">
        {title} <span className="font-normal">({items.length})</span>
      </h2>
      {items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-4 text-sm text-slate-500 dark:border-slate-700">{empty}</p>
      ) : (
        <ul className="grid grid-cols-1 gap-3 md:grid-cols-2">
          {items.map((item) => (
            <IncidentCard key={item.ref} item={item} now={now} />
          ))}
        </ul>
      )}
    </section>
  );
}

const NUDGE_STYLE = {
  critical: "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950/60 dark:text-red-200",
  warning: "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950/60 dark:text-amber-200",
} as const;

/** Nudges from reviews: overdue action items of mine, SEV0/1 postmortems without a "prevent" item. */
function ReviewNudges({ nudges }: { nudges: ReviewNudge[] }) {
  if (nudges.length === 0) return null;
  return (
    <section aria-label="Review nudges" data-testid="review-nudges" className="space-y-1">
      <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500">From postmortems</h2>
      <ul className="space-y-1">
        {nudges.map((n) => (
          <li key={n.key} data-nudge={n.kind} className={`flex flex-wrap items-center gap-2 rounded-md border px-2 py-1.5 text-sm ${NUDGE_STYLE[n.level]}`}>
            <span className="min-w-0 flex-1">{n.message}</span>
            <Link href={n.href} className="tap justify-center rounded border border-current px-2 py-1 text-xs font-semibold">
              {n.label}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** What I owe from postmortems: open and in progress, overdue first and in red. */
function MyActionItems({ items }: { items: ActionItemDto[] }) {
  if (items.length === 0) return null;
  return (
    <section aria-label="My action items" data-testid="my-action-items" className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
      <h2 className="mb-1 flex items-center text-sm font-semibold uppercase tracking-wide text-slate-500">
        My action items <span className="ml-1 font-normal">({items.length})</span>
        <Link href="/action-items?owner=me" className="tap ml-auto text-xs font-normal normal-case hover:underline">
          All action items
        </Link>
      </h2>
      <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
        {items.map((i) => (
          <li key={i.id} data-testid="my-action-item" data-overdue={i.overdue} className="flex flex-wrap items-center gap-2 py-1.5">
            {i.incident ? (
              <Link href={`/incidents/${i.incident.ref}/postmortem`} className="tap font-mono text-xs whitespace-nowrap text-slate-500 hover:underline">
                {i.incident.ref}
              </Link>
            ) : null}
            <span className="min-w-0 flex-1 break-words">{i.title}</span>
            <span className="text-xs text-slate-500">
              {i.kind} · {i.priority} · {i.status.replace(/_/g, " ")}
            </span>
            <span className={`text-xs tabular-nums whitespace-nowrap ${i.overdue ? "font-semibold text-red-600 dark:text-red-400" : "text-slate-500"}`}>
              {i.dueAt ? `${i.overdue ? "overdue · " : "due "}${i.dueAt.slice(0, 10)}` : "no due date"}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function WarRoom({ initial, filters, options }: { initial: Dashboard; filters: Filters; options: { services: { key: string; name: string }[]; teams: { key: string; name: string }[] } }) {
  const router = useRouter();
  const search = useSearchParams();
  const client = useQueryClient();
  const key = ["dashboard", filters] as const;
  const params = new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as [string, string][]);
  const { data } = useQuery({ queryKey: key, queryFn: () => fetchJson<Dashboard>(`/api/v1/dashboard?${params}`), initialData: initial, staleTime: 60_000, refetchInterval: 60_000 });
  const connection = useOrgLive(() => void client.invalidateQueries({ queryKey: ["dashboard"] }));
  const now = useNow(1_000);
  const mine = [...data.active, ...data.drills].filter((i) => data.mine.includes(i.ref));

  const setFilter = (name: keyof Filters, value: string) => {
    const next = new URLSearchParams(search.toString());
    if (value) next.set(name, value);
    else next.delete(name);
    router.replace(`/dashboard${next.size ? `?${next}` : ""}`);
  };

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="mr-auto text-xl font-bold">War room</h1>
        <ConnectionIndicator connection={connection} />
        <label>
          <span className="sr-only">Service</span>
          <Select value={filters.service ?? ""} onChange={(e) => setFilter("service", e.target.value)} className="w-auto">
            <option value="">All services</option>
            {options.services.map((s) => (
              <option key={s.key} value={s.key}>
                {s.key}
              </option>
            ))}
          </Select>
        </label>
        <label>
          <span className="sr-only">Team</span>
          <Select value={filters.team ?? ""} onChange={(e) => setFilter("team", e.target.value)} className="w-auto">
            <option value="">All teams</option>
            {options.teams.map((t) => (
              <option key={t.key} value={t.key}>
                {t.name}
              </option>
            ))}
          </Select>
        </label>
      </div>
      {mine.length > 0 && (
        <nav aria-label="My incidents" data-testid="mine" className="rounded-lg border border-sky-300 bg-sky-50 p-3 dark:border-sky-800 dark:bg-sky-950/40">
          <h2 className="mb-1 text-sm font-semibold uppercase tracking-wide text-sky-800 dark:text-sky-300">Where you hold a role</h2>
          <ul className="space-y-1 text-sm">
            {mine.map((i) => (
              <li key={i.ref} className="flex flex-wrap items-center gap-2">
                <SeverityBadge severity={i.severity} />
                <Link href={`/incidents/${i.ref}`} className="tap-line min-w-0 flex-1 truncate hover:underline" title={`${i.ref} ${i.title}`}>
                  <span className="font-mono text-slate-500">{i.ref}</span> {i.title}
                </Link>
                <span className="text-xs text-slate-500">{i.myRoles.join(", ").replace(/_/g, " ")}</span>
                <NextUpdateDue dueAt={i.nextUpdateDueAt} />
              </li>
            ))}
          </ul>
        </nav>
      )}
      <Section title="Burning now" items={data.active} now={now} empty="Nothing is burning. Declare an incident with “d” the moment you suspect one." testId="active" />
      <Section title="Drills" items={data.drills} now={now} testId="drills" />
      <ReviewNudges nudges={data.reviewNudges} />
      <MyActionItems items={data.myActionItems} />
      <Section title="Resolved in the last 7 days" items={data.recentlyResolved} now={now} testId="resolved" />
    </div>
  );
}
