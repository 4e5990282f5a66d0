"use client";
// The final schedule as a calendar, week or month, in the viewer's zone (or the
// schedule's): each block is one person from one layer's shift or one override
// (striped). Segments come from GET /api/v1/schedules/{id}/shifts, so the page
// shows exactly what the API, the ICS feed and paging answer.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { DateTime } from "luxon";
import { useMemo, useState, type CSSProperties } from "react";
import { useNow } from "@/components/ui/relative-time";
import { layerLabel, type LayerDto, type ShiftDto, type ShiftsDto } from "@/lib/domain/schedule-schemas";
import { fetchJson } from "@/lib/query/fetch-json";
import { queryKeys } from "@/lib/query/keys";
import { formatClock, formatDayTime } from "./time";

export type CalendarMode = "week" | "month";

const LAYER_STYLES = [
  "border-sky-300 bg-sky-100 text-sky-950 dark:border-sky-700 dark:bg-sky-900/60 dark:text-sky-50",
  "border-emerald-300 bg-emerald-100 text-emerald-950 dark:border-emerald-700 dark:bg-emerald-900/60 dark:text-emerald-50",
  "border-amber-300 bg-amber-100 text-amber-950 dark:border-amber-700 dark:bg-amber-900/60 dark:text-amber-50",
  "border-violet-300 bg-violet-100 text-violet-950 dark:border-violet-700 dark:bg-violet-900/60 dark:text-violet-50",
  "border-teal-300 bg-teal-100 text-teal-950 dark:border-teal-700 dark:bg-teal-900/60 dark:text-teal-50",
  "border-rose-300 bg-rose-100 text-rose-950 dark:border-rose-700 dark:bg-rose-900/60 dark:text-rose-50",
];
const OVERRIDE_STYLE =
  "border-fuchsia-500 bg-fuchsia-100 text-fuchsia-950 bg-[repeating-linear-gradient(135deg,transparent_0_6px,rgb(217_70_239/0.18)_6px_12px)] dark:border-fuchsia-400 dark:bg-fuchsia-900/60 dark:text-fuchsia-50";

export function layerStyle(index: number | null): string {
  return index === null ? OVERRIDE_STYLE : LAYER_STYLES[index % LAYER_STYLES.length]!;
}

interface Piece {
  shift: ShiftDto;
  start: number;
  end: number;
  /** Fractions of the day (a DST day has 23 or 25 hours). */
  top: number;
  height: number;
  startsHere: boolean;
  endsHere: boolean;
}

interface Day {
  start: DateTime;
  end: DateTime;
  pieces: Piece[];
}

function calendarWindow(mode: CalendarMode, anchor: DateTime): { from: DateTime; to: DateTime; month: number } {
  if (mode === "week") {
    const from = anchor.startOf("week");
    return { from, to: from.plus({ weeks: 1 }), month: anchor.month };
  }
  const from = anchor.startOf("month").startOf("week");
  return { from, to: anchor.endOf("month").endOf("week").plus({ milliseconds: 1 }), month: anchor.month };
}

function daysOf(from: DateTime, to: DateTime, shifts: ShiftDto[]): Day[] {
  const days: Day[] = [];
  for (let d = from; d < to; d = d.plus({ days: 1 })) {
    const dayStart = d.toMillis();
    const dayEnd = d.plus({ days: 1 }).toMillis();
    const pieces: Piece[] = [];
    for (const shift of shifts) {
      const s = Date.parse(shift.start);
      const e = Date.parse(shift.end);
      const start = Math.max(s, dayStart);
      const end = Math.min(e, dayEnd);
      if (end <= start) continue;
      pieces.push({ shift, start, end, top: (start - dayStart) / (dayEnd - dayStart), height: (end - start) / (dayEnd - dayStart), startsHere: s >= dayStart, endsHere: e <= dayEnd });
    }
    days.push({ start: d, end: d.plus({ days: 1 }), pieces });
  }
  return days;
}

function describePiece(p: Piece, zone: string): string {
  const who = p.shift.source === "override" ? `Override: ${p.shift.user.name}` : `${p.shift.user.name} (${p.shift.layerName ?? "layer"})`;
  return `${who}, ${formatDayTime(new Date(p.shift.start), zone)} to ${formatDayTime(new Date(p.shift.end), zone)}`;
}

function clockRange(p: Piece, zone: string): string {
  const start = p.startsHere ? formatClock(new Date(p.start), zone) : "";
  const end = p.endsHere ? formatClock(new Date(p.end), zone) : "";
  if (p.startsHere && p.endsHere) return `${start}–${end === "00:00" ? "24:00" : end}`;
  if (p.startsHere) return `from ${start}`;
  if (p.endsHere) return `until ${end}`;
  return "all day";
}

export function ScheduleCalendar({
  scheduleId,
  layers,
  zone,
  scheduleZone,
  initialAnchor,
}: {
  scheduleId: string;
  layers: LayerDto[];
  /** The zone times are shown in. */
  zone: string;
  scheduleZone: string;
  /** An instant in the week or month to show first (the server's now, so that server and browser render the same). */
  initialAnchor: string;
}) {
  const [mode, setMode] = useState<CalendarMode>("week");
  const [anchorIso, setAnchorIso] = useState(initialAnchor);
  const now = useNow(60_000);
  const anchor = DateTime.fromISO(anchorIso, { zone });
  const { from, to, month } = calendarWindow(mode, anchor);
  const fromIso = from.toUTC().toISO()!;
  const toIso = to.toUTC().toISO()!;
  const shifts = useQuery({
    queryKey: queryKeys.scheduleShifts(scheduleId, fromIso, toIso),
    queryFn: ({ signal }) => fetchJson<ShiftsDto>(`/api/v1/schedules/${scheduleId}/shifts?from=${encodeURIComponent(fromIso)}&to=${encodeURIComponent(toIso)}`, { signal }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const items = useMemo(() => shifts.data?.items ?? [], [shifts.data]);
  const days = daysOf(from, to, items);
  const step = (n: number) => setAnchorIso(anchor.plus(mode === "week" ? { weeks: n } : { months: n }).toISO()!);
  const title =
    mode === "week"
      ? `${from.toFormat("d LLL")} – ${to.minus({ days: 1 }).toFormat("d LLL yyyy")}`
      : anchor.toFormat("LLLL yyyy");
  const today = DateTime.fromJSDate(now, { zone }).toISODate();
  const usedLayers = new Set(items.map((s) => s.layer).filter((l): l is number => l !== null));

  return (
    <section aria-label="Calendar" className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="mr-auto text-lg font-semibold" aria-live="polite">
          {title}
        </h2>
        <div role="group" aria-label="Calendar view" className="inline-flex rounded-md border border-slate-300 p-0.5 dark:border-slate-700">
          {(["week", "month"] as const).map((m) => (
            <button
              key={m}
              type="button"
              aria-pressed={mode === m}
              onClick={() => setMode(m)}
              className={`min-h-9 rounded px-3 text-sm ${mode === m ? "bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900" : "hover:bg-slate-100 dark:hover:bg-slate-800"}`}
            >
              {m === "week" ? "Week" : "Month"}
            </button>
          ))}
        </div>
        <div className="inline-flex gap-1">
          <button type="button" onClick={() => step(-1)} aria-label={`Previous ${mode}`} className="min-h-10 min-w-10 rounded-md border border-slate-300 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
            ‹
          </button>
          <button type="button" onClick={() => setAnchorIso(new Date().toISOString())} className="min-h-10 rounded-md border border-slate-300 px-3 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
            Today
          </button>
          <button type="button" onClick={() => step(1)} aria-label={`Next ${mode}`} className="min-h-10 min-w-10 rounded-md border border-slate-300 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
            ›
          </button>
        </div>
      </div>
      <ul aria-label="Legend" className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-600 [overflow-wrap:anywhere] dark:text-slate-400">
        {layers.map((l, i) => (
          <li key={i} className="flex items-center gap-1">
            <span aria-hidden className={`inline-block size-3 rounded-sm border ${layerStyle(i)}`} />
            {layerLabel(l, i)}
            {!usedLayers.has(i) && items.length > 0 && <span className="italic">(no shift shown here)</span>}
          </li>
        ))}
        <li className="flex items-center gap-1">
          <span aria-hidden className={`inline-block size-3 rounded-sm border ${OVERRIDE_STYLE}`} />
          Override (beats every layer)
        </li>
      </ul>
      {shifts.isError && <p role="alert" className="text-sm text-red-600 dark:text-red-400">Could not load the calendar. It retries on its own.</p>}
      {mode === "week" ? <WeekView days={days} zone={zone} today={today} now={now.getTime()} /> : <MonthView days={days} zone={zone} today={today} month={month} />}
      <p className="text-xs text-slate-500 dark:text-slate-400">
        Times in {zone}
        {zone !== scheduleZone ? `; the schedule runs on ${scheduleZone} (handoffs keep their time of day there)` : " (the schedule's own clock)"}. Later layers win where they have a shift; overrides beat every layer.
      </p>
    </section>
  );
}

function WeekView({ days, zone, today, now }: { days: Day[]; zone: string; today: string | null; now: number }) {
  return (
    <ol className="grid gap-2 md:grid-cols-7 md:gap-1" aria-label="Week">
      {days.map((day, i) => {
        const isToday = day.start.toISODate() === today;
        const nowFraction = isToday ? (now - day.start.toMillis()) / (day.end.toMillis() - day.start.toMillis()) : null;
        return (
          <li key={day.start.toISODate()} aria-label={day.start.toFormat("cccc d LLLL")} className="min-w-0 rounded-md border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
            <div className={`border-b border-slate-200 px-2 py-1 text-xs font-semibold dark:border-slate-800 ${isToday ? "text-sky-700 dark:text-sky-300" : "text-slate-600 dark:text-slate-400"}`}>
              {day.start.toFormat("ccc d LLL")}
              {isToday && <span className="ml-1 font-normal">· today</span>}
            </div>
            <ul className="relative space-y-1 p-1 md:h-[28rem] md:space-y-0 md:p-0" aria-label={`On call ${day.start.toFormat("ccc d LLL")}`}>
              {day.pieces.length === 0 && <li className="px-1 py-2 text-xs text-slate-500 md:absolute md:inset-x-1 md:top-1/2">Nobody on call</li>}
              {day.pieces.map((p) => (
                <li
                  key={`${p.shift.start}-${p.shift.user.handle}`}
                  aria-label={describePiece(p, zone)}
                  title={describePiece(p, zone)}
                  data-source={p.shift.source}
                  style={{ "--top": `${p.top * 100}%`, "--h": `${p.height * 100}%` } as CSSProperties}
                  className={`overflow-hidden rounded border px-1.5 py-1 text-xs md:absolute md:inset-x-0.5 md:top-(--top) md:h-(--h) md:min-h-5 ${layerStyle(p.shift.source === "override" ? null : p.shift.layer)}`}
                >
                  <span className="block truncate font-semibold">{p.shift.user.name}</span>
                  <span className="block truncate opacity-80">
                    {p.shift.source === "override" ? "Override · " : ""}
                    {clockRange(p, zone)}
                  </span>
                </li>
              ))}
              {/* Quarter-day lines over the blocks: a time axis without a separate column. */}
              {[6, 12, 18].map((h) => (
                <li key={h} aria-hidden style={{ "--top": `${(h / 24) * 100}%` } as CSSProperties} className="pointer-events-none absolute inset-x-0 top-(--top) hidden border-t border-dashed border-slate-500/25 md:block dark:border-slate-300/25">
                  {i === 0 && <span className="absolute right-1 top-0 text-[10px] leading-3 text-slate-500 dark:text-slate-400">{String(h).padStart(2, "0")}:00</span>}
                </li>
              ))}
              {nowFraction !== null && (
                <li aria-hidden style={{ "--top": `${nowFraction * 100}%` } as CSSProperties} className="pointer-events-none absolute inset-x-0 top-(--top) hidden h-0.5 bg-red-500 md:block" />
              )}
            </ul>
          </li>
        );
      })}
    </ol>
  );
}

function MonthView({ days, zone, today, month }: { days: Day[]; zone: string; today: string | null; month: number }) {
  return (
    <div>
      <div aria-hidden className="grid grid-cols-7 gap-px pb-1 text-center text-xs font-semibold text-slate-500">
        {["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].map((d) => (
          <span key={d}>{d}</span>
        ))}
      </div>
      <ol className="grid grid-cols-7 gap-px overflow-hidden rounded-md border border-slate-200 bg-slate-200 dark:border-slate-800 dark:bg-slate-800" aria-label="Month">
        {days.map((day) => {
          const isToday = day.start.toISODate() === today;
          const outside = day.start.month !== month;
          return (
            <li key={day.start.toISODate()} aria-label={day.start.toFormat("cccc d LLLL")} className={`min-h-20 min-w-0 p-0.5 sm:min-h-24 sm:p-1 ${outside ? "bg-slate-50 dark:bg-slate-950" : "bg-white dark:bg-slate-900"}`}>
              <span className={`mb-0.5 inline-flex size-6 items-center justify-center rounded-full text-xs ${isToday ? "bg-sky-700 font-bold text-white" : outside ? "text-slate-500" : "text-slate-700 dark:text-slate-300"}`}>{day.start.day}</span>
              <ul className="space-y-0.5">
                {day.pieces.map((p) => (
                  <li
                    key={`${p.shift.start}-${p.shift.user.handle}`}
                    aria-label={describePiece(p, zone)}
                    title={describePiece(p, zone)}
                    data-source={p.shift.source}
                    className={`truncate rounded border px-0.5 text-[10px] leading-4 sm:px-1 sm:text-xs ${layerStyle(p.shift.source === "override" ? null : p.shift.layer)}`}
                  >
                    {p.startsHere && <span className="hidden font-mono sm:inline">{formatClock(new Date(p.start), zone)} </span>}
                    <span className="font-medium">@{p.shift.user.handle}</span>
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
