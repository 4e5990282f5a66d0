// Durations and relative times for people reading at 3 AM: short and unambiguous.

/** "45s", "12m", "3h 05m", "2d 4h". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(Math.abs(ms) / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${String(m % 60).padStart(2, "0")}m`;
  const d = Math.floor(h / 24);
  return `${d}d ${h % 24}h`;
}

/** In whole minutes, for sentences: "6 min", "2 h 05 min" (from two hours on). */
export function formatMinutes(ms: number): string {
  const m = Math.floor(Math.max(0, ms) / 60_000);
  return m >= 120 ? `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, "0")} min` : `${m} min`;
}

/** "12m ago" or "in 5m". */
export function formatRelative(at: Date, now: Date): string {
  const diff = at.getTime() - now.getTime();
  if (Math.abs(diff) < 5_000) return "just now";
  return diff < 0 ? `${formatDuration(diff)} ago` : `in ${formatDuration(diff)}`;
}

/** Absolute time in a zone, e.g. "Nov 23, 14:05 CET". */
export function formatAbsolute(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(at);
}
