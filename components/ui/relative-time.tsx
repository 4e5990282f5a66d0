"use client";
// A time shown relative ("12m ago"), ticking; the absolute time in the viewer's zone and in UTC on hover.
import { useEffect, useState } from "react";
import { formatAbsolute, formatRelative } from "@/lib/domain/time";

export function useNow(intervalMs = 15_000) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

export function RelativeTime({ at, className }: { at: string; className?: string }) {
  const now = useNow();
  const date = new Date(at);
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <time dateTime={at} title={`${formatAbsolute(date, zone)} · ${formatAbsolute(date, "UTC")}`} className={className} suppressHydrationWarning>
      {formatRelative(date, now)}
    </time>
  );
}

/** A clock time in the viewer's zone ("02:14"), the full date and UTC on hover: for "acknowledged 02:14". */
export function ClockTime({ at, className }: { at: string; className?: string }) {
  const date = new Date(at);
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const clock = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: zone }).format(date);
  return (
    <time dateTime={at} title={`${formatAbsolute(date, zone)} · ${formatAbsolute(date, "UTC")}`} className={`tabular-nums ${className ?? ""}`} suppressHydrationWarning>
      {clock}
    </time>
  );
}
