import { describe, expect, it } from "vitest";
import { actionItemCreateSchema, actionItemPatchSchema, checkActionItemStatus, defaultActionItemKind, dueInstant, isOverdue, missingPreventItem, sortMyActionItems } from "./action-items";

describe("action items", () => {
  it("won't do needs a reason; verified only after done", () => {
    expect(checkActionItemStatus("open", "wont_do", "")).toMatchObject({ ok: false, field: "reason" });
    expect(checkActionItemStatus("open", "wont_do", "Service is being retired")).toEqual({ ok: true });
    expect(checkActionItemStatus("open", "verified", null)).toMatchObject({ ok: false, field: "status", message: expect.stringContaining("done first") });
    expect(checkActionItemStatus("done", "verified", null)).toEqual({ ok: true });
    expect(checkActionItemStatus("verified", "open", null)).toEqual({ ok: true });
  });

  it("the patch schema requires a reason with wont_do, and tracker URLs must be http(s)", () => {
    expect(actionItemPatchSchema.safeParse({ version: 1, status: "wont_do" }).success).toBe(false);
    expect(actionItemPatchSchema.safeParse({ version: 1, status: "wont_do", reason: "dup of #12" }).success).toBe(true);
    const base = { title: "Add TLS chain check", owner: "ada", dueAt: "2026-12-01", kind: "prevent" };
    expect(actionItemCreateSchema.safeParse({ ...base, trackerUrl: "javascript:alert(1)" }).success).toBe(false);
    expect(actionItemCreateSchema.safeParse({ ...base, trackerUrl: "https://tracker.example/T-1" }).success).toBe(true);
    expect(actionItemCreateSchema.safeParse({ ...base, kind: "blame" }).success).toBe(false);
    // From an incident's postmortem (by ref) or any postmortem (by id), never both.
    expect(actionItemCreateSchema.safeParse({ ...base, incident: "INC-7" }).success).toBe(true);
    expect(actionItemCreateSchema.safeParse({ ...base, postmortem: "cmabc123" }).success).toBe(true);
    const both = actionItemCreateSchema.safeParse({ ...base, incident: "INC-7", postmortem: "cmabc123" });
    expect(both.success).toBe(false);
    expect(both.error?.issues.map((i) => i.path.join("."))).toEqual(["postmortem"]);
  });

  it("a day due date means the end of that day UTC; overdue is open work past it", () => {
    expect(dueInstant("2026-12-01").toISOString()).toBe("2026-12-01T23:59:59.999Z");
    const now = new Date("2026-12-02T00:00:00Z");
    expect(isOverdue({ status: "open", dueAt: "2026-12-01T23:59:59.999Z" }, now)).toBe(true);
    expect(isOverdue({ status: "in_progress", dueAt: "2026-12-02T00:00:01Z" }, now)).toBe(false);
    expect(isOverdue({ status: "done", dueAt: "2026-11-01T00:00:00Z" }, now)).toBe(false);
    expect(isOverdue({ status: "open", dueAt: null }, now)).toBe(false);
  });

  it("a SEV0/1 review expects a prevent item that is not won't-do", () => {
    expect(missingPreventItem("SEV1", [{ kind: "detect", status: "open" }])).toBe(true);
    expect(missingPreventItem("SEV1", [{ kind: "prevent", status: "wont_do" }])).toBe(true);
    expect(missingPreventItem("SEV0", [{ kind: "prevent", status: "open" }])).toBe(false);
    expect(missingPreventItem("SEV2", [])).toBe(false);
    expect(missingPreventItem(null, [])).toBe(false);
  });

  it("a new item starts as prevent while a SEV0/1 review lacks one, else as mitigate", () => {
    expect(defaultActionItemKind("SEV1", [{ kind: "detect", status: "open" }])).toBe("prevent");
    expect(defaultActionItemKind("SEV0", [{ kind: "prevent", status: "open" }])).toBe("mitigate");
    expect(defaultActionItemKind("SEV3", [])).toBe("mitigate");
    expect(defaultActionItemKind(null, [])).toBe("mitigate");
  });
});

describe("an owner's action items", () => {
  const now = new Date("2026-11-23T12:00:00Z");
  const item = (id: string, dueAt: string | null, status = "open") => ({ id, title: `item ${id}`, status, dueAt, createdAt: "2026-11-01T00:00:00Z", incident: { ref: "INC-7" } });

  it("lists open and in-progress items, overdue first (most overdue first), then soonest due, undated last", () => {
    const items = [
      item("later", "2026-12-10T00:00:00Z"),
      item("undated", null),
      item("done", "2026-11-01T00:00:00Z", "done"),
      item("late", "2026-11-20T00:00:00Z", "in_progress"),
      item("soon", "2026-11-24T00:00:00Z"),
      item("very-late", "2026-11-02T00:00:00Z"),
      item("wont", "2026-11-02T00:00:00Z", "wont_do"),
    ];
    expect(sortMyActionItems(items, now).map((i) => i.id)).toEqual(["very-late", "late", "soon", "later", "undated"]);
  });
});
