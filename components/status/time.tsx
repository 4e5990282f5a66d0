"use client";
// Times for execs: absolute in the reader's own zone ("Nov 23, 14:05 CET") with
// the relative age beside it, and durations that keep counting while open.
import { useEffect, useState } from "react";
import { useNow } from "@/components/ui/relative-time";
import { formatAbsolute, formatDuration, formatRelative } from "@/lib/domain/time";
import { openForMs } from "@/lib/domain/lifecycle";

/** The reader's time zone; UTC on the server and in the first client render (no hydration mismatch). */
function useZone() {
  const [zone, setZone] = useState("UTC");
  useEffect(() => setZone(Intl.DateTimeFormat().resolvedOptions().timeZone), []);
  return zone;
}

export function LocalTime({ at, relative = false, className }: { at: string; relative?: boolean; className?: string }) {
  const zone = useZone();
  const now = useNow(15_000);
  const date = new Date(at);
  return (
    <time dateTime={at} title={formatAbsolute(date, "UTC")} className={className} suppressHydrationWarning>
      {formatAbsolute(date, zone)}
      {relative && <span className="text-slate-500"> ({formatRelative(date, now)})</span>}
    </time>
  );
}

/** Open for…: counts on from the impact's start (else the declaration); a fixed duration once `seconds` is given (resolved). */
export function IncidentDuration({ incident, seconds }: { incident: { startedAt: string | null; declaredAt: string }; seconds?: number }) {
  const now = useNow(15_000);
  const ms = seconds !== undefined ? seconds * 1000 : openForMs({ ...incident, resolvedAt: null }, now);
  return (
    <span className="tabular-nums" suppressHydrationWarning>
      {formatDuration(ms)}
    </span>
  );
}
