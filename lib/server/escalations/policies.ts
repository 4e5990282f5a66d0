import "server-only";
// Escalation policies: admins write them, everyone in the organization reads
// them. Targets are stored by id (a schedule, a person); a running escalation
// keeps the steps it started with, so editing a policy never changes a page.
import {
  cumulativeMinutes,
  storedStepsSchema,
  type PolicyCreateInput,
  type PolicyDto,
  type PolicyPatchInput,
  type PolicyTargetDto,
  type StoredStep,
  type TargetInput,
} from "@/lib/domain/escalation";
import { AppError } from "@/lib/domain/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "../actor";
import { requireRole } from "../access";
import { db, type Tx, isUniqueViolation } from "../db";
import { staleVersion, commitWrite, type IdempotencyOptions } from "../write";

type Client = Tx | ReturnType<typeof db>;

const policyInclude = { services: { select: { key: true, name: true }, orderBy: { key: "asc" } } } satisfies Prisma.EscalationPolicyInclude;
type PolicyRow = Prisma.EscalationPolicyGetPayload<{ include: typeof policyInclude }>;

export type { PolicyDto, PolicyTargetDto };

async function present(client: Client, rows: PolicyRow[]): Promise<PolicyDto[]> {
  const parsed = rows.map((r) => storedStepsSchema.parse(r.steps));
  const targets = parsed.flat().flatMap((s) => s.targets);
  // One after the other: inside a transaction, one connection runs one query at a time.
  const schedules = await client.schedule.findMany({ where: { id: { in: targets.filter((t) => t.kind === "schedule").map((t) => t.id) } }, select: { id: true, name: true } });
  const users = await client.user.findMany({ where: { id: { in: targets.filter((t) => t.kind === "user").map((t) => t.id) } }, select: { id: true, name: true, handle: true } });
  const scheduleName = new Map(schedules.map((s) => [s.id, s.name]));
  const user = new Map(users.map((u) => [u.id, u]));
  return rows.map((r, i) => {
    const steps = parsed[i]!;
    const starts = cumulativeMinutes(steps);
    return {
      id: r.id,
      name: r.name,
      description: r.description,
      repeat: r.repeat,
      version: r.version,
      steps: steps.map((s, k) => ({
        delayMinutes: s.delayMinutes,
        startsAfterMinutes: starts[k]!,
        targets: s.targets.map((t): PolicyTargetDto => {
          if (t.kind === "schedule") {
            const name = scheduleName.get(t.id);
            return name ? { kind: "schedule", id: t.id, name } : { kind: "schedule", id: t.id, name: "Deleted schedule", missing: true };
          }
          const u = user.get(t.id);
          return u ? { kind: "user", id: t.id, name: u.name, handle: u.handle } : { kind: "user", id: t.id, name: "Unknown person", missing: true };
        }),
      })),
      services: r.services,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  });
}

export async function listPolicies(actor: Actor): Promise<{ items: PolicyDto[] }> {
  const rows = await db().escalationPolicy.findMany({ where: { orgId: actor.orgId }, include: policyInclude, orderBy: { name: "asc" } });
  return { items: await present(db(), rows) };
}

async function requirePolicy(client: Client, actor: Actor, id: string): Promise<PolicyRow> {
  const row = await client.escalationPolicy.findFirst({ where: { id, orgId: actor.orgId }, include: policyInclude });
  if (!row) throw new AppError("not_found", "No such escalation policy.");
  return row;
}

export async function loadPolicy(actor: Actor, id: string): Promise<PolicyDto> {
  return (await present(db(), [await requirePolicy(db(), actor, id)]))[0]!;
}

/** Targets as named by a client → stored ids; an unknown schedule or a person who cannot respond is a 400 on its field. */
async function storedSteps(tx: Tx, orgId: string, steps: PolicyCreateInput["steps"]): Promise<StoredStep[]> {
  const byField = (i: number, j: number) => `steps.${i}.targets.${j}`;
  const refs = steps.flatMap((s, i) => s.targets.map((t, j) => ({ t, field: byField(i, j) })));
  const scheduleRefs = refs.filter((r): r is { t: Extract<TargetInput, { kind: "schedule" }>; field: string } => r.t.kind === "schedule");
  const userRefs = refs.filter((r): r is { t: Extract<TargetInput, { kind: "user" }>; field: string } => r.t.kind === "user");
  const schedules = await tx.schedule.findMany({
    where: { orgId, OR: [{ id: { in: scheduleRefs.map((r) => r.t.schedule) } }, { name: { in: scheduleRefs.map((r) => r.t.schedule) } }] },
    select: { id: true, name: true },
  });
  const members = await tx.membership.findMany({
    where: {
      orgId,
      user: { deactivatedAt: null, OR: [{ handle: { in: userRefs.map((r) => r.t.user.toLowerCase()) } }, { email: { in: userRefs.map((r) => r.t.user.toLowerCase()) } }] },
    },
    select: { role: true, user: { select: { id: true, handle: true, email: true } } },
  });
  const fields: Record<string, string> = {};
  const resolved = new Map<string, string>();
  for (const r of scheduleRefs) {
    const s = schedules.find((x) => x.id === r.t.schedule) ?? schedules.find((x) => x.name === r.t.schedule);
    if (s) resolved.set(r.field, s.id);
    else fields[r.field] = `no schedule ${r.t.schedule}`;
  }
  for (const r of userRefs) {
    const ref = r.t.user.toLowerCase();
    const m = members.find((x) => x.user.handle === ref || x.user.email === ref);
    if (!m) fields[r.field] = `no member ${r.t.user}`;
    else if (m.role === "viewer") fields[r.field] = `${r.t.user} is a viewer and cannot acknowledge a page`;
    else resolved.set(r.field, m.user.id);
  }
  if (Object.keys(fields).length) throw new AppError("invalid_input", `Check the targets: ${Object.values(fields).join("; ")}.`, { fields });
  return steps.map((s, i) => ({
    delayMinutes: s.delayMinutes,
    targets: s.targets.map((t, j) => ({ kind: t.kind, id: resolved.get(byField(i, j))! })),
  }));
}

async function uniqueName<T>(name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(name);
    throw error;
  }
}

function nameTaken(name: string) {
  return new AppError("conflict", `A policy named "${name}" exists already.`, { fields: { name: "already taken" } });
}

export async function createPolicy(actor: Actor, input: PolicyCreateInput, opts: { idempotency?: IdempotencyOptions } = {}) {
  requireRole(actor, "admin");
  const { value } = await uniqueName(input.name, () => commitWrite(
    actor,
    async (w) => {
      if (await w.tx.escalationPolicy.findFirst({ where: { orgId: actor.orgId, name: input.name }, select: { id: true } })) throw nameTaken(input.name);
      const steps = await storedSteps(w.tx, actor.orgId, input.steps);
      const row = await w.tx.escalationPolicy.create({
        data: { orgId: actor.orgId, name: input.name, description: input.description ?? "", steps: steps as unknown as Prisma.InputJsonValue, repeat: input.repeat },
        include: policyInclude,
      });
      await w.audit("escalation_policy.create", "escalation_policy", row.id, { name: row.name });
      return (await present(w.tx, [row]))[0]!;
    },
    opts,
  ));
  return value;
}

export async function updatePolicy(actor: Actor, id: string, input: PolicyPatchInput) {
  requireRole(actor, "admin");
  const { value } = await uniqueName(input.name ?? "", () => commitWrite(actor, async (w) => {
    await w.tx.$executeRaw`SELECT 1 FROM "EscalationPolicy" WHERE id = ${id} AND "orgId" = ${actor.orgId} FOR UPDATE`;
    const cur = await requirePolicy(w.tx, actor, id);
    if (cur.version !== input.version) throw staleVersion("escalation policy", cur.version);
    if (input.name && input.name !== cur.name && (await w.tx.escalationPolicy.findFirst({ where: { orgId: actor.orgId, name: input.name }, select: { id: true } }))) {
      throw nameTaken(input.name);
    }
    const data: Prisma.EscalationPolicyUpdateInput = { version: { increment: 1 } };
    if (input.name !== undefined) data.name = input.name;
    if (input.description !== undefined) data.description = input.description;
    if (input.repeat !== undefined) data.repeat = input.repeat;
    if (input.steps) data.steps = (await storedSteps(w.tx, actor.orgId, input.steps)) as unknown as Prisma.InputJsonValue;
    const row = await w.tx.escalationPolicy.update({ where: { id }, data, include: policyInclude });
    await w.audit("escalation_policy.update", "escalation_policy", id, { fields: Object.keys(input).filter((k) => k !== "version") });
    return (await present(w.tx, [row]))[0]!;
  }));
  return value;
}

/** Services using it lose their policy (and page nobody until given another); running escalations finish with their own copy. */
export async function deletePolicy(actor: Actor, id: string) {
  requireRole(actor, "admin");
  await commitWrite(actor, async (w) => {
    const cur = await requirePolicy(w.tx, actor, id);
    await w.tx.escalationPolicy.delete({ where: { id } });
    await w.audit("escalation_policy.delete", "escalation_policy", id, { name: cur.name, services: cur.services.map((s) => s.key) });
  });
}

/** For pickers (service form): id and name. */
export async function listPolicyOptions(actor: Actor) {
  return db().escalationPolicy.findMany({ where: { orgId: actor.orgId }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}
