// A generated fuzz test over Conn's own OpenAPI document: for every operation, requests
// built from its schemas (valid ones, and ones with hostile values, missing and extra keys,
// malformed paths and query strings), with path parameters that are real ids of this
// test's organization as well as junk, sent as every role and without a token to the real
// server. It asserts: never a 5xx; every 4xx is the one error shape; a refused request
// changed nothing (timeline seqs, incidents, audit rows in Postgres).
//
// Seeded: FUZZ_SEED=<n> replays a run (the seed is printed on failure, with each failing
// request). FUZZ_RUNS=<n> changes the number of requests per operation and role (default 1).
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/domain/openapi";
import { ERROR_STATUS } from "@/lib/domain/errors";
import { api, createOrg, testDb, type Role, type TestOrg, type TestUser } from "./factories";
import { HOSTILE_DATES, HOSTILE_NUMBERS, mutationArb, valueArb, type Hints, type JsonSchema } from "./fuzz/arbitraries";

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const RUNS = Math.max(1, Number(process.env.FUZZ_RUNS ?? 1));
const doc = buildOpenApiDocument() as unknown as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema> };
};

interface Parameter {
  name: string;
  in: "path" | "query" | "header";
  required?: boolean;
  schema?: JsonSchema;
}
interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, unknown>;
}

type Caller = Role | "automation" | "none";
/** Requests per operation for each caller (times FUZZ_RUNS): more where the server goes deeper. */
const PER_CALLER: Record<Caller, number> = { admin: 3, responder: 3, automation: 1, viewer: 1, none: 1 };
/** Writes per user before the next user of that role takes over: the server allows 120 a minute. */
const WRITES_PER_USER = 100;
const WRITE_METHODS = new Set(["post", "put", "patch", "delete"]);
/**
 * No exception to the error shape: even Node's own refusal of a request line plus headers over
 * 16 KiB (a huge query string or token) is a 431 `headers_too_large` in it (server.ts, clientError).
 */
/** Error codes and their statuses: lib/domain/errors.ts, and the one write.ts answers a reused Idempotency-Key with. */
const CODE_STATUS: Record<string, number> = { ...ERROR_STATUS, idempotency_key_reused: 422 };

interface FuzzRequest {
  operationId: string;
  caller: Caller;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const describeRequest = (r: FuzzRequest) => {
  const body = r.body === undefined ? "" : `\n    body: ${r.body.length > 600 ? `${r.body.slice(0, 600)}… (${r.body.length} chars)` : r.body}`;
  const headers = Object.keys(r.headers).length ? `\n    headers: ${JSON.stringify(r.headers)}` : "";
  return `${r.method} ${r.path.length > 400 ? `${r.path.slice(0, 400)}… (${r.path.length} chars)` : r.path} as ${r.caller}${headers}${body}`;
};

// ---------------------------------------------------------------------------
// The organization: fixtures every operation's path parameters can point at.

let org: TestOrg;
let owner: TestUser;
const pools: Record<Caller, TestUser[]> = { admin: [], responder: [], viewer: [], automation: [], none: [] };
const writesBy = new Map<string, number>();
const real: Record<string, string[]> = {};
let hints: Hints = {};
/** Whole valid bodies by component name, for schemas whose rules relate fields (end after start, one of two keys). */
let examples: Record<string, unknown[]> = {};
const statusCounts = new Map<number, number>();
/** Operations that answered a 2xx at least once: the others never got past validation or access. */
const reachedSuccess = new Set<string>();
let requestsSent = 0;
const startedAt = Date.now();

async function newUser(caller: Caller): Promise<TestUser> {
  const user = caller === "automation" ? await org.user("responder", { automation: true }) : await org.user(caller as Role);
  pools[caller].push(user);
  return user;
}

/** The user who sends the next request as `caller`, with writes left in this minute's budget. */
async function userFor(caller: Caller, write: boolean): Promise<TestUser | undefined> {
  if (caller === "none") return undefined;
  let user = pools[caller].at(-1)!;
  if (write) {
    if ((writesBy.get(user.id) ?? 0) >= WRITES_PER_USER) user = await newUser(caller);
    writesBy.set(user.id, (writesBy.get(user.id) ?? 0) + 1);
  }
  return user;
}

async function setupCall(method: string, path: string, body?: unknown) {
  const res = await api(method, path, { token: owner.token, body });
  if (res.status >= 300) throw new Error(`fuzz setup: ${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const RESOLUTION = { servicesRestored: true, customerImpactEnded: true, metricsNormal: true, noResidualIssue: true };

async function setupOrg() {
  org = await createOrg();
  owner = await org.user("admin");
  await Promise.all((["admin", "responder", "viewer", "automation"] as const).map((c) => newUser(c)));
  const [responder] = pools.responder;
  const member = await org.user("responder");

  await setupCall("POST", "/api/v1/teams", { key: "fuzz-team", name: "Fuzz team" });
  await setupCall("POST", "/api/v1/teams/fuzz-team/members", { user: responder!.handle, lead: true });
  await setupCall("POST", "/api/v1/teams/fuzz-team/members", { user: member.handle });
  await setupCall("POST", "/api/v1/teams", { key: "fuzz-other", name: "Other team" });
  const schedule = await setupCall("POST", "/api/v1/schedules", {
    name: "Fuzz primary",
    team: "fuzz-team",
    timeZone: "Europe/Berlin",
    layers: [{ start: "2026-01-01T09:00", shift: { unit: "week", count: 1 }, participants: [responder!.handle, member.handle] }],
  });
  await setupCall("POST", `/api/v1/schedules/${schedule.id}/overrides`, { user: member.handle, start: "2026-02-01T00:00:00Z", end: "2026-02-02T00:00:00Z" });
  // A long delay: the first step pages at once, nothing escalates while the test runs.
  const policy = await setupCall("POST", "/api/v1/escalation-policies", { name: "Fuzz policy", steps: [{ targets: [{ kind: "schedule", schedule: schedule.id }], delayMinutes: 600 }], repeat: 0 });
  await setupCall("POST", "/api/v1/services", { key: "SVC-FUZZ-A", name: "Fuzz A", team: "fuzz-team", tier: 1, escalationPolicy: policy.id });
  await setupCall("POST", "/api/v1/services", { key: "SVC-FUZZ-B", name: "Fuzz B", team: "fuzz-team", tier: 2, dependsOn: ["SVC-FUZZ-A"] });
  await setupCall("POST", "/api/v1/changes", { service: "SVC-FUZZ-A", kind: "deploy", summary: "v2" });
  await setupCall("POST", "/api/v1/notification-channels", { name: "Nowhere", url: "http://127.0.0.1:9/hook" });

  // An active incident with everything on it, a resolved one with its postmortem, a private one.
  const active = await setupCall("POST", "/api/v1/incidents", { title: "Fuzz active", severity: "SEV2", services: ["SVC-FUZZ-A"] });
  await setupCall("POST", `/api/v1/incidents/${active.ref}/workstreams`, { title: "Rollback", goal: "v1 everywhere", lead: responder!.handle });
  await setupCall("POST", `/api/v1/incidents/${active.ref}/board`, { kind: "hypothesis", text: "The deploy" });
  await setupCall("POST", `/api/v1/incidents/${active.ref}/decisions`, { decision: "Roll back", rationale: "Started with the deploy" });
  await setupCall("POST", `/api/v1/incidents/${active.ref}/updates`, { condition: "Down", action: "Rolling back", need: "" });
  await setupCall("POST", `/api/v1/incidents/${active.ref}/share-links`, {});
  await setupCall("PUT", `/api/v1/incidents/${active.ref}/roles/scribe`, { user: responder!.handle });
  // An offer of command waiting for its answer (the owner declared, so commands).
  await setupCall("POST", `/api/v1/incidents/${active.ref}/handovers`, { to: member.handle, briefing: "Fuzzing, nothing burns" });
  const done = await setupCall("POST", "/api/v1/incidents", { title: "Fuzz resolved", severity: "SEV3", services: ["SVC-FUZZ-B"] });
  await setupCall("PATCH", `/api/v1/incidents/${done.ref}`, { version: done.version, status: "resolved", reason: "fixed", resolution: RESOLUTION });
  await setupCall("POST", `/api/v1/incidents/${done.ref}/postmortem`, {});
  await setupCall("POST", `/api/v1/incidents/${done.ref}/postmortem/comments`, { section: "summary", body: "More detail" });
  await setupCall("POST", `/api/v1/incidents/${done.ref}/postmortem/reviewers`, { reviewer: responder!.handle });
  await setupCall("POST", "/api/v1/action-items", { title: "Alert on it", owner: responder!.handle, dueAt: "2030-01-01", kind: "detect", incident: done.ref });
  const hidden = await setupCall("POST", "/api/v1/incidents", { title: "Fuzz private", severity: "SEV1", private: true });
  const standalone = await setupCall("POST", "/api/v1/postmortems", { type: "near_miss", title: "Almost" });
  await setupCall("POST", `/api/v1/postmortems/${standalone.id}/comments`, { section: "summary", body: "Hm" });

  // The first page of the active incident's escalation (sent by a job right after the declare).
  const db = testDb();
  const deadline = Date.now() + 30_000;
  while (!(await db.page.count({ where: { orgId: org.id } }))) {
    if (Date.now() > deadline) throw new Error("fuzz setup: no page was sent for the active incident");
    await new Promise((r) => setTimeout(r, 200));
  }
  // Spare tokens the fuzzer may revoke (never the ones its users send).
  for (const user of Object.values(pools).flat()) {
    await db.apiToken.create({ data: { orgId: org.id, userId: user.id, name: "spare", tokenHash: `spare-${user.id}`, prefix: "spare" } });
  }

  // Integration keys the fuzzer may revoke, on both services.
  for (const key of ["SVC-FUZZ-A", "SVC-FUZZ-B"]) {
    const service = await db.service.findFirstOrThrow({ where: { orgId: org.id, key }, select: { id: true } });
    const spare = await db.integrationKey.create({ data: { orgId: org.id, serviceId: service.id, name: "spare", keyHash: `spare-${service.id}`, prefix: "spare" } });
    await db.alertDelivery.create({ data: { orgId: org.id, serviceId: service.id, integrationKeyId: spare.id, source: "generic", body: "{}", status: 202 } });
    await db.maintenanceWindow.create({ data: { orgId: org.id, serviceId: service.id, startsAt: new Date(), endsAt: new Date(Date.now() + 3_600_000), reason: "fuzz" } });
    await setupCall("POST", `/api/v1/services/${key}/heartbeats`, { name: "fuzz-beat", intervalMinutes: 60 });
    // Alerts that opened nothing: for feedback and declaring from alerts.
    const now = new Date();
    for (const identity of ["fuzz-a", "fuzz-b"]) {
      await db.alert.create({ data: { orgId: org.id, serviceId: service.id, integrationKeyId: spare.id, source: "generic", identity, identityFrom: "dedup_key", status: "firing", summary: `Fuzz ${identity}`, severity: "error", firstSeenAt: now, lastSeenAt: now, action: "record" } });
    }
  }

  const incidents = await db.incident.findMany({ where: { orgId: org.id }, select: { id: true, number: true, lastSeq: true } });
  const incidentIds = incidents.map((i) => i.id);
  const ids = async <T extends { id: string }>(rows: Promise<T[]>) => (await rows).map((r) => r.id);
  const postmortems = await db.postmortem.findMany({ where: { orgId: org.id }, select: { id: true, sections: { select: { key: true } } } });
  Object.assign(real, {
    ref: [...incidents.map((i) => `INC-${i.number}`), active.ref, active.ref, done.ref, hidden.ref],
    workstream: await ids(db.workstream.findMany({ where: { incidentId: { in: incidentIds } }, select: { id: true } })),
    board: await ids(db.boardItem.findMany({ where: { incidentId: { in: incidentIds } }, select: { id: true } })),
    seq: [...new Set(incidents.flatMap((i) => Array.from({ length: i.lastSeq }, (_, k) => String(k + 1))))],
    role: ["commander", "ops_lead", "comms_lead", "scribe", "sme", "support_lead", "exec_sponsor"],
    shareLink: await ids(db.shareLink.findMany({ where: { incidentId: { in: incidentIds } }, select: { id: true } })),
    sectionKey: [...new Set(postmortems.flatMap((p) => p.sections.map((s) => s.key)))],
    comment: await ids(db.postmortemComment.findMany({ where: { postmortemId: { in: postmortems.map((p) => p.id) } }, select: { id: true } })),
    postmortem: postmortems.map((p) => p.id),
    schedule: [schedule.id],
    override: await ids(db.scheduleOverride.findMany({ where: { scheduleId: schedule.id }, select: { id: true } })),
    service: ["SVC-FUZZ-A", "SVC-FUZZ-B"],
    team: ["fuzz-team", "fuzz-other"],
    handle: [responder!.handle, member.handle, owner.handle, `@${member.handle}`, member.email],
    policy: [policy.id],
    page: await ids(db.page.findMany({ where: { orgId: org.id }, select: { id: true } })),
    channel: await ids(db.notificationChannel.findMany({ where: { orgId: org.id }, select: { id: true } })),
    token: await ids(db.apiToken.findMany({ where: { orgId: org.id, name: "spare" }, select: { id: true } })),
    integrationKey: await ids(db.integrationKey.findMany({ where: { orgId: org.id, name: "spare" }, select: { id: true } })),
    actionItem: await ids(db.actionItem.findMany({ where: { orgId: org.id }, select: { id: true } })),
    change: await ids(db.change.findMany({ where: { orgId: org.id }, select: { id: true } })),
    // Opsgenie-style aliases: the fuzz callers hold no integration key, so these routes answer 401 (or 400, 404).
    // Alert ids for /alerts/{id}/feedback (the segment before is "alerts" too).
    alias: ["checkout-5xx", "db/primary", ...(await ids(db.alert.findMany({ where: { orgId: org.id }, select: { id: true } })))],
    delivery: await ids(db.alertDelivery.findMany({ where: { orgId: org.id }, select: { id: true } })),
    maintenance: await ids(db.maintenanceWindow.findMany({ where: { orgId: org.id }, select: { id: true } })),
    // Ids for /heartbeats/{id}/ping and services' heartbeats, names for Opsgenie's /v2/heartbeats/{name}/ping.
    heartbeat: [...(await ids(db.heartbeat.findMany({ where: { orgId: org.id }, select: { id: true } }))), "fuzz-beat"],
    handover: await ids(db.handover.findMany({ where: { orgId: org.id }, select: { id: true } })),
    decision: await ids(db.decision.findMany({ where: { incidentId: { in: incidentIds } }, select: { id: true } })),
  });
  const people = [...real.handle!, ...Object.values(pools).flat().map((u) => u.handle)];
  // Body and query fields that name things of the organization, by property name.
  hints = {
    user: people,
    to: people,
    lead: people,
    owner: people,
    reviewer: people,
    participants: people,
    team: real.team!,
    alertIds: real.alias!.slice(2),
    service: real.service!,
    services: real.service!,
    dependsOn: real.service!,
    escalationPolicy: real.policy!,
    schedule: [...real.schedule!, "Fuzz primary"],
    incident: real.ref!,
    postmortem: real.postmortem!,
    section: real.sectionKey!,
    changeId: real.change!,
    version: [1, 2, 3, LIVE_VERSION, LIVE_VERSION],
    key: ["summary", "fuzz-new", "SVC-FUZZ-NEW"],
    timeZone: ["Europe/Berlin", "America/Chicago", "UTC", "Mars/Olympus"],
    tz: ["Europe/Berlin", "UTC", "Mars/Olympus"],
    url: ["https://example.com/runbook", "http://127.0.0.1:9/hook"],
    link: ["https://ci.example.com/run/1"],
    threadUrl: ["https://chat.example.com/thread/1"],
    trackerUrl: ["https://tracker.example.com/T-1"],
    status: ["active", "investigating,mitigated", "resolved,closed", "open", "done"],
    severity: ["SEV1", "SEV0,SEV2"],
  };
  const template = await setupCall("GET", "/api/v1/org/postmortem-template");
  const soon = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
  const [r, m] = [responder!.handle, member.handle];
  examples = {
    IncidentCreate: [{ title: "Fuzzed", severity: "SEV3", services: ["SVC-FUZZ-A"], startedAt: soon(-1), summary: "s" }, { title: "Drill", severity: "SEV4", drill: true, private: true }],
    ScheduleCreate: [{ name: "Fuzz weekly", team: "fuzz-team", timeZone: "America/Chicago", layers: [{ start: "2026-03-08T02:30", shift: { unit: "day", count: 1 }, participants: [r, m] }, { name: "nights", start: "2026-01-01T20:00", shift: { unit: "hour", count: 12 }, participants: [m] }] }],
    SchedulePatch: [{ version: LIVE_VERSION, name: "Renamed", timeZone: "Europe/Berlin" }, { version: LIVE_VERSION, layers: [{ start: "2026-10-25T02:30", shift: { unit: "week", count: 2 }, participants: [m] }] }],
    OverrideCreate: [{ user: m, start: soon(1), end: soon(5) }, { user: r, start: soon(-48), end: soon(48) }],
    ChangeCreate: [{ service: "SVC-FUZZ-A", kind: "deploy", summary: "v3", at: soon(-0.5), link: "https://ci.example.com/1", version: "v3" }, { service: "SVC-FUZZ-B", kind: "flag", summary: "flag on" }],
    ActionItemCreate: [{ title: "Fix", owner: r, dueAt: "2030-01-01", kind: "prevent", incident: real.ref![0], trackerUrl: "https://tracker.example.com/T-2" }, { title: "Fix", owner: m, dueAt: soon(24), kind: "detect", postmortem: real.postmortem!.at(-1) }],
    ServiceCreate: [{ key: "SVC-FUZZ-C", name: "C", team: "fuzz-team", tier: 3, dependsOn: ["SVC-FUZZ-A"], links: [{ label: "Runbook", url: "https://example.com/rb" }], escalationPolicy: policy.id }],
    ServicePatch: [{ version: LIVE_VERSION, tier: 2, reviewed: true }, { version: LIVE_VERSION, dependsOn: ["SVC-FUZZ-B"], escalationPolicy: null }],
    IncidentPatch: [
      { version: LIVE_VERSION, severity: "SEV1", reason: "worse" },
      { version: LIVE_VERSION, status: "mitigated", reason: "rolled back" },
      { version: LIVE_VERSION, status: "resolved", reason: "fixed", resolution: RESOLUTION },
      { version: LIVE_VERSION, status: "closed", reason: "done" },
      { version: LIVE_VERSION, status: "investigating", reason: "back again" },
      { version: LIVE_VERSION, links: [{ label: "Dashboard", url: "https://grafana.example.com/d/1" }], services: ["SVC-FUZZ-B"] },
    ],
    PostmortemTemplatePut: [{ version: template.version, sections: template.sections.map(({ key, title, prompt, required }: Record<string, unknown>) => ({ key, title, prompt, required })) }],
    PolicyCreate: [{ name: "Fuzz two", steps: [{ targets: [{ kind: "user", user: r }, { kind: "schedule", schedule: "Fuzz primary" }], delayMinutes: 600 }], repeat: 1 }],
    WorkstreamCreate: [{ title: "Comms", goal: "Tell customers", lead: m, threadUrl: "https://chat.example.com/t/2" }],
  };
}

/**
 * A `version` that send() replaces with the target's current one (read from Postgres), so that
 * optimistic-concurrency writes get past the 409 into the code behind it. Where it cannot, a plain 409.
 */
const LIVE_VERSION = 2_147_480_000;

/** The current version of the thing a PATCH path names, for the resources that have one. */
async function currentVersion(path: string): Promise<number | null> {
  const segs = path.split("?", 1)[0]!.split("/").map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  const [, , , kind, id, sub, subId] = segs;
  // Junk ids (a NUL, a lone surrogate, 4,000 characters) name nothing: the server refuses them; our own
  // lookup must not send them to Postgres (a NUL there fails the test's query, not the server's).
  const plausible = (s: string | undefined) => s === undefined || /^[A-Za-z0-9_-]{1,100}$/.test(s);
  if (!plausible(id) || !plausible(subId)) return null;
  const db = testDb();
  if (kind === "incidents" && id && /^INC-\d{1,9}$/.test(id)) {
    const incident = await db.incident.findFirst({ where: { orgId: org.id, number: Number(id.slice(4)) }, select: { id: true, version: true } });
    if (!incident) return null;
    if (sub === undefined) return incident.version;
    if (sub === "workstreams" && subId) return (await db.workstream.findFirst({ where: { id: subId, incidentId: incident.id }, select: { version: true } }))?.version ?? null;
    if (sub === "board" && subId) return (await db.boardItem.findFirst({ where: { id: subId, incidentId: incident.id }, select: { version: true } }))?.version ?? null;
    return null;
  }
  if (sub !== undefined || !id) return null;
  if (kind === "services") return (await db.service.findFirst({ where: { orgId: org.id, key: id }, select: { version: true } }))?.version ?? null;
  if (kind === "schedules") return (await db.schedule.findFirst({ where: { orgId: org.id, id }, select: { version: true } }))?.version ?? null;
  if (kind === "escalation-policies") return (await db.escalationPolicy.findFirst({ where: { orgId: org.id, id }, select: { version: true } }))?.version ?? null;
  if (kind === "action-items") return (await db.actionItem.findFirst({ where: { orgId: org.id, id }, select: { version: true } }))?.version ?? null;
  return null;
}

// ---------------------------------------------------------------------------
// Requests.

/** Which fixture a path parameter names: by the segment before it. */
const FIXTURE_BY_SEGMENT: Record<string, string> = {
  incidents: "ref",
  status: "ref",
  workstreams: "workstream",
  board: "board",
  timeline: "seq",
  roles: "role",
  "share-links": "shareLink",
  sections: "sectionKey",
  comments: "comment",
  postmortems: "postmortem",
  schedules: "schedule",
  overrides: "override",
  services: "service",
  teams: "team",
  members: "handle",
  "escalation-policies": "policy",
  pages: "page",
  "notification-channels": "channel",
  tokens: "token",
  "integration-keys": "integrationKey",
  "alert-deliveries": "delivery",
  maintenance: "maintenance",
  heartbeats: "heartbeat",
  "action-items": "actionItem",
  alerts: "alias",
  handovers: "handover",
  decisions: "decision",
};

/** Path segments no route resolves to a thing (sent raw: malformed percent-encodings included). */
const JUNK_SEGMENTS = [
  "%ZZ",
  "%00",
  "%",
  "%E0%A4%A",
  "%ED%A0%80",
  "%C0%AF",
  "%FF",
  "x".repeat(4000),
  "INC-0",
  "INC-99999999999",
  "INC-2147483648",
  "-1",
  "0",
  "2147483648",
  "9007199254740993",
  "1.5",
  "1e3",
  "null",
  "%20",
  "a%2Fb",
  "%F0%9F%99%82",
  "clzzzzzzzzzzzzzzzzzzzzzzz",
  "SVC-NOPE",
  "nope",
];

const HOSTILE_QUERY = ["%00", "a%00b", "%ZZ", "%ED%A0%80", "99999999999", "2147483648", "-2147483649", "9007199254740993", "-1", "0", "1.5", "1e3", "", "abc", "%20", ...HOSTILE_DATES.map(encodeURIComponent), "x".repeat(5000)];

function pathArb(template: string, op: Operation): fc.Arbitrary<string> {
  const parts = template.split("/").map((seg, i, all) => {
    const m = /^\{(.+)\}$/.exec(seg);
    if (!m) return fc.constant(seg);
    const fixture = FIXTURE_BY_SEGMENT[all[i - 1]!];
    const values = (fixture && real[fixture]) || [];
    const junk = fc.constantFrom(...JUNK_SEGMENTS);
    if (!values.length) throw new Error(`fuzz: no fixture for {${m[1]}} in ${template} (${op.operationId})`);
    return fc.oneof({ weight: 7, arbitrary: fc.constantFrom(...values).map(encodeURIComponent) }, { weight: 1, arbitrary: junk });
  });
  return fc.tuple(...parts).map((segs) => segs.join("/"));
}

function queryArb(op: Operation, hostility: number): fc.Arbitrary<string> {
  const params = (op.parameters ?? []).filter((p) => p.in === "query");
  const one = (p: Parameter) =>
    fc.oneof(
      { weight: hostility > 0 ? 2 : 5, arbitrary: valueArb(p.schema ?? { type: "string" }, { hints, hostility: 0 }, p.name).map((v) => encodeURIComponent(typeof v === "string" ? v : JSON.stringify(v))) },
      { weight: hostility > 0 ? 3 : 0, arbitrary: fc.constantFrom(...HOSTILE_QUERY, ...HOSTILE_NUMBERS.map(String)) },
    );
  const picked = params.map((p) => fc.option(one(p).map((v) => `${p.name}=${v}`), { nil: undefined, freq: 2 }));
  const extras = hostility > 0 ? fc.array(fc.constantFrom("limit=0", "limit=99999999999", "after=99999999999", "cursor=%00", "q=%00", "q=%ZZ", "unknown=1", "limit=1&limit=2", "%ZZ=1", "="), { maxLength: 2 }) : fc.constant([]);
  return fc.tuple(fc.tuple(...picked), extras).map(([ps, ex]) => {
    const all = [...ps.filter((p): p is string => p !== undefined), ...ex];
    return all.length ? `?${all.join("&")}` : "";
  });
}

/** Over the server's 1 MiB body limit: a 413. */
const OVER_1_MIB = JSON.stringify({ title: "x".repeat(1024 * 1024 + 10) });
const RAW_BODIES = ["{", '{"a":', "[", "null", "1", '"text"', "[]", "true", "{}", '{"__proto__":{"admin":true}}', "\u0000", "{\"title\":\"\\ud800\"}"];

function bodyArb(op: Operation, hostility: number): fc.Arbitrary<{ body?: string; contentType?: string }> {
  const schema = op.requestBody?.content["application/json"]?.schema;
  const resolved = schema?.$ref ? doc.components.schemas[schema.$ref.split("/").at(-1)!]! : schema;
  const raw = fc.constantFrom(...RAW_BODIES).map((body) => ({ body, contentType: "application/json" }));
  if (!resolved) return hostility > 0 ? fc.oneof(fc.constant({}), raw) : fc.constant({});
  const own = examples[schema?.$ref?.split("/").at(-1) ?? ""] ?? [];
  const validValue = own.length ? fc.oneof(valueArb(resolved, { hints, hostility: 0 }), fc.constantFrom(...own)) : valueArb(resolved, { hints, hostility: 0 });
  const asJson = (v: unknown) => ({ body: JSON.stringify(v) ?? "null", contentType: "application/json" });
  if (hostility <= 0) return validValue.map(asJson);
  const json = valueArb(resolved, { hints, hostility }).map(asJson);
  return fc.oneof(
    { weight: 12, arbitrary: validValue.chain((v) => mutationArb(resolved, v)).map(asJson) },
    { weight: 4, arbitrary: json },
    { weight: 2, arbitrary: raw },
    { weight: 1, arbitrary: valueArb(resolved, { hints, hostility: 0 }).map((v) => ({ body: JSON.stringify(v), contentType: "text/plain" })) },
    { weight: 1, arbitrary: fc.constant({ body: OVER_1_MIB, contentType: "application/json" }) },
  );
}

/** A valid request: a fresh key or none. A hostile one: keys from a small pool, so some repeat with another body, or malformed. */
const idempotencyArb = (hostility: number) =>
  hostility > 0
    ? fc.option(fc.constantFrom("fuzz-key-1", "fuzz-key-2", "k".repeat(200), "k".repeat(201), " "), { nil: undefined, freq: 2 })
    : fc.option(fc.uuid(), { nil: undefined, freq: 2 });
/** How a request without a user presents itself. */
const NO_TOKEN = [undefined, "Bearer nope", "Bearer ", `Bearer ${"x".repeat(10_000)}`, "Basic YTpi", "Bearer conn_%00"];

function requestArb(template: string, method: string, op: Operation, caller: Caller): fc.Arbitrary<Omit<FuzzRequest, "headers"> & { headers: Record<string, string>; auth?: string }> {
  const hostility = fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constant(0.12) });
  const takesKey = (op.parameters ?? []).some((p) => p.in === "header" && p.name === "Idempotency-Key");
  return hostility.chain((h) =>
    fc.record({
      path: pathArb(template, op),
      query: queryArb(op, h),
      // fetch sends no body with a GET.
      body: method !== "get" && (WRITE_METHODS.has(method) || h > 0) ? bodyArb(op, h) : fc.constant<{ body?: string; contentType?: string }>({}),
      key: takesKey ? idempotencyArb(h) : fc.constant(undefined),
      auth: caller === "none" ? fc.constantFrom(...NO_TOKEN) : fc.constant(undefined),
    }).map(({ path, query, body, key, auth }) => {
      const headers: Record<string, string> = {};
      if (body.contentType) headers["content-type"] = body.contentType;
      if (key !== undefined) headers["idempotency-key"] = key;
      if (auth !== undefined) headers.authorization = auth;
      return { operationId: op.operationId, caller, method: method.toUpperCase(), path: path + query, headers, body: body.body };
    }),
  );
}

// ---------------------------------------------------------------------------
// What a refused request must leave alone.

async function snapshot(): Promise<string> {
  const [row] = await testDb().$queryRaw<{ incidents: bigint; seqs: bigint; system: bigint; audit: bigint }[]>`
    SELECT (SELECT count(*) FROM "Incident" WHERE "orgId" = ${org.id}) AS incidents,
           (SELECT coalesce(sum("lastSeq"), 0) FROM "Incident" WHERE "orgId" = ${org.id}) AS seqs,
           (SELECT count(*) FROM "TimelineEntry" t JOIN "Incident" i ON i.id = t."incidentId" WHERE i."orgId" = ${org.id} AND t."actorKind" = 'system') AS system,
           (SELECT count(*) FROM "AuditLog" WHERE "orgId" = ${org.id} AND "actorKind" <> 'system') AS audit`;
  // Jobs (paging, deliveries) write as the system while the test runs: only people's and automations' writes count.
  return `incidents=${row!.incidents} timeline seqs (not by the system)=${Number(row!.seqs) - Number(row!.system)} audit rows=${row!.audit}`;
}

/** The one exception to the error shape: Events v2 (and its change events) refuses as PagerDuty does, so its senders understand it. */
const PAGERDUTY_SHAPED = new Set(["postAlertsEvents", "postAlertsEventsChange"]);

function eventsV2ShapeProblem(body: unknown): string | null {
  const b = body as { status?: unknown; message?: unknown; errors?: unknown } | null;
  if (b?.status === "invalid event" && b.message === "Event object is invalid" && Array.isArray(b.errors) && b.errors.length > 0) return null;
  return `an Events v2 400 not in PagerDuty's shape: ${JSON.stringify(body)?.slice(0, 300)}`;
}

function errorShapeProblem(status: number, body: unknown): string | null {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (!body || typeof body !== "object" || !error || typeof error !== "object") return `a ${status} whose body is not {"error":{…}}: ${JSON.stringify(body)?.slice(0, 300)}`;
  if (typeof error.code !== "string" || !(error.code in CODE_STATUS)) return `unknown error code ${JSON.stringify(error.code)}`;
  if (typeof error.message !== "string" || !error.message) return "error.message missing";
  if (CODE_STATUS[error.code] !== status) return `code ${error.code} with status ${status} (its status is ${CODE_STATUS[error.code]})`;
  return null;
}

let before = "";

async function send(r: FuzzRequest & { auth?: string }): Promise<string | null> {
  const write = WRITE_METHODS.has(r.method.toLowerCase());
  const user = await userFor(r.caller, write);
  const headers = { ...r.headers };
  if (user) headers.authorization = `Bearer ${user.token}`;
  if (r.body?.includes(`"version":${LIVE_VERSION}`)) {
    const version = await currentVersion(r.path);
    // In place: a failure then prints the body as sent.
    if (version !== null) r.body = r.body.replaceAll(`"version":${LIVE_VERSION}`, `"version":${version}`);
  }
  let res: Awaited<ReturnType<typeof api>>;
  try {
    res = await api(r.method, r.path, { headers, rawBody: r.body });
  } catch (error) {
    return `no answer: ${(error as Error).message}`;
  }
  requestsSent++;
  statusCounts.set(res.status, (statusCounts.get(res.status) ?? 0) + 1);
  if (res.status < 300) reachedSuccess.add(r.operationId);
  const after = await snapshot();
  const was = before;
  before = after;
  if (res.status >= 500) return `${res.status}: ${JSON.stringify(res.body)?.slice(0, 300)}`;
  if (res.status === 429) return `429: the fuzz test's write budget per user (${WRITES_PER_USER}/min) is wrong, or the limit changed`;
  if (res.status >= 400) {
    const shape = PAGERDUTY_SHAPED.has(r.operationId) && res.status === 400 ? eventsV2ShapeProblem(res.body) : errorShapeProblem(res.status, res.body);
    if (shape) return shape;
    if (after !== was) return `refused with ${res.status} ${(res.body as any).error?.code ?? (res.body as any).status} but changed the organization: ${was} → ${after}`;
  }
  return null;
}

// ---------------------------------------------------------------------------

const operations = Object.entries(doc.paths)
  .flatMap(([template, item]) => Object.entries(item).map(([method, op]) => ({ template, method, op })))
  // Deletes last: they may remove the fixtures the other operations point at.
  .sort((a, b) => Number(a.method === "delete") - Number(b.method === "delete"));

beforeAll(async () => {
  await setupOrg();
  before = await snapshot();
}, 60_000);

afterAll(async () => {
  const statuses = [...statusCounts].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(" ");
  const never = operations.filter(({ op }) => !reachedSuccess.has(op.operationId)).map(({ op }) => op.operationId);
  console.log(`[fuzz] seed ${SEED}: ${requestsSent} requests over ${operations.length} operations in ${((Date.now() - startedAt) / 1000).toFixed(1)} s; statuses ${statuses}`);
  console.log(`[fuzz] ${operations.length - never.length} operations answered a 2xx at least once; never: ${never.join(", ") || "none"}`);
});

describe(`fuzz from the OpenAPI document (FUZZ_SEED=${SEED})`, () => {
  it("covers every operation of the document", () => {
    expect(operations.length).toBeGreaterThan(90);
  });

  operations.forEach(({ template, method, op }, index) => {
    it(`${method.toUpperCase()} ${template}`, async () => {
      const failures: string[] = [];
      for (const [callerIndex, caller] of (Object.keys(PER_CALLER) as Caller[]).entries()) {
        const seed = (SEED + index * 7919 + callerIndex * 104729) | 0;
        const requests = fc.sample(requestArb(template, method, op, caller), { seed, numRuns: PER_CALLER[caller] * RUNS });
        for (const request of requests) {
          const problem = await send(request);
          if (problem) failures.push(`  ${problem}\n    ${describeRequest(request)}`);
        }
      }
      if (failures.length) {
        const replay = `FUZZ_SEED=${SEED}${RUNS > 1 ? ` FUZZ_RUNS=${RUNS}` : ""} npx vitest run --project integration e2e/api/fuzz.test.ts`;
        throw new Error(`${failures.length} failing request(s) (replay: ${replay}):\n${failures.slice(0, 8).join("\n")}${failures.length > 8 ? `\n  … and ${failures.length - 8} more` : ""}`);
      }
    });
  });
});
