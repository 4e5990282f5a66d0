import { describe, expect, it } from "vitest";
import { lateWords, onTimeWords, promiseLines, promiseRecord, type UpdateMark } from "./promises";

const at = (min: number, sec = 0) => new Date(Date.UTC(2026, 11, 4, 3, min, sec)).toISOString();
const mark = (min: number, dueMin: number | null, sec = 0): UpdateMark => ({ at: at(min, sec), nextUpdateDueAt: dueMin === null ? null : at(dueMin) });

describe("promises kept", () => {
  it("counts an update at the very minute it was due as on time, and one a second later as late by that second", () => {
    const onTime = promiseRecord([mark(0, 15), mark(15, 30)], new Date(at(20)));
    expect(onTime.promises.map((p) => p.state)).toEqual(["on_time", "open"]);
    expect(onTime).toMatchObject({ due: 1, onTime: 1, overdueMs: null });
    const late = promiseRecord([mark(0, 15), mark(15, 30, 1)], new Date(at(20)));
    expect(late.promises[0]).toMatchObject({ state: "late", lateMs: 1000, keptAt: at(15, 1) });
    expect(late).toMatchObject({ due: 1, onTime: 0 });
  });

  it("is overdue once its time passed with no update, and says by how much; not before", () => {
    expect(promiseRecord([mark(0, 15)], new Date(at(15))).promises[0]).toMatchObject({ state: "open", lateMs: 0 });
    const overdue = promiseRecord([mark(0, 15)], new Date(at(21)));
    expect(overdue.promises[0]).toMatchObject({ state: "overdue", lateMs: 6 * 60_000 });
    expect(overdue.overdueMs).toBe(6 * 60_000);
    expect(lateWords(overdue.overdueMs!)).toBe("late by 6 min");
  });

  it("an update that promised nothing still keeps the one before it; it makes no promise of its own", () => {
    const r = promiseRecord([mark(0, 15), mark(10, null)], new Date(at(40)));
    expect(r.promises).toHaveLength(1);
    expect(r.promises[0]).toMatchObject({ state: "on_time", keptAt: at(10) });
    expect(r.overdueMs).toBeNull();
  });

  it("at resolution, a promise past its time was missed and one not yet due no longer counts", () => {
    expect(promiseRecord([mark(0, 15)], new Date(at(50)), at(20)).promises).toEqual([{ madeAt: at(0), dueAt: at(15), keptAt: null, state: "missed", lateMs: 5 * 60_000 }]);
    const moot = promiseRecord([mark(0, 15), mark(10, 25)], new Date(at(50)), at(20));
    expect(moot.promises.map((p) => p.state)).toEqual(["on_time"]);
    expect(moot).toMatchObject({ due: 1, onTime: 1, overdueMs: null });
  });

  it("reads out as 'updates on time: 2 of 4' and the postmortem's lines, in the order they were made", () => {
    const log = [mark(0, 15), mark(14, 29), mark(35, 50), mark(49, 64), mark(70, null)];
    const record = promiseRecord(log, new Date(at(90)));
    expect(onTimeWords(record)).toBe("updates on time: 2 of 4");
    expect(onTimeWords(promiseRecord([mark(0, 15)], new Date(at(1))))).toBeNull();
    const time = (iso: string) => iso.slice(11, 16);
    expect(promiseLines(record, time)).toEqual([
      "Updates on time: 2 of 4.",
      "",
      "- Update of 03:00 promised the next by 03:15: on time (next update 03:14)",
      "- Update of 03:14 promised the next by 03:29: late by 6 min (next update 03:35)",
      "- Update of 03:35 promised the next by 03:50: on time (next update 03:49)",
      "- Update of 03:49 promised the next by 04:04: late by 6 min (next update 04:10)",
    ]);
  });
});
