import { describe, expect, it } from "vitest";
import { pagingHealth } from "./paging-health";

const now = new Date("2026-12-03T03:00:00Z");

describe("paging health (Conn's own heartbeat)", () => {
  it("is healthy with nothing overdue and nothing failing", () => {
    expect(pagingHealth({ overdue: 0, oldestDueAt: null, failing: 0 }, now)).toEqual({ healthy: true });
  });

  it("is not, with paging jobs overdue or escalation steps failing, and says which", () => {
    expect(pagingHealth({ overdue: 1, oldestDueAt: new Date("2026-12-03T02:55:00Z"), failing: 0 }, now)).toEqual({ healthy: false, reason: "1 paging job overdue (the oldest due 5m ago)" });
    expect(pagingHealth({ overdue: 0, oldestDueAt: null, failing: 2 }, now)).toEqual({ healthy: false, reason: "2 escalation jobs failing (3 attempts or more)" });
    expect(pagingHealth({ overdue: 3, oldestDueAt: new Date("2026-12-03T01:00:00Z"), failing: 1 }, now)).toEqual({
      healthy: false,
      reason: "3 paging jobs overdue (the oldest due 2h 00m ago); 1 escalation job failing (3 attempts or more)",
    });
  });
});
