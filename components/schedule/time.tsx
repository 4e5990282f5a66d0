"use client";
// Times on schedule pages: shown in the viewer's zone (their browser's clock),
// with the schedule's zone noted. The server renders with the profile zone;
// the browser's zone takes over right after hydration.
import { useSyncExternalStore } from "react";
import { useNow } from "@/components/ui/relative-time";
import { formatRelative } from "@/lib/domain/time";

const noSubscription = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The browser's IANA zone; `fallback` (the profile's zone) while rendering on the server. */
export function useViewerZone(fallback: string): string {
  return useSyncExternalStore(noSubscription, browserZone, () => fallback);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string, key: string, options: Intl.DateTimeFormatOptions) {
  const id = `${zone}|${key}`;
  let f = formatters.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", { timeZone: zone, hourCycle: "h23", ...options });
    formatters.set(id, f);
  }
  return f;
}

/** "Mon 30 Nov, 09:00". */
export function formatDayTime(at: string | Date, zone: string): string {
  return formatter(zone, "daytime", { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }).format(new Date(at));
}

/** "09:00". */
export function formatClock(at: string | Date, zone: string): string {
  return formatter(zone, "clock", { hour: "2-digit", minute: "2-digit" }).format(new Date(at));
}

/** "CET", "GMT-6": the zone's short name at that instant. */
export function zoneAbbreviation(at: string | Date, zone: string): string {
  return formatter(zone, "abbr", { timeZoneName: "short" }).formatToParts(new Date(at)).find((p) => p.type === "timeZoneName")?.value ?? zone;
}

/** An instant in the viewer's zone, relative ("in 2d 3h") next to it, and the schedule's clock on hover. */
export function ZonedTime({ at, zone, scheduleZone, relative = false }: { at: string; zone: string; scheduleZone?: string; relative?: boolean }) {
  const now = useNow(30_000);
  const title = scheduleZone && scheduleZone !== zone ? `${formatDayTime(at, scheduleZone)} ${zoneAbbreviation(at, scheduleZone)} on the schedule's clock (${scheduleZone})` : undefined;
  return (
    <time dateTime={at} title={title} suppressHydrationWarning>
      {formatDayTime(at, zone)}
      {relative && <span className="text-slate-500 dark:text-slate-400"> ({formatRelative(new Date(at), now)})</span>}
    </time>
  );
}
