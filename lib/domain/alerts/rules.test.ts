import { describe, expect, it } from "vitest";
import {
  alertTransition,
  coalescesInto,
  groupingKey,
  isFlapping,
  joinsGroup,
  matches,
  parseMatcher,
  rejoinsAfterResolve,
  routeAlert,
  type RoutingRule,
} from "./rules";

const T0 = "2026-12-02T03:00:00.000Z";
const at = (minutes: number, seconds = 0) => new Date(Date.parse(T0) + minutes * 60_000 + seconds * 1000);

describe("alertTransition: dedup and the Events v2 lifecycle", () => {
  it("a trigger opens a new alert, repeats a live one, and opens again after a resolve (a new episode)", () => {
    expect(alertTransition(null, "trigger", T0)).toBe("open");
    expect(alertTransition({ status: "firing", startsAt: T0 }, "trigger", T0)).toBe("repeat");
    expect(alertTransition({ status: "acknowledged", startsAt: T0 }, "trigger", null)).toBe("repeat");
    expect(alertTransition({ status: "resolved", startsAt: T0 }, "trigger", at(20).toISOString())).toBe("open");
    // Events v2 gives no start: a trigger after resolve opens a new alert.
    expect(alertTransition({ status: "resolved", startsAt: null }, "trigger", null)).toBe("open");
  });

  it("a late copy of a resolved episode (same startsAt) does not open it again", () => {
    expect(alertTransition({ status: "resolved", startsAt: T0 }, "trigger", T0)).toBe("drop");
  });

  it("acknowledge by the source marks it once; of an unknown or resolved alert it is dropped", () => {
    expect(alertTransition({ status: "firing", startsAt: null }, "acknowledge", null)).toBe("source_ack");
    expect(alertTransition({ status: "acknowledged", startsAt: null }, "acknowledge", null)).toBe("repeat");
    expect(alertTransition(null, "acknowledge", null)).toBe("drop");
    expect(alertTransition({ status: "resolved", startsAt: null }, "acknowledge", null)).toBe("drop");
  });

  it("resolve ends a live alert; a re-sent resolve only repeats; resolving the unknown is dropped", () => {
    expect(alertTransition({ status: "firing", startsAt: T0 }, "resolve", T0)).toBe("resolve");
    expect(alertTransition({ status: "acknowledged", startsAt: T0 }, "resolve", T0)).toBe("resolve");
    expect(alertTransition({ status: "resolved", startsAt: T0 }, "resolve", T0)).toBe("repeat");
    expect(alertTransition(null, "resolve", null)).toBe("drop");
  });
});

describe("routing rules", () => {
  const prod = { severity: "warning" as const, labels: { env: "prod", team: "payments" } };

  it("defaults: critical opens a SEV2, error pages, warning and info are recorded", () => {
    expect(routeAlert([], { severity: "critical", labels: {} })).toEqual({ ruleId: null, action: "open", incidentSeverity: "SEV2", holdSeconds: 0 });
    expect(routeAlert([], { severity: "error", labels: {} }).action).toBe("page");
    expect(routeAlert([], { severity: "warning", labels: {} }).action).toBe("record");
    expect(routeAlert([], { severity: "info", labels: {} }).action).toBe("record");
  });

  it("the first matching rule wins, in order; its severity and hold apply (the hold clamped to 0–900 s)", () => {
    const rules: RoutingRule[] = [
      { id: "dev-drop", matchers: [{ label: "env", op: "=", value: "dev" }], action: "drop" },
      { id: "prod-warn-opens", severities: ["warning"], matchers: [{ label: "env", op: "=", value: "prod" }], action: "open", incidentSeverity: "SEV3", holdSeconds: 5000 },
      { id: "everything-pages", action: "page" },
    ];
    expect(routeAlert(rules, prod)).toEqual({ ruleId: "prod-warn-opens", action: "open", incidentSeverity: "SEV3", holdSeconds: 900 });
    expect(routeAlert(rules, { severity: "critical", labels: { env: "dev" } })).toMatchObject({ ruleId: "dev-drop", action: "drop" });
    // A rule without a severity for the incident takes the default for the alert's severity.
    expect(routeAlert(rules, { severity: "critical", labels: { env: "staging" } })).toMatchObject({ ruleId: "everything-pages", action: "page", incidentSeverity: "SEV2" });
  });

  it("matchers: = and !=, a missing label is the empty value", () => {
    expect(matches({ id: "r", action: "drop", matchers: [{ label: "env", op: "!=", value: "prod" }] }, { severity: "info", labels: {} })).toBe(true);
    expect(matches({ id: "r", action: "drop", matchers: [{ label: "env", op: "!=", value: "prod" }] }, prod)).toBe(false);
    expect(matches({ id: "r", action: "drop", matchers: [{ label: "env", op: "=", value: "" }] }, { severity: "info", labels: {} })).toBe(true);
    expect(matches({ id: "r", action: "drop", matchers: [{ label: "env", op: "=", value: "prod" }, { label: "team", op: "=", value: "search" }] }, prod)).toBe(false);
    expect(matches({ id: "r", action: "drop", severities: [] }, prod)).toBe(true);
  });

  it("parseMatcher reads what people type", () => {
    expect(parseMatcher("env=prod")).toEqual({ label: "env", op: "=", value: "prod" });
    expect(parseMatcher(' env != "dev" ')).toEqual({ label: "env", op: "!=", value: "dev" });
    expect(parseMatcher("=prod")).toBeNull();
    expect(parseMatcher("env")).toBeNull();
  });
});

describe("grouping", () => {
  it("the grouping labels' values, else one group per service (two alert names of one service are one outage)", () => {
    expect(groupingKey({ labels: { alertname: "X", cluster: "eu" } }, ["alertname", "cluster"])).toBe('labels:alertname="X",cluster="eu"');
    expect(groupingKey({ labels: { alertname: "X" } }, ["alertname", "cluster"])).toBe('labels:alertname="X",cluster=""');
    expect(groupingKey({ labels: { alertname: "X" } }, [])).toBe("service");
    expect(groupingKey({ labels: { alertname: "Y" } }, [])).toBe("service");
  });

  it("an alert joins within 30 minutes of the group's last one, and never more than 24 h after it opened", () => {
    const group = { openedAt: at(0), lastAlertAt: at(10), humanDeclared: false };
    expect(joinsGroup(group, at(40))).toBe(true); // exactly the window
    expect(joinsGroup(group, at(40, 1))).toBe(false);
    expect(joinsGroup(group, at(15), 5 * 60_000)).toBe(true);
    expect(joinsGroup({ openedAt: at(0), lastAlertAt: at(24 * 60 - 5), humanDeclared: false }, at(24 * 60))).toBe(true);
    expect(joinsGroup({ openedAt: at(0), lastAlertAt: at(24 * 60 - 5), humanDeclared: false }, at(24 * 60, 1))).toBe(false);
  });

  it("a human-declared incident on the service takes its alerts while it is open", () => {
    expect(joinsGroup({ openedAt: at(0), lastAlertAt: at(0), humanDeclared: true }, at(48 * 60))).toBe(true);
  });
});

describe("re-firing, flapping and coalescing", () => {
  it("re-firing within 10 minutes of resolving rejoins without a new page", () => {
    expect(rejoinsAfterResolve(at(0), at(10))).toBe(true);
    expect(rejoinsAfterResolve(at(0), at(10, 1))).toBe(false);
  });

  it("three transitions within 30 minutes is flapping; two, or three spread wider, is not", () => {
    expect(isFlapping([at(0), at(10), at(29)], at(30))).toBe(true);
    expect(isFlapping([at(0), at(10)], at(11))).toBe(false);
    expect(isFlapping([at(0), at(10), at(29)], at(30, 1))).toBe(false); // the first fell out of the window
  });

  it("one alert entry per incident per 30 s", () => {
    expect(coalescesInto(null, at(0))).toBe(false);
    expect(coalescesInto(at(0), at(0, 29))).toBe(true);
    expect(coalescesInto(at(0), at(0, 30))).toBe(false);
  });
});
