"use client";
// On-call health: the "on-call pain" numbers per person and per team over the
// last 7, 30 or 90 days, worst burden first, each column sortable. The window
// and team live in the URL (shareable, survive a reload); the numbers come from
// GET /api/v1/oncall/health through React Query.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type ReactNode } from "react";
import { Select } from "@/components/ui/field";
import { compareBurden, formatSeconds, HEALTH_WINDOWS, type Burden, type HealthDto, type PersonHealthDto, type TeamHealthDto } from "@/lib/domain/oncall-health";
import { fetchJson } from "@/lib/query/fetch-json";
import { queryKeys } from "@/lib/query/keys";

type Column<Row> = {
  key: string;
  label: string;
  /** Short header on a phone. */
  short?: string;
  value: (row: Row) => number | string | null;
  cell: (row: Row) => ReactNode;
  /** Text columns sort A→Z first; numbers worst (largest) first. */
  text?: boolean;
};

type Sort = { key: string; dir: "asc" | "desc" } | null;

const num = "text-right tabular-nums sm:px-2 sm:py-2";

function burdenColumns<Row extends Burden>(): Column<Row>[] {
  return [
    { key: "pages", label: "Pages", value: (r) => r.pages, cell: (r) => r.pages },
    {
      key: "pagesOutsideHours",
      label: "Outside working hours",
      short: "Outside hours",
      value: (r) => r.pagesOutsideHours,
      cell: (r) => (
        <span className={r.pagesOutsideHours > 0 ? "font-semibold text-amber-800 dark:text-amber-300" : ""}>
          {r.pagesOutsideHours}
          {r.pages > 0 && <span className="ml-1 text-xs font-normal text-slate-500">{Math.round((100 * r.pagesOutsideHours) / r.pages)}%</span>}
        </span>
      ),
    },
    { key: "acknowledged", label: "Acknowledged", short: "Acked", value: (r) => r.acknowledged, cell: (r) => r.acknowledged },
    { key: "medianAckSeconds", label: "Median time to acknowledge", short: "Median ack", value: (r) => r.medianAckSeconds, cell: (r) => formatSeconds(r.medianAckSeconds) },
    { key: "p90AckSeconds", label: "p90 time to acknowledge", short: "p90 ack", value: (r) => r.p90AckSeconds, cell: (r) => formatSeconds(r.p90AckSeconds) },
    { key: "hoursOnCall", label: "Hours on call", short: "On call (h)", value: (r) => r.hoursOnCall, cell: (r) => r.hoursOnCall },
  ];
}

function sortRows<Row extends Burden>(rows: Row[], columns: Column<Row>[], sort: Sort): Row[] {
  if (!sort) return rows; // the server's order: worst burden first
  const column = columns.find((c) => c.key === sort.key);
  if (!column) return rows;
  const sign = sort.dir === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = column.value(a);
    const y = column.value(b);
    // Nothing to measure (no acknowledgements) sorts last either way.
    if (x === null || y === null) return x === y ? compareBurden(a, b) : x === null ? 1 : -1;
    const d = typeof x === "string" ? x.localeCompare(String(y)) : x - (y as number);
    return d * sign || compareBurden(a, b);
  });
}

function SortableTable<Row extends Burden>({ label, rows, columns, rowKey }: { label: string; rows: Row[]; columns: Column<Row>[]; rowKey: (row: Row) => string }) {
  const [sort, setSort] = useState<Sort>(null);
  const sorted = sortRows(rows, columns, sort);
  const toggle = (c: Column<Row>) =>
    setSort((s) => {
      const first = c.text ? "asc" : "desc";
      if (!s || s.key !== c.key) return { key: c.key, dir: first };
      if (s.dir === first) return { key: c.key, dir: first === "asc" ? "desc" : "asc" };
      return null; // third click: back to worst burden first
    });
  // A table from 640 px; on a phone each row is a card, its numbers labelled, and the header a row of sort
  // buttons (the ARIA roles keep it a table for a screen reader whatever the display).
  return (
    <div className="rounded-lg border border-slate-200 bg-white sm:overflow-x-auto dark:border-slate-800 dark:bg-slate-900">
      <table role="table" className="block w-full border-collapse text-sm sm:table sm:min-w-[40rem]" aria-label={label}>
        <thead role="rowgroup" className="block border-b border-slate-200 text-xs text-slate-500 sm:table-header-group dark:border-slate-800 dark:text-slate-400">
          <tr role="row" className="flex flex-wrap gap-1 p-2 sm:table-row sm:p-0">
            {columns.map((c, i) => {
              const active = sort?.key === c.key;
              return (
                <th
                  key={c.key}
                  role="columnheader"
                  scope="col"
                  aria-sort={active ? (sort!.dir === "asc" ? "ascending" : "descending") : undefined}
                  className={`font-medium sm:px-2 sm:py-2 sm:align-bottom ${i === 0 ? "sm:sticky sm:left-0 sm:z-10 sm:bg-white sm:text-left sm:dark:bg-slate-900" : "sm:text-right"}`}
                >
                  <button
                    type="button"
                    onClick={() => toggle(c)}
                    className="inline-flex min-h-11 items-center gap-1 rounded border border-slate-200 px-2 hover:text-slate-900 sm:min-h-0 sm:border-0 sm:px-0 dark:border-slate-700 dark:hover:text-slate-100"
                    title={`Sort by ${c.label.toLowerCase()}`}
                  >
                    <span className="hidden sm:inline">{c.label}</span>
                    <span className="sm:hidden">{c.short ?? c.label}</span>
                    <span aria-hidden className="w-2">{active ? (sort!.dir === "asc" ? "▲" : "▼") : ""}</span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody role="rowgroup" className="block divide-y divide-slate-100 sm:table-row-group dark:divide-slate-800">
          {sorted.map((row) => (
            <tr key={rowKey(row)} role="row" data-row={rowKey(row)} className="grid grid-cols-2 gap-x-4 gap-y-1 p-3 sm:table-row sm:p-0">
              {columns.map((c, i) =>
                i === 0 ? (
                  <th key={c.key} role="rowheader" scope="row" className="col-span-2 text-left font-normal sm:sticky sm:left-0 sm:bg-white sm:px-2 sm:py-2 sm:dark:bg-slate-900">
                    {c.cell(row)}
                  </th>
                ) : (
                  <td
                    key={c.key}
                    role="cell"
                    data-col={c.key}
                    data-label={c.short ?? c.label}
                    className={`flex items-baseline justify-between gap-2 before:text-xs before:text-slate-600 before:content-[attr(data-label)] sm:table-cell sm:before:content-none dark:before:text-slate-400 ${num}`}
                  >
                    {c.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const personColumns: Column<PersonHealthDto>[] = [
  {
    key: "person",
    label: "Person",
    text: true,
    value: (p) => p.handle,
    cell: (p) => (
      <span className="block min-w-0 sm:max-w-none">
        <span className="block truncate font-semibold" title={p.name}>
          {p.name}
        </span>
        <span className="block truncate text-xs text-slate-500 dark:text-slate-400" title={`Working hours ${p.workdayStart}–${p.workdayEnd}, Monday to Friday, ${p.timeZone}`}>
          @{p.handle} · {p.workdayStart}–{p.workdayEnd} {p.timeZone}
        </span>
      </span>
    ),
  },
  ...burdenColumns<PersonHealthDto>(),
];

const teamColumns: Column<TeamHealthDto>[] = [
  {
    key: "team",
    label: "Team",
    text: true,
    value: (t) => t.key,
    cell: (t) => (
      <span className="block min-w-0 sm:max-w-none">
        <Link href={`/teams/${t.key}`} className="block truncate font-semibold hover:underline" title={t.name}>
          {t.name}
        </Link>
        <span className="block text-xs text-slate-500 dark:text-slate-400">
          {t.members} {t.members === 1 ? "member" : "members"}
        </span>
      </span>
    ),
  },
  ...burdenColumns<TeamHealthDto>().map((c) => (c.key === "hoursOnCall" ? { ...c, label: "Members' hours on call", short: "Members (h)" } : c)),
  {
    key: "scheduleHoursOnCall",
    label: "Schedules' hours on call",
    short: "Schedules (h)",
    value: (t) => t.scheduleHoursOnCall,
    cell: (t) => (
      <span title={t.schedules.map((s) => `${s.name}: ${s.hoursOnCall} h`).join("\n") || "No schedules"}>{t.schedules.length ? t.scheduleHoursOnCall : "—"}</span>
    ),
  },
];

export function HealthView({ initial, teams, initialTeam }: { initial: HealthDto; teams: { key: string; name: string }[]; initialTeam: string }) {
  const [days, setDays] = useState(initial.window.days);
  const [team, setTeam] = useState(initialTeam);
  const { data, isFetching, isError } = useQuery({
    queryKey: queryKeys.oncallHealth(days, team),
    queryFn: () => fetchJson<HealthDto>(`/api/v1/oncall/health?days=${days}${team ? `&team=${encodeURIComponent(team)}` : ""}`),
    initialData: days === initial.window.days && team === initialTeam ? initial : undefined,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });

  const choose = (next: { days?: number; team?: string }) => {
    const d = next.days ?? days;
    const t = next.team ?? team;
    setDays(d);
    setTeam(t);
    const q = new URLSearchParams({ days: String(d), ...(t ? { team: t } : {}) });
    window.history.replaceState(null, "", `?${q}`);
  };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <div role="group" aria-label="Window" className="inline-flex overflow-hidden rounded-md border border-slate-300 dark:border-slate-700">
          {HEALTH_WINDOWS.map((d) => (
            <button
              key={d}
              type="button"
              aria-pressed={d === days}
              onClick={() => choose({ days: d })}
              className={`min-h-11 px-3 text-sm sm:min-h-10 ${d === days ? "bg-slate-900 font-semibold text-white dark:bg-slate-100 dark:text-slate-900" : "bg-white hover:bg-slate-100 dark:bg-slate-900 dark:hover:bg-slate-800"}`}
            >
              {d} days
            </button>
          ))}
        </div>
        {teams.length > 0 && (
          <label className="flex items-center gap-2 text-sm">
            <span className="text-slate-600 dark:text-slate-400">Team</span>
            <Select value={team} onChange={(e) => choose({ team: e.target.value })} className="w-auto">
              <option value="">All teams</option>
              {teams.map((t) => (
                <option key={t.key} value={t.key}>
                  {t.name}
                </option>
              ))}
            </Select>
          </label>
        )}
        <span className="text-xs text-slate-500" aria-live="polite">
          {isFetching ? "Loading…" : isError ? "Could not load the numbers. Try again." : ""}
        </span>
      </div>

      {data && (
        <>
          <section aria-label="Teams" className="space-y-2">
            <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">Teams</h2>
            {data.teams.length === 0 ? (
              <p className="text-sm text-slate-500">No teams yet.</p>
            ) : (
              <SortableTable label="Teams" rows={data.teams} columns={teamColumns} rowKey={(t) => t.key} />
            )}
          </section>
          <section aria-label="People" className="space-y-2">
            <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">People</h2>
            {data.people.length === 0 ? (
              <p className="text-sm text-slate-500">Nobody here has been paged or on call.</p>
            ) : (
              <SortableTable label="People" rows={data.people} columns={personColumns} rowKey={(p) => p.handle} />
            )}
          </section>
        </>
      )}
    </div>
  );
}
