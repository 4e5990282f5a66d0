// Demo data for an empty database: the Acme organization, its people, teams and
// services, recent changes, and a handful of incidents with realistic timelines
// (one still live). Sign in as admin@example.com / conn-demo.
//
// Everything is relative to `now`, so the demo always looks recent. Imported by
// the server (lib/server/bootstrap.ts): no top-level side effects.
import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import type { z } from "zod";
import { nextUpdateDue } from "@/lib/domain/cadence";
import { checkTransition, timestampsAfter, type IncidentStatus } from "@/lib/domain/lifecycle";
import type { Priority, Severity } from "@/lib/domain/severity";
import type { TimelineKind, timelineDataSchemas } from "@/lib/domain/timeline";
import type { ActorKind, IncidentRole, OrgRole, Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { onCallAt, type Override, type ScheduleRotation } from "@/lib/domain/schedule";
import { hashPassword } from "@/lib/server/password";

export const DEMO_PASSWORD = "conn-demo";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Json = Prisma.InputJsonValue;
type EntryData<K extends keyof typeof timelineDataSchemas> = z.infer<(typeof timelineDataSchemas)[K]>;

// ─── People, teams, services ───────────────────────────────────────────────

interface DemoUser {
  handle: string;
  name: string;
  timeZone: string;
  role: OrgRole;
  workdayStart?: string;
  workdayEnd?: string;
}

const USERS: DemoUser[] = [
  { handle: "admin", name: "Ada Admin", timeZone: "Europe/London", role: "admin" },
  { handle: "ic", name: "Ian Commander", timeZone: "America/Chicago", role: "responder" },
  { handle: "exec", name: "Erin Exec", timeZone: "America/New_York", role: "viewer" },
  { handle: "jtsimmons", name: "Jamie T. Simmons", timeZone: "America/Chicago", role: "responder" },
  { handle: "mpatel", name: "Meera Patel", timeZone: "Asia/Kolkata", role: "responder", workdayStart: "10:00", workdayEnd: "18:30" },
  { handle: "lchen", name: "Lin Chen", timeZone: "America/Los_Angeles", role: "responder" },
  { handle: "okafor", name: "Chidi Okafor", timeZone: "Europe/London", role: "responder", workdayStart: "08:30", workdayEnd: "16:30" },
  { handle: "sgarcia", name: "Sofía García", timeZone: "Europe/Madrid", role: "responder" },
  { handle: "dkim", name: "Daniel Kim", timeZone: "Asia/Seoul", role: "responder" },
  { handle: "anowak", name: "Anna Nowak", timeZone: "Europe/Warsaw", role: "responder" },
  { handle: "rbrown", name: "Rachel Brown", timeZone: "America/New_York", role: "responder", workdayStart: "08:00", workdayEnd: "16:00" },
  { handle: "tnguyen", name: "Thanh Nguyen", timeZone: "Australia/Sydney", role: "responder" },
  { handle: "hmueller", name: "Hannah Müller", timeZone: "Europe/Berlin", role: "responder" },
];

const TEAMS: { key: string; name: string; members: string[]; lead: string }[] = [
  { key: "payments", name: "Payments", members: ["jtsimmons", "mpatel", "sgarcia", "rbrown"], lead: "jtsimmons" },
  { key: "platform", name: "Platform", members: ["lchen", "ic", "dkim", "tnguyen"], lead: "lchen" },
  { key: "identity", name: "Identity", members: ["okafor", "anowak", "hmueller"], lead: "okafor" },
];

interface DemoService {
  key: string;
  name: string;
  description: string;
  team: string;
  tier: number;
  links: { label: string; url: string }[];
  reviewedDaysAgo: number;
}

const SERVICES: DemoService[] = [
  {
    key: "SVC-CHECKOUT",
    name: "Checkout",
    description: "Cart, address and order confirmation flow for the web and mobile storefronts.",
    team: "payments",
    tier: 1,
    links: [
      { label: "Runbook", url: "https://example.com/runbooks/checkout" },
      { label: "Dashboard", url: "https://example.com/dashboards/checkout" },
      { label: "Repository", url: "https://example.com/git/acme/checkout" },
    ],
    reviewedDaysAgo: 18,
  },
  {
    key: "SVC-PAYMENTS-API",
    name: "Payments API",
    description: "Card authorization, capture and refunds; talks to the payment processors.",
    team: "payments",
    tier: 1,
    links: [
      { label: "Runbook", url: "https://example.com/runbooks/payments-api" },
      { label: "Dashboard", url: "https://example.com/dashboards/payments-api" },
    ],
    reviewedDaysAgo: 41,
  },
  {
    key: "SVC-AUTH",
    name: "Auth",
    description: "Sign-in, sessions, OAuth tokens and MFA for customers and staff.",
    team: "identity",
    tier: 1,
    links: [
      { label: "Runbook", url: "https://example.com/runbooks/auth" },
      { label: "Dashboard", url: "https://example.com/dashboards/auth" },
    ],
    // Not reviewed for over 90 days: a hygiene flag.
    reviewedDaysAgo: 131,
  },
  {
    key: "SVC-API-GATEWAY",
    name: "API Gateway",
    description: "Edge routing, TLS termination and rate limiting in front of every public API.",
    team: "platform",
    tier: 1,
    // Tier 1 without a runbook: a hygiene flag.
    links: [
      { label: "Dashboard", url: "https://example.com/dashboards/api-gateway" },
      { label: "Repository", url: "https://example.com/git/acme/gateway" },
    ],
    reviewedDaysAgo: 27,
  },
  {
    key: "SVC-SEARCH",
    name: "Search",
    description: "Product search and category listings, fed by the search indexer from the catalog stream.",
    team: "platform",
    tier: 2,
    links: [
      { label: "Runbook", url: "https://example.com/runbooks/search" },
      { label: "Indexer lag", url: "https://example.com/dashboards/search-indexer" },
    ],
    reviewedDaysAgo: 55,
  },
  {
    key: "SVC-NOTIFICATIONS",
    name: "Notifications",
    description: "Transactional email, SMS and push (order confirmations, shipping updates).",
    team: "platform",
    tier: 3,
    links: [{ label: "Repository", url: "https://example.com/git/acme/notifications" }],
    reviewedDaysAgo: 33,
  },
];

const DEPENDENCIES: [string, string][] = [
  ["SVC-CHECKOUT", "SVC-PAYMENTS-API"],
  ["SVC-CHECKOUT", "SVC-AUTH"],
  ["SVC-CHECKOUT", "SVC-API-GATEWAY"],
  ["SVC-PAYMENTS-API", "SVC-AUTH"],
];

// ─── On-call schedules ─────────────────────────────────────────────────────

interface DemoSchedule {
  team: string;
  name: string;
  timeZone: string;
  /** Each layer starts on a Monday at `hour` local, `weeksAgo` weeks before this week's Monday (negative: in the future). */
  layers: { name: string; weeksAgo: number; hour: number; participants: string[] }[];
  /** Relative to now, rounded down to the hour: [from, to) in hours. */
  overrides: { user: string; fromHours: number; toHours: number }[];
}

/** One weekly schedule per team: Chicago, Berlin, and one that switches to a new rotation in two weeks (the later layer wins). */
const SCHEDULES: DemoSchedule[] = [
  {
    team: "payments",
    name: "Payments primary",
    timeZone: "America/Chicago",
    layers: [{ name: "Weekly", weeksAgo: 9, hour: 9, participants: ["jtsimmons", "rbrown", "sgarcia", "mpatel"] }],
    // Someone covers right now, so the demo shows an override on call.
    overrides: [{ user: "sgarcia", fromHours: -3, toHours: 9 }],
  },
  {
    team: "identity",
    name: "Identity primary",
    timeZone: "Europe/Berlin",
    layers: [{ name: "Weekly", weeksAgo: 6, hour: 10, participants: ["hmueller", "anowak", "okafor"] }],
    overrides: [{ user: "okafor", fromHours: 4 * 24, toHours: 5 * 24 + 12 }],
  },
  {
    team: "platform",
    name: "Platform primary",
    timeZone: "America/Chicago",
    layers: [
      { name: "Weekly", weeksAgo: 12, hour: 9, participants: ["lchen", "ic", "dkim", "tnguyen"] },
      { name: "New rotation", weeksAgo: -2, hour: 9, participants: ["dkim", "tnguyen", "lchen"] },
    ],
    overrides: [],
  },
];

// ─── Incident builder ──────────────────────────────────────────────────────

interface Ctx {
  orgId: string;
  user(handle: string): string;
  service(key: string): string;
}

interface IncidentOpts {
  number: number;
  title: string;
  summary: string;
  severity: Severity;
  priority: Priority;
  declaredAt: Date;
  /** Minutes before declaration that the impact started. */
  startedMinutesBefore?: number;
  declaredBy: string;
  services: string[];
  private?: boolean;
  drill?: boolean;
  intake?: { blastRadius: string; recentChanges: string; notify: string };
  links?: { label: string; url: string }[];
}

interface EntryOpts {
  actorKind?: ActorKind;
  pinned?: boolean;
}

/**
 * Writes an incident's history the way the app would: one timeline entry per
 * change, gapless seqs, increasing times, and the incident's fields following
 * along (status timestamps, version, next update due).
 */
class IncidentPlan {
  readonly id = randomUUID();
  private seq = 0;
  private lastAt = Number.NEGATIVE_INFINITY;
  private status: IncidentStatus = "investigating";
  private severity: Severity;
  private priority: Priority;
  private version = 1;
  private times: { mitigatedAt: Date | null; resolvedAt: Date | null; closedAt: Date | null } = {
    mitigatedAt: null,
    resolvedAt: null,
    closedAt: null,
  };
  private nextUpdateDueAt: Date | null;
  private readonly members = new Map<string, Date>();
  private readonly roles: (Prisma.RoleAssignmentCreateManyInput & { handle: string })[] = [];
  private readonly handovers: Prisma.HandoverCreateManyInput[] = [];
  private readonly entries: Prisma.TimelineEntryCreateManyInput[] = [];
  private readonly updates: Prisma.StatusUpdateCreateManyInput[] = [];
  private readonly decisions: Prisma.DecisionCreateManyInput[] = [];
  private readonly workstreams = new Map<string, Prisma.WorkstreamCreateManyInput & { version: number }>();
  private readonly board: Prisma.BoardItemCreateManyInput[] = [];

  constructor(
    private readonly ctx: Ctx,
    private readonly opts: IncidentOpts,
  ) {
    this.severity = opts.severity;
    this.priority = opts.priority;
    this.nextUpdateDueAt = nextUpdateDue(opts.severity, opts.declaredAt);
    const at = this.at(0);
    this.roles.push({
      id: randomUUID(),
      incidentId: this.id,
      role: "commander",
      userId: ctx.user(opts.declaredBy),
      handle: opts.declaredBy,
      assignedById: ctx.user(opts.declaredBy),
      assignedAt: at,
    });
    this.entry("declared", 0, opts.declaredBy, {
      title: opts.title,
      severity: opts.severity,
      priority: opts.priority,
      summary: opts.summary,
      private: opts.private ?? false,
      drill: opts.drill ?? false,
      services: opts.services,
      commander: opts.declaredBy,
      ...(opts.intake ?? {}),
    });
  }

  private at(minutes: number): Date {
    return new Date(this.opts.declaredAt.getTime() + minutes * MINUTE);
  }

  private addMember(handle: string, at: Date) {
    if (!this.members.has(handle)) this.members.set(handle, at);
  }

  private entry<K extends TimelineKind & keyof typeof timelineDataSchemas>(
    kind: K,
    minutes: number,
    author: string,
    data: EntryData<K>,
    opts: EntryOpts = {},
  ): { seq: number; at: Date } {
    const at = this.at(minutes);
    if (at.getTime() <= this.lastAt) throw new Error(`seed: INC-${this.opts.number} entry at +${minutes} min is not after the previous one`);
    this.lastAt = at.getTime();
    const seq = ++this.seq;
    this.addMember(author, at);
    this.entries.push({
      id: randomUUID(),
      incidentId: this.id,
      seq,
      kind,
      at,
      authorId: this.ctx.user(author),
      actorKind: opts.actorKind ?? "human",
      data: data as Json,
      pinned: opts.pinned ?? false,
    });
    return { seq, at };
  }

  note(minutes: number, author: string, body: string, opts: EntryOpts = {}) {
    this.entry("note", minutes, author, { body }, opts);
    return this;
  }

  update(
    minutes: number,
    author: string,
    u: { condition: string; action: string; need: string; audience: "responders" | "internal" | "exec"; nextInMinutes: number | null },
  ) {
    const id = randomUUID();
    const due = u.nextInMinutes === null ? null : this.at(minutes + u.nextInMinutes);
    const { seq, at } = this.entry("update", minutes, author, {
      updateId: id,
      condition: u.condition,
      action: u.action,
      need: u.need,
      audience: u.audience,
      nextUpdateDueAt: due ? due.toISOString() : null,
    });
    this.updates.push({
      id,
      incidentId: this.id,
      seq,
      condition: u.condition,
      action: u.action,
      need: u.need,
      audience: u.audience,
      nextUpdateDueAt: due,
      authorId: this.ctx.user(author),
      actorKind: "human",
      createdAt: at,
    });
    this.nextUpdateDueAt = due;
    return this;
  }

  decide(minutes: number, author: string, d: { decision: string; rationale: string; alternatives: string; reversible: boolean | null }) {
    const id = randomUUID();
    const { seq, at } = this.entry("decision", minutes, author, { decisionId: id, ...d }, { pinned: true });
    this.decisions.push({
      id,
      incidentId: this.id,
      seq,
      decision: d.decision,
      rationale: d.rationale,
      alternatives: d.alternatives,
      reversible: d.reversible,
      decidedById: this.ctx.user(author),
      actorKind: "human",
      decidedAt: at,
    });
    return this;
  }

  changeSeverity(minutes: number, author: string, to: Severity, reason: string) {
    this.entry("severity_changed", minutes, author, { from: this.severity, to, reason });
    this.severity = to;
    this.version++;
    return this;
  }

  changePriority(minutes: number, author: string, to: Priority, reason: string) {
    this.entry("priority_changed", minutes, author, { from: this.priority, to, reason });
    this.priority = to;
    this.version++;
    return this;
  }

  changeStatus(minutes: number, author: string, to: IncidentStatus, reason: string) {
    const check = checkTransition(this.status, to);
    if (!check.ok) throw new Error(`seed: INC-${this.opts.number}: ${check.message}`);
    const { at } = this.entry("status_changed", minutes, author, { from: this.status, to, reason });
    this.times = timestampsAfter(to, this.times, at);
    this.status = to;
    if (to === "resolved" || to === "closed") this.nextUpdateDueAt = null;
    this.version++;
    return this;
  }

  /**
   * Assigns a role. Replacing a commander is a two-party handover (issue 18): `by` offers command with the briefing
   * and, a minute later, `handle` accepts it.
   */
  assign(minutes: number, by: string, role: IncidentRole, handle: string, briefing?: { state: string; workstreams: string; openDecisions: string; nextUpdate: string }) {
    const current = role === "commander" ? this.roles.find((r) => r.role === "commander" && r.endedAt == null) : undefined;
    if (current && briefing) {
      const id = randomUUID();
      const offeredAt = this.at(minutes);
      const expiresAt = new Date(offeredAt.getTime() + 10 * MINUTE);
      const name = (h: string) => USERS.find((u) => u.handle === h)?.name ?? h;
      this.entry("handover_offered", minutes, by, { handoverId: id, from: current.handle, fromName: name(current.handle), to: handle, toName: name(handle), briefing, expiresAt: expiresAt.toISOString() });
      this.addMember(handle, offeredAt);
      const { at } = this.entry("handover_accepted", minutes + 1, handle, { handoverId: id, user: handle, userName: name(handle), previous: current.handle, previousName: name(current.handle), briefing });
      current.endedAt = at;
      this.handovers.push({ id, orgId: this.ctx.orgId, incidentId: this.id, fromUserId: this.ctx.user(current.handle), toUserId: this.ctx.user(handle), byUserId: this.ctx.user(by), status: "accepted", briefing, createdAt: offeredAt, expiresAt, decidedAt: at });
      this.roles.push({ id: randomUUID(), incidentId: this.id, role, userId: this.ctx.user(handle), handle, assignedById: this.ctx.user(current.handle), assignedAt: at, briefing, acknowledgedAt: at });
      return this;
    }
    const { at } = this.entry("role_assigned", minutes, by, { role, user: handle, previous: current ? current.handle : null });
    if (current) current.endedAt = at;
    this.addMember(handle, at);
    this.roles.push({ id: randomUUID(), incidentId: this.id, role, userId: this.ctx.user(handle), handle, assignedById: this.ctx.user(by), assignedAt: at });
    return this;
  }

  workstream(minutes: number, author: string, key: string, w: { title: string; goal: string; lead: string; status?: "active" | "blocked"; scratchpad: string }) {
    const id = randomUUID();
    const status = w.status ?? "active";
    const { at } = this.entry("workstream", minutes, author, { workstreamId: id, action: "created", title: w.title, status, lead: w.lead });
    this.addMember(w.lead, at);
    this.workstreams.set(key, {
      id,
      incidentId: this.id,
      title: w.title,
      goal: w.goal,
      leadId: this.ctx.user(w.lead),
      status,
      scratchpad: w.scratchpad,
      version: 1,
      createdAt: at,
      updatedAt: at,
      blockedAt: status === "blocked" ? at : null,
    });
    return this;
  }

  workstreamStatus(minutes: number, author: string, key: string, status: "active" | "blocked" | "done", scratchpadAppend?: string) {
    const w = this.workstreams.get(key);
    if (!w) throw new Error(`seed: unknown workstream ${key}`);
    const { at } = this.entry("workstream", minutes, author, { workstreamId: w.id as string, action: "status_changed", title: w.title, status });
    w.status = status;
    w.version++;
    w.updatedAt = at;
    w.blockedAt = status === "blocked" ? at : null;
    if (scratchpadAppend) w.scratchpad = `${w.scratchpad}\n${scratchpadAppend}`;
    return this;
  }

  /** A fact, hypothesis, unknown or blocker on the board (state as it stands now). */
  boardItem(
    minutes: number,
    author: string,
    item: { kind: "fact" | "hypothesis" | "unknown" | "blocker"; text: string; disproveBy?: string; state?: "open" | "confirmed" | "ruled_out" | "resolved"; owner?: string },
  ) {
    const id = randomUUID();
    const state = item.state ?? "open";
    const { at } = this.entry("board", minutes, author, { itemId: id, action: "created", kind: item.kind, text: item.text, state });
    if (item.owner) this.addMember(item.owner, at);
    this.board.push({
      id,
      incidentId: this.id,
      kind: item.kind,
      text: item.text,
      disproveBy: item.disproveBy ?? null,
      state,
      ownerId: item.owner ? this.ctx.user(item.owner) : null,
      createdAt: at,
      updatedAt: at,
    });
    return this;
  }

  build() {
    const o = this.opts;
    const incident: Prisma.IncidentCreateManyInput = {
      id: this.id,
      orgId: this.ctx.orgId,
      number: o.number,
      title: o.title,
      summary: o.summary,
      severity: this.severity,
      priority: this.priority,
      status: this.status,
      private: o.private ?? false,
      drill: o.drill ?? false,
      version: this.version,
      lastSeq: this.seq,
      intake: (o.intake ?? {}) as Json,
      links: (o.links ?? []) as Json,
      declaredById: this.ctx.user(o.declaredBy),
      startedAt: o.startedMinutesBefore === undefined ? null : this.at(-o.startedMinutesBefore),
      declaredAt: o.declaredAt,
      acknowledgedAt: o.declaredAt,
      mitigatedAt: this.times.mitigatedAt,
      resolvedAt: this.times.resolvedAt,
      closedAt: this.times.closedAt,
      nextUpdateDueAt: this.nextUpdateDueAt,
      updatedAt: new Date(this.lastAt),
    };
    return {
      incident,
      services: o.services.map((key) => ({ incidentId: this.id, serviceId: this.ctx.service(key) })),
      members: [...this.members].map(([handle, addedAt]) => ({ incidentId: this.id, userId: this.ctx.user(handle), addedAt })),
      roles: this.roles.map(({ handle: _handle, ...r }) => r),
      handovers: this.handovers,
      entries: this.entries,
      updates: this.updates,
      decisions: this.decisions,
      workstreams: [...this.workstreams.values()],
      board: this.board,
    };
  }
}

// ─── The incidents ─────────────────────────────────────────────────────────

function incidents(ctx: Ctx, now: Date): IncidentPlan[] {
  const ago = (days: number, hours = 0, minutes = 0) => new Date(now.getTime() - days * DAY - hours * HOUR - minutes * MINUTE);
  const links = (n: number) => [
    { label: "Slack", url: `https://example.com/slack/inc-${n}` },
    { label: "Bridge", url: `https://example.com/meet/inc-${n}` },
  ];

  // INC-1: SEV1, a deploy bot's rollback, and a commander handover.
  const inc1 = new IncidentPlan(ctx, {
    number: 1,
    title: "Checkout returns 502 for EU customers",
    summary: "Roughly a third of EU checkout requests fail with 502 at the gateway; US traffic is unaffected.",
    severity: "SEV1",
    priority: "P1",
    declaredAt: ago(27, 5, 12),
    startedMinutesBefore: 6,
    declaredBy: "jtsimmons",
    services: ["SVC-CHECKOUT", "SVC-API-GATEWAY"],
    intake: {
      blastRadius: "EU storefront checkout (about 35% of orders); US and APAC unaffected.",
      recentChanges: "Checkout v2024.11.3 deployed 14:02 UTC; gateway TLS certificate rotation yesterday.",
      notify: "Support lead, EU account managers.",
    },
    links: [...links(1), { label: "Checkout dashboard", url: "https://example.com/dashboards/checkout" }],
  })
    .assign(2, "jtsimmons", "ops_lead", "dkim")
    .note(4, "jtsimmons", "502s started around **14:06 UTC**, only from `eu-west-1`.\n\n- Error rate 38% on `POST /checkout/confirm`\n- US and APAC clean\n- [Dashboard](https://example.com/dashboards/checkout)")
    .note(6, "jtsimmons", "Deploy guard: error budget burn 14× on SVC-CHECKOUT since v2024.11.3. Starting automatic rollback.", { actorKind: "automation" })
    .update(9, "jtsimmons", {
      condition: "About 35% of EU checkout requests fail with 502 since 14:06 UTC. US and APAC are fine.",
      action: "Automatic rollback of checkout v2024.11.3 in progress; gateway logs under review.",
      need: "Someone from Platform on the bridge for gateway access.",
      audience: "internal",
      nextInMinutes: 15,
    })
    .note(11, "jtsimmons", "Rolled back deploy v2024.11.3 automatically (eu-west-1 now serving v2024.11.2).", { actorKind: "automation" })
    .note(14, "dkim", "Rollback finished but the 502 rate is still **22%**, so it is not (only) the deploy. Gateway logs show `upstream connect error` from the EU edge pool to checkout.")
    .workstream(16, "dkim", "gateway", {
      title: "Gateway upstream errors",
      goal: "Find why the eu-west-1 edge pool cannot reach checkout, and fix it.",
      lead: "dkim",
      scratchpad: "## Gateway upstream errors\n\n- `upstream connect error or disconnect/reset before headers` on eu-west-1 edge only\n- eu-central-1 edge clean",
    })
    .workstream(18, "jtsimmons", "comms", {
      title: "Customer communication",
      goal: "Keep support and EU account managers informed; status page if it lasts over 30 min.",
      lead: "sgarcia",
      scratchpad: "## Comms\n\n- Support macro drafted\n- Status page: not yet",
    })
    .assign(22, "jtsimmons", "commander", "ic", {
      state: "EU checkout 502 rate ~22% after the automatic rollback; the deploy was not the (only) cause. Gateway edge pool in eu-west-1 is the suspect.",
      workstreams: "Gateway upstream errors (dkim), customer communication (sgarcia).",
      openDecisions: "Whether to drain eu-west-1 edge and route EU traffic through eu-central-1.",
      nextUpdate: "Internal update due in about 2 minutes.",
    })
    .update(24, "ic", {
      condition: "EU checkout still failing for about 22% of requests after rolling back v2024.11.3.",
      action: "Investigating the eu-west-1 gateway edge pool; preparing to move EU traffic to eu-central-1.",
      need: "Nothing yet.",
      audience: "internal",
      nextInMinutes: 15,
    })
    .assign(26, "ic", "comms_lead", "sgarcia")
    .decide(30, "ic", {
      decision: "Drain the eu-west-1 edge pool and route EU traffic through eu-central-1.",
      rationale: "eu-central-1 has 60% headroom and shows no errors; the failing connections are confined to the eu-west-1 edge pool.",
      alternatives: "Roll back yesterday's gateway config; wait for the cloud provider's investigation.",
      reversible: true,
    })
    .changeStatus(36, "ic", "mitigated", "EU traffic drained to eu-central-1; 502 rate back under 0.1%.")
    .update(38, "ic", {
      condition: "EU checkout is working again since 14:42 UTC; roughly 36 minutes of elevated failures.",
      action: "EU traffic served from eu-central-1 while we fix the eu-west-1 edge pool.",
      need: "No action from leadership. Support has a macro for affected customers.",
      audience: "exec",
      nextInMinutes: 30,
    })
    .note(52, "dkim", "Root cause: the eu-west-1 edge pool still had the **pre-rotation intermediate certificate**; about 30% of upstream TLS handshakes failed. Redeployed the certificate bundle.")
    .workstreamStatus(60, "dkim", "gateway", "done", "- Cause: stale intermediate cert on eu-west-1 edge pool; bundle redeployed")
    .workstreamStatus(62, "sgarcia", "comms", "done", "- Support macro sent; no status page needed")
    .changeStatus(70, "ic", "resolved", "Certificate bundle fixed on eu-west-1 and traffic moved back; 502 rate normal for 30 minutes.")
    .update(72, "ic", {
      condition: "Resolved. EU checkout has been healthy for 30 minutes on the original routing.",
      action: "Postmortem to follow; certificate rotation runbook to gain an edge-pool check.",
      need: "Nothing.",
      audience: "internal",
      nextInMinutes: null,
    })
    .changeStatus(3 * 24 * 60, "ic", "closed", "Postmortem reviewed; action items filed.");

  // INC-2: escalated from SEV3 to SEV2.
  const inc2 = new IncidentPlan(ctx, {
    number: 2,
    title: "Login latency p99 above 4 s",
    summary: "Password sign-ins slow to a crawl; mobile clients time out after 5 s.",
    severity: "SEV3",
    priority: "P3",
    declaredAt: ago(21, 2, 40),
    startedMinutesBefore: 14,
    declaredBy: "okafor",
    services: ["SVC-AUTH"],
    links: links(2),
  })
    .note(3, "okafor", "p99 on `/oauth/token` went from 380 ms to **4.2 s** at 09:12. p50 is fine. Password logins only; SSO unaffected.")
    .assign(8, "okafor", "sme", "hmueller")
    .changeSeverity(12, "okafor", "SEV2", "Mobile sign-in times out after 5 s: about 12% of logins are failing, not just slow.")
    .changePriority(13, "okafor", "P2", "Support is seeing a spike in login tickets.")
    .update(14, "okafor", {
      condition: "About 12% of password sign-ins fail (timeouts on mobile); p99 latency 4.2 s.",
      action: "Investigating the session database.",
      need: "A DBA on the bridge.",
      audience: "responders",
      nextInMinutes: 30,
    })
    .note(20, "hmueller", "Session DB CPU at 97%. `pg_stat_statements`: the new `sessions_by_user` query does a **sequential scan**; yesterday's migration 0087 added the column but not the index.")
    .decide(24, "okafor", {
      decision: "Build the missing index concurrently on the primary now rather than rolling back migration 0087.",
      rationale: "Rolling back drops a column clients already write to; CREATE INDEX CONCURRENTLY takes about 6 minutes and takes no write lock.",
      alternatives: "Roll back migration 0087; fail over to the replica.",
      reversible: true,
    })
    .workstream(25, "okafor", "index", {
      title: "Index build",
      goal: "Create the sessions(user_id, created_at) index without locking writes.",
      lead: "hmueller",
      scratchpad: "```sql\nCREATE INDEX CONCURRENTLY sessions_user_created_idx ON sessions (user_id, created_at);\n```",
    })
    .note(33, "hmueller", "Index built in 5 min 40 s. p99 back to 410 ms.")
    .workstreamStatus(34, "hmueller", "index", "done")
    .changeStatus(35, "okafor", "mitigated", "Index in place; p99 back to normal.")
    .update(40, "okafor", {
      condition: "Sign-in latency back to normal (p99 410 ms) since 09:58.",
      action: "Watching for an hour before resolving.",
      need: "Nothing.",
      audience: "internal",
      nextInMinutes: 60,
    })
    .changeStatus(95, "okafor", "resolved", "p99 steady under 450 ms for an hour.")
    .changeStatus(2 * 24 * 60, "okafor", "closed", "Reviewed; the migration checklist now asks for an index review.");

  // INC-3: a drill.
  const inc3 = new IncidentPlan(ctx, {
    number: 3,
    title: "Game day: payments DB failover",
    summary: "Planned drill: stop the payments primary and verify automatic promotion and client recovery.",
    severity: "SEV3",
    priority: "P3",
    declaredAt: ago(14, 4, 0),
    declaredBy: "mpatel",
    services: ["SVC-PAYMENTS-API"],
    drill: true,
    links: links(3),
  })
    .assign(1, "mpatel", "scribe", "rbrown")
    .assign(2, "mpatel", "sme", "lchen")
    .note(3, "mpatel", "**Drill plan**\n\n1. Stop primary `payments-db-1` at 10:05\n2. Expect promotion of the replica in under 30 s\n3. Watch Payments API error rate and the checkout funnel\n4. Abort if card authorizations fail for more than 2 minutes")
    .note(6, "rbrown", "10:05:12 primary stopped. 10:05:41 replica promoted (29 s). ✅")
    .note(8, "lchen", "Payments API returned 5xx for **74 s** after promotion: the connection pool kept stale connections to the old primary. Finding #1.")
    .decide(10, "mpatel", {
      decision: "Do not repeat the failover today; fix pool validation first and rerun the drill next sprint.",
      rationale: "The finding is clear and reproducible; a second run would only repeat 74 s of card failures.",
      alternatives: "Repeat now with a lower pool idle timeout.",
      reversible: true,
    })
    .update(12, "mpatel", {
      condition: "Drill finished. Failover took 29 s; Payments API recovered after 74 s.",
      action: "Filing a fix for connection validation on failover.",
      need: "Nothing.",
      audience: "responders",
      nextInMinutes: null,
    })
    .changeStatus(14, "mpatel", "resolved", "Drill complete; old primary rejoined as replica.")
    .changeStatus(24 * 60 + 30, "mpatel", "closed", "Findings recorded; rerun scheduled.");

  // INC-4: minor, resolved but not closed yet.
  const inc4 = new IncidentPlan(ctx, {
    number: 4,
    title: "Stale notification emails",
    summary: "Order-shipped emails arrive two to three hours late.",
    severity: "SEV4",
    priority: "P4",
    declaredAt: ago(9, 7, 25),
    startedMinutesBefore: 150,
    declaredBy: "tnguyen",
    services: ["SVC-NOTIFICATIONS"],
  })
    .note(5, "tnguyen", "Queue depth on `email-digest` is 48k and rising slowly. Workers healthy, just too few.")
    .note(20, "tnguyen", "The worker autoscaler has been stuck at `min=1` since the notifications v1.19.0 config change. Scaled to 6 by hand.")
    .changeStatus(22, "tnguyen", "mitigated", "Workers scaled to 6; queue draining.")
    .update(25, "tnguyen", {
      condition: "Shipping emails delayed up to 3 h; backlog now draining.",
      action: "Workers scaled manually; autoscaler config fix in review.",
      need: "Nothing.",
      audience: "internal",
      nextInMinutes: null,
    })
    .note(180, "tnguyen", "Queue drained. Autoscaler config fixed in notifications v1.19.1.")
    .changeStatus(185, "tnguyen", "resolved", "Backlog cleared; emails on time again.");

  // INC-5: private, only two people.
  const inc5 = new IncidentPlan(ctx, {
    number: 5,
    title: "Suspicious admin sign-ins from unfamiliar network",
    summary: "Admin console sign-ins for a support account from a network we have never seen.",
    severity: "SEV2",
    priority: "P2",
    declaredAt: ago(5, 9, 5),
    declaredBy: "okafor",
    services: ["SVC-AUTH"],
    private: true,
  })
    .assign(2, "okafor", "sme", "anowak")
    .note(6, "anowak", "Three admin console sign-ins for one support account from an unfamiliar ASN, all with valid MFA. Account locked and sessions revoked.")
    .decide(15, "okafor", {
      decision: "Force password and MFA re-enrolment for all 14 support-tier admin accounts.",
      rationale: "Until we know how the sign-ins happened, any support admin credential may be exposed.",
      alternatives: "Re-enrol only the affected account.",
      reversible: false,
    })
    .changeStatus(18, "okafor", "mitigated", "Account locked; re-enrolment enforced.")
    .update(20, "okafor", {
      condition: "Suspicious admin sign-ins on one support account; no evidence of data access so far.",
      action: "Account locked, sessions revoked, support admins re-enrolling MFA.",
      need: "Please keep this need-to-know until we confirm the cause.",
      audience: "exec",
      nextInMinutes: 60,
    })
    .note(70, "anowak", "Confirmed with the employee: travelling, on a hotel VPN. Nothing accessed beyond their normal scope. Keeping the re-enrolment anyway.")
    .changeStatus(75, "okafor", "resolved", "Benign: the employee on a travel VPN.");

  // INC-6: live. Declared 40 minutes ago, mitigated, next update due soon.
  const inc6 = new IncidentPlan(ctx, {
    number: 6,
    title: "Search index lagging 20 minutes",
    summary: "Search and category pages show stock and prices from 20+ minutes ago.",
    severity: "SEV2",
    priority: "P2",
    declaredAt: ago(0, 0, 40),
    startedMinutesBefore: 15,
    declaredBy: "ic",
    services: ["SVC-SEARCH"],
    intake: {
      blastRadius: "Product search and category pages show stale stock and prices; checkout is unaffected.",
      recentChanges: "Indexer batch size raised from 500 to 5000 (config) about an hour ago.",
      notify: "Support: customers may see items as in stock that are sold out.",
    },
    links: [...links(6), { label: "Indexer lag", url: "https://example.com/dashboards/search-indexer" }],
  })
    .assign(2, "ic", "ops_lead", "lchen")
    .boardItem(3, "lchen", { kind: "fact", text: "Checkout and payments are unaffected: they read stock from the source, not the index." })
    .note(4, "lchen", "Indexer lag **21 min** and growing about a minute per minute. Consumer group `search-indexer` is stuck on partitions 3 and 7. Suspect the batch size change.")
    .boardItem(5, "lchen", {
      kind: "hypothesis",
      text: "Batches of 5000 exceed the broker's 1 MiB message limit, so partitions 3 and 7 stall.",
      disproveBy: "Broker logs show no 'message too large' for search-indexer since the change.",
      state: "confirmed",
      owner: "lchen",
    })
    .boardItem(5.5, "ic", { kind: "unknown", text: "Did any order go through for an item shown in stock that was sold out?", owner: "tnguyen" })
    .update(6, "ic", {
      condition: "Search results are about 21 minutes stale and getting worse; checkout works.",
      action: "Looking at the indexer consumers and the recent batch size change.",
      need: "Nothing yet.",
      audience: "responders",
      nextInMinutes: 15,
    })
    .workstream(8, "ic", "indexer", {
      title: "Indexer recovery",
      goal: "Get the search indexer consuming again and the lag under 2 minutes.",
      lead: "lchen",
      scratchpad: "## Indexer\n\n- Partitions 3 and 7 stuck since ~13:12\n- Batch 5000 → messages over the 1 MiB produce limit?",
    })
    .workstream(10, "ic", "cache", {
      title: "Stale result mitigation",
      goal: "Purge cached category pages once the index catches up.",
      lead: "dkim",
      status: "blocked",
      scratchpad: "## Cache\n\n- Needs CDN admin for a wildcard purge",
    })
    .decide(12, "ic", {
      decision: "Revert the indexer batch size to 500 and restart the consumers.",
      rationale: "The lag began minutes after the change, and the stuck partitions hold the largest catalog batches.",
      alternatives: "Raise the broker message size limit; add consumers.",
      reversible: true,
    })
    .assign(14, "ic", "scribe", "tnguyen")
    .note(19, "dkim", "The category page purge needs CDN admin rights; blocked until @admin approves the request.")
    .boardItem(20, "dkim", { kind: "blocker", text: "Wildcard CDN purge needs an admin's approval.", owner: "dkim" })
    .update(21, "ic", {
      condition: "Search results about 24 minutes stale; checkout unaffected.",
      action: "Reverting the indexer batch size and restarting consumers.",
      need: "CDN admin approval for a category page purge (@admin).",
      audience: "internal",
      nextInMinutes: 20,
    })
    .note(26, "lchen", "Consumers restarted with batch size 500. Lag falling: 24 → 9 min.")
    .changeStatus(28, "ic", "mitigated", "Lag falling steadily; only the last few minutes of catalog changes are missing.")
    .update(32, "ic", {
      condition: "Search lag down to 6 minutes and falling; expected back to normal within 10 minutes.",
      action: "Watching the indexer catch up; cache purge still waiting for CDN approval.",
      need: "CDN admin approval (@admin).",
      audience: "internal",
      nextInMinutes: 20,
    });

  return [inc1, inc2, inc3, inc4, inc5, inc6];
}

// ─── Seed ──────────────────────────────────────────────────────────────────

/** Fill an empty database with the Acme demo. */
export async function seedDemo(db: PrismaClient, now = new Date()): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const ago = (ms: number) => new Date(now.getTime() - ms);

  const userIds = new Map(USERS.map((u) => [u.handle, randomUUID()] as const));
  const teamIds = new Map(TEAMS.map((t) => [t.key, randomUUID()] as const));
  const serviceIds = new Map(SERVICES.map((s) => [s.key, randomUUID()] as const));
  const lookup = (map: Map<string, string>, what: string) => (key: string) => {
    const id = map.get(key);
    if (!id) throw new Error(`seed: unknown ${what} ${key}`);
    return id;
  };
  const user = lookup(userIds, "user");
  const team = lookup(teamIds, "team");
  const service = lookup(serviceIds, "service");

  const orgId = randomUUID();
  const ctx: Ctx = { orgId, user, service };
  const plans = incidents(ctx, now).map((p) => p.build());
  const maxNumber = Math.max(...plans.map((p) => p.incident.number));

  await db.organization.create({
    data: { id: orgId, slug: "acme", name: "Acme", nextIncidentNumber: maxNumber + 1, settings: {}, createdAt: ago(60 * DAY) },
  });

  await db.user.createMany({
    data: USERS.map((u) => ({
      id: user(u.handle),
      email: `${u.handle}@example.com`,
      handle: u.handle,
      name: u.name,
      timeZone: u.timeZone,
      passwordHash,
      workdayStart: u.workdayStart ?? "09:00",
      workdayEnd: u.workdayEnd ?? "17:00",
      createdAt: ago(60 * DAY),
    })),
  });
  await db.membership.createMany({
    data: USERS.map((u) => ({ orgId, userId: user(u.handle), role: u.role, createdAt: ago(60 * DAY) })),
  });

  await db.team.createMany({
    data: TEAMS.map((t) => ({ id: team(t.key), orgId, key: t.key, name: t.name, createdAt: ago(59 * DAY) })),
  });
  await db.teamMember.createMany({
    data: TEAMS.flatMap((t) => t.members.map((h) => ({ teamId: team(t.key), userId: user(h), isLead: h === t.lead }))),
  });

  await db.service.createMany({
    data: SERVICES.map((s) => ({
      id: service(s.key),
      orgId,
      key: s.key,
      name: s.name,
      description: s.description,
      teamId: team(s.team),
      tier: s.tier,
      links: s.links,
      lastReviewedAt: ago(s.reviewedDaysAgo * DAY),
      createdAt: ago(58 * DAY),
    })),
  });
  await db.serviceDependency.createMany({
    data: DEPENDENCIES.map(([from, to]) => ({ serviceId: service(from), dependsOnId: service(to) })),
  });

  await db.change.createMany({
    data: [
      { svc: "SVC-NOTIFICATIONS", kind: "deploy", summary: "Notifications v1.19.2: SMS provider failover", at: ago(8 * DAY + 3 * HOUR), version: "v1.19.2", by: "tnguyen" },
      { svc: "SVC-PAYMENTS-API", kind: "migration", summary: "Add index on payments (merchant_id, created_at)", at: ago(6 * DAY + 5 * HOUR), version: "migration 0142", by: "mpatel" },
      { svc: "SVC-SEARCH", kind: "deploy", summary: "search-indexer v3.8.1 (dependency bumps)", at: ago(5 * DAY + 2 * HOUR), version: "v3.8.1", by: null },
      { svc: "SVC-CHECKOUT", kind: "deploy", summary: "Checkout v2024.12.4: new address form for DE and AT", at: ago(3 * DAY + 4 * HOUR), version: "v2024.12.4", by: "jtsimmons" },
      { svc: "SVC-AUTH", kind: "config", summary: "Raise session token TTL from 8 h to 12 h", at: ago(2 * DAY + 6 * HOUR), version: null, by: "okafor" },
      { svc: "SVC-API-GATEWAY", kind: "flag", summary: "Enable HTTP/2 upstreams for 10% of traffic", at: ago(1 * DAY + 1 * HOUR), version: null, by: "dkim" },
      { svc: "SVC-SEARCH", kind: "config", summary: "Raise indexer batch size from 500 to 5000", at: ago(70 * MINUTE), version: null, by: "lchen" },
      // INC-6's window (24 h before its start, up to now) holds these two as well: a red herring and the revert.
      { svc: "SVC-SEARCH", kind: "deploy", summary: "Search API v2.14.0: typo tolerance for brand names", at: ago(6 * HOUR + 20 * MINUTE), version: "v2.14.0", by: null },
      { svc: "SVC-SEARCH", kind: "config", summary: "Revert indexer batch size to 500 (INC-6)", at: ago(14 * MINUTE), version: null, by: "lchen" },
    ].map((c, i) => ({
      orgId,
      serviceId: service(c.svc),
      kind: c.kind,
      summary: c.summary,
      at: c.at,
      link: `https://example.com/changes/${1040 + i}`,
      version: c.version,
      authorId: c.by ? user(c.by) : null,
      actorKind: c.by ? ("human" as const) : ("automation" as const),
      createdAt: c.at,
    })),
  });

  const hour = Math.floor(now.getTime() / HOUR) * HOUR;
  const scheduleByTeam = new Map<string, { id: string; rotation: ScheduleRotation; overrides: Override[] }>();
  for (const schedule of SCHEDULES) {
    const id = randomUUID();
    const monday = DateTime.fromJSDate(now, { zone: schedule.timeZone }).startOf("week");
    await db.schedule.create({
      data: {
        id,
        orgId,
        teamId: team(schedule.team),
        name: schedule.name,
        timeZone: schedule.timeZone,
        layers: schedule.layers.map((l) => ({
          name: l.name,
          start: monday.minus({ weeks: l.weeksAgo }).set({ hour: l.hour }).toFormat("yyyy-MM-dd'T'HH:mm"),
          shift: { unit: "week", count: 1 },
          participants: l.participants.map(user),
        })),
        createdAt: ago(50 * DAY),
      },
    });
    const overrides = schedule.overrides.map((o, i) => ({
      id: randomUUID(),
      scheduleId: id,
      userId: user(o.user),
      start: new Date(hour + o.fromHours * HOUR),
      end: new Date(hour + o.toHours * HOUR),
      createdById: user("admin"),
      createdAt: ago(DAY - i * MINUTE),
    }));
    await db.scheduleOverride.createMany({ data: overrides });
    const created = await db.schedule.findUniqueOrThrow({ where: { id }, select: { layers: true } });
    scheduleByTeam.set(schedule.team, {
      id,
      rotation: { timeZone: schedule.timeZone, layers: created.layers as unknown as ScheduleRotation["layers"] },
      overrides: overrides.map((o) => ({ id: o.id, user: o.userId, start: o.start, end: o.end, createdAt: o.createdAt })),
    });
  }

  // Escalation policies: the team's on-call, then its lead after 15 min, then the admin (standing in for a director).
  const policyByTeam = new Map<string, string>();
  for (const t of TEAMS) {
    const id = randomUUID();
    policyByTeam.set(t.key, id);
    await db.escalationPolicy.create({
      data: {
        id,
        orgId,
        name: `${t.name} standard`,
        description: `${t.name} on-call first; the team lead at 15 min; the director at 30 min. Runs twice.`,
        steps: [
          { delayMinutes: 15, targets: [{ kind: "schedule", id: scheduleByTeam.get(t.key)!.id }] },
          { delayMinutes: 15, targets: [{ kind: "user", id: user(t.lead) }] },
          { delayMinutes: 30, targets: [{ kind: "user", id: user("admin") }] },
        ],
        repeat: 1,
        createdAt: ago(45 * DAY),
      },
    });
  }
  for (const s of SERVICES) await db.service.update({ where: { id: service(s.key) }, data: { escalationPolicyId: policyByTeam.get(s.team)! } });

  await db.incident.createMany({ data: plans.map((p) => p.incident) });
  await db.incidentService.createMany({ data: plans.flatMap((p) => p.services) });
  await db.incidentMember.createMany({ data: plans.flatMap((p) => p.members) });
  await db.roleAssignment.createMany({ data: plans.flatMap((p) => p.roles) });
  await db.handover.createMany({ data: plans.flatMap((p) => p.handovers) });
  await db.workstream.createMany({ data: plans.flatMap((p) => p.workstreams) });
  await db.statusUpdate.createMany({ data: plans.flatMap((p) => p.updates) });
  await db.decision.createMany({ data: plans.flatMap((p) => p.decisions) });
  await db.boardItem.createMany({ data: plans.flatMap((p) => p.board) });
  await db.timelineEntry.createMany({ data: plans.flatMap((p) => p.entries) });

  await seedPageHistory(db, { orgId, now, user, scheduleByTeam });
}

/**
 * A month of paging history for the on-call health numbers: alert pages that
 * the on-call answered (some at night, one escalated to the lead), at the
 * instants the demo schedules put each person on call.
 */
async function seedPageHistory(
  db: PrismaClient,
  ctx: {
    orgId: string;
    now: Date;
    user(handle: string): string;
    scheduleByTeam: Map<string, { id: string; rotation: ScheduleRotation; overrides: Override[] }>;
    },
) {
  // [days ago, hour UTC, minute, service, minutes to acknowledge (null: nobody did, the lead answered)]
  const ALERTS: [number, number, number, string, number | null][] = [
    [28, 3, 12, "SVC-CHECKOUT", 4], [26, 14, 40, "SVC-PAYMENTS-API", 2], [25, 2, 5, "SVC-AUTH", 7], [23, 19, 30, "SVC-API-GATEWAY", 3],
    [21, 1, 50, "SVC-CHECKOUT", 11], [20, 10, 15, "SVC-SEARCH", 1], [18, 23, 5, "SVC-PAYMENTS-API", null], [17, 8, 45, "SVC-AUTH", 5],
    [15, 4, 20, "SVC-NOTIFICATIONS", 9], [13, 16, 0, "SVC-CHECKOUT", 2], [12, 0, 35, "SVC-API-GATEWAY", 6], [10, 13, 25, "SVC-AUTH", 3],
    [8, 2, 55, "SVC-PAYMENTS-API", 8], [6, 21, 10, "SVC-SEARCH", 4], [4, 3, 40, "SVC-CHECKOUT", null], [2, 11, 5, "SVC-API-GATEWAY", 2],
  ];
  const teamOf = new Map(SERVICES.map((s) => [s.key, s.team]));
  const leadOf = new Map(TEAMS.map((t) => [t.key, t.lead]));
  for (const [days, h, m, svc, ackMinutes] of ALERTS) {
    const at = new Date(Date.UTC(ctx.now.getUTCFullYear(), ctx.now.getUTCMonth(), ctx.now.getUTCDate() - days, h, m));
    const team = teamOf.get(svc)!;
    const schedule = ctx.scheduleByTeam.get(team)!;
    const oncall = onCallAt(schedule.rotation, schedule.overrides, at).users[0];
    if (!oncall) continue;
    const reason = `Alert: ${svc} error rate above SLO`;
    const lead = ctx.user(leadOf.get(team)!);
    const answeredBy = ackMinutes === null ? lead : oncall;
    const ackAt = new Date(at.getTime() + (ackMinutes ?? 15 + 3) * MINUTE);
    // Alert pages that never became incidents: records without an escalation run.
    await db.page.create({
      data: { orgId: ctx.orgId, userId: oncall, reason, step: 0, createdAt: at, via: { kind: "schedule", id: schedule.id }, ...(answeredBy === oncall ? { acknowledgedAt: ackAt, acknowledgedById: oncall } : {}) },
    });
    if (answeredBy !== oncall) {
      await db.page.create({
        data: { orgId: ctx.orgId, userId: lead, reason, step: 1, createdAt: new Date(at.getTime() + 15 * MINUTE), via: { kind: "user" }, acknowledgedAt: ackAt, acknowledgedById: lead },
      });
    }
  }
}
