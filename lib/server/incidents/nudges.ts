import "server-only";
// Nudges on the server: the same pure rules as the page (lib/domain/nudges.ts),
// over database rows, and the clock that makes them fire on time when nobody is
// writing: every tick it recomputes the active incidents' nudges and publishes
// the ones whose set changed.
import { computeNudges, type Nudge, type NudgeInput } from "@/lib/domain/nudges";
import { incidentRef } from "@/lib/domain/refs";
import { nudgeSettingsOf, orgSettingsSchema } from "@/lib/domain/schemas";
import type { Prisma } from "@/lib/generated/prisma/client";
import { publish } from "@/lib/realtime/publish";
import { db } from "../db";

export const nudgeSelect = {
  id: true,
  orgId: true,
  number: true,
  private: true,
  severity: true,
  status: true,
  drill: true,
  declaredAt: true,
  mitigatedAt: true,
  nextUpdateDueAt: true,
  escalationStep: true,
  roles: { where: { role: "commander", endedAt: null }, select: { userId: true, assignedAt: true, user: { select: { handle: true, name: true } } } },
  handovers: { orderBy: { createdAt: "desc" }, take: 1, select: { fromUserId: true, status: true, decidedAt: true, reason: true, to: { select: { handle: true, name: true } } } },
  workstreams: { select: { id: true, title: true, leadId: true, status: true, blockedAt: true } },
  _count: { select: { decisions: true } },
  decisions: { where: { revisitAt: { not: null } }, select: { id: true, decision: true, revisitAt: true, rollbackTrigger: true } },
} satisfies Prisma.IncidentSelect;
export type NudgeRow = Prisma.IncidentGetPayload<{ select: typeof nudgeSelect }>;

export function nudgeInputOf(row: NudgeRow): NudgeInput {
  const commander = row.roles[0];
  return {
    severity: row.severity,
    status: row.status,
    drill: row.drill,
    declaredAt: row.declaredAt,
    mitigatedAt: row.mitigatedAt,
    nextUpdateDueAt: row.nextUpdateDueAt,
    escalationStep: row.escalationStep,
    commander: commander ? { handle: commander.user.handle, assignedAt: commander.assignedAt } : null,
    handover: handoverOf(row, commander?.userId ?? null),
    // Only whether a workstream has a lead matters to the rules.
    workstreams: row.workstreams.map((w) => ({ id: w.id, title: w.title, lead: w.leadId ? { handle: w.leadId } : null, status: w.status, blockedAt: w.blockedAt })),
    decisionCount: row._count.decisions,
    decisions: row.decisions,
  };
}

/** The commander's latest offer when it failed (the live view's rule, ./view.ts): what the unanswered nudge reads. */
function handoverOf(row: NudgeRow, commanderId: string | null): NudgeInput["handover"] {
  const h = row.handovers[0];
  if (!h || h.fromUserId !== commanderId || (h.status !== "declined" && h.status !== "expired")) return null;
  return { status: h.status, to: h.to, decidedAt: h.decidedAt?.toISOString() ?? null, reason: h.reason };
}

/** Organization id → its nudge settings, read once per tick. */
async function settingsByOrg(orgIds: string[]) {
  const orgs = await db().organization.findMany({ where: { id: { in: orgIds } }, select: { id: true, settings: true } });
  return new Map(orgs.map((o) => [o.id, nudgeSettingsOf(orgSettingsSchema.parse(o.settings))]));
}

export async function nudgesFor(rows: NudgeRow[], now = new Date()): Promise<Map<string, Nudge[]>> {
  const settings = await settingsByOrg([...new Set(rows.map((r) => r.orgId))]);
  return new Map(rows.map((r) => [r.id, computeNudges(nudgeInputOf(r), now, settings.get(r.orgId))]));
}

export interface NudgeClock {
  stop(): void;
  /** One tick now (tests and benchmarks). */
  tick(): Promise<void>;
}

/** Recomputes nudges of every active incident each `intervalMs` and publishes the changes. */
export function startNudgeClock(opts: { intervalMs?: number; log?: (line: string) => void } = {}): NudgeClock {
  const last = new Map<string, string>(); // incident id → its nudge keys
  let running: Promise<void> | null = null;

  async function run() {
    const rows = await db().incident.findMany({ where: { status: { in: ["investigating", "mitigated"] } }, select: nudgeSelect });
    const nudges = await nudgesFor(rows);
    const seen = new Set<string>();
    for (const row of rows) {
      seen.add(row.id);
      const list = nudges.get(row.id) ?? [];
      const keys = list.map((n) => n.key).join("|");
      const before = last.get(row.id);
      last.set(row.id, keys);
      if (before === keys || (before === undefined && keys === "")) continue;
      const members = row.private ? await db().incidentMember.findMany({ where: { incidentId: row.id }, select: { userId: true } }) : [];
      publish({
        type: "incident.nudges.changed",
        incidentId: row.id,
        ref: incidentRef(row.number),
        orgId: row.orgId,
        private: row.private,
        nudges: list,
        ...(row.private ? { memberIds: members.map((m) => m.userId) } : {}),
      });
    }
    for (const id of last.keys()) if (!seen.has(id)) last.delete(id);
  }

  const tick = () => {
    running ??= run()
      .catch((error: unknown) => opts.log?.(`nudge clock: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => void tick(), opts.intervalMs ?? 15_000);
  timer.unref();
  void tick();
  return {
    stop: () => clearInterval(timer),
    tick,
  };
}
