// Promises kept (issue 18): every update promises the next one by its `nextUpdateDueAt`. A promise is kept on time
// by the next update posted at or before it was due, late by one posted after; one still waiting is open until its
// time, then overdue. A promise left open when the incident resolved, past its time, was missed; one not yet due then
// no longer counts. Pure: the page, the exec view and the postmortem pre-fill all read the record from the updates'
// times (the live view's `updateLog`, or the timeline).
import { formatMinutes } from "./time";

/** One update as the record needs it: when it was posted and by when it promised the next. */
export interface UpdateMark {
  at: string;
  nextUpdateDueAt: string | null;
}

export type PromiseState = "on_time" | "late" | "open" | "overdue" | "missed";

export interface UpdatePromise {
  /** When the update that made it was posted. */
  madeAt: string;
  dueAt: string;
  /** When the next update came, if it did. */
  keptAt: string | null;
  state: PromiseState;
  /** How late: the next update after it was due, or now (overdue), or the resolution (missed); 0 otherwise. */
  lateMs: number;
}

export interface PromiseRecord {
  promises: UpdatePromise[];
  /** Promises whose time has come (kept, late, overdue or missed): "updates on time: onTime of due". */
  due: number;
  onTime: number;
  /** The open promise is past its time by this much; null when it is not. */
  overdueMs: number | null;
}

const t = (iso: string) => Date.parse(iso);

/** The record of the updates' promises at `now`; `resolvedAt` ends the waiting (no later update is due). */
export function promiseRecord(log: readonly UpdateMark[], now: Date, resolvedAt: string | null = null): PromiseRecord {
  const marks = [...log].sort((a, b) => t(a.at) - t(b.at));
  const promises: UpdatePromise[] = [];
  marks.forEach((mark, i) => {
    if (!mark.nextUpdateDueAt) return;
    const due = t(mark.nextUpdateDueAt);
    const next = marks.slice(i + 1).find((m) => t(m.at) > t(mark.at));
    const base = { madeAt: mark.at, dueAt: mark.nextUpdateDueAt };
    if (next) {
      const late = Math.max(0, t(next.at) - due);
      promises.push({ ...base, keptAt: next.at, state: late > 0 ? "late" : "on_time", lateMs: late });
      return;
    }
    if (resolvedAt) {
      // Resolving ends the waiting: a promise already past its time then was missed; one not yet due no longer counts.
      if (t(resolvedAt) > due) promises.push({ ...base, keptAt: null, state: "missed", lateMs: t(resolvedAt) - due });
      return;
    }
    const late = now.getTime() - due;
    promises.push({ ...base, keptAt: null, state: late > 0 ? "overdue" : "open", lateMs: Math.max(0, late) });
  });
  const last = promises.at(-1);
  return {
    promises,
    due: promises.filter((p) => p.state !== "open").length,
    onTime: promises.filter((p) => p.state === "on_time").length,
    overdueMs: last?.state === "overdue" ? last.lateMs : null,
  };
}

/** "updates on time: 7 of 9", or null before any promise came due. */
export function onTimeWords(record: PromiseRecord): string | null {
  return record.due === 0 ? null : `updates on time: ${record.onTime} of ${record.due}`;
}

/** "late by 6 min". */
export const lateWords = (ms: number) => `late by ${formatMinutes(ms)}`;

/** The postmortem's lines: each promise that came due, how it went. */
export function promiseLines(record: PromiseRecord, formatTime: (iso: string) => string): string[] {
  if (record.due === 0) return [];
  const words: Record<PromiseState, (p: UpdatePromise) => string> = {
    on_time: (p) => `on time (next update ${formatTime(p.keptAt!)})`,
    late: (p) => `${lateWords(p.lateMs)} (next update ${formatTime(p.keptAt!)})`,
    overdue: (p) => `not kept yet, ${lateWords(p.lateMs)}`,
    missed: () => "never kept before resolution",
    open: () => "not yet due",
  };
  return [
    `Updates on time: ${record.onTime} of ${record.due}.`,
    "",
    ...record.promises.filter((p) => p.state !== "open").map((p) => `- Update of ${formatTime(p.madeAt)} promised the next by ${formatTime(p.dueAt)}: ${words[p.state](p)}`),
  ];
}
