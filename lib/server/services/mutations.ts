import "server-only";
// Service writes (admins): create one, and change its name, team, tier, links, dependencies and escalation policy with the version last read. Not incident writes: each goes through `commitWrite` with an audit record.
import { AppError } from "@/lib/domain/errors";
import { selfDependencyError, type ServiceCreateInput, type ServicePatchInput } from "@/lib/domain/services";
import type { Prisma } from "@/lib/generated/prisma/client";
import { requireRole } from "../access";
import type { Actor } from "../actor";
import { type Tx } from "../db";
import { staleVersion, commitWrite, type IdempotencyOptions } from "../write";
import { serviceInclude, linksOf, present } from "./data";

/** `POST /api/v1/services` (admin). */
/** Service keys → ids of the same organization; a service naming itself or an unknown key is a 400 on `dependsOn`. */
async function resolveDependencies(tx: Tx, orgId: string, key: string, keys: string[]): Promise<{ id: string; key: string }[]> {
  const wanted = [...new Set(keys)];
  const self = selfDependencyError(key, wanted);
  if (self) throw new AppError("invalid_input", `${self}.`, { fields: { dependsOn: self } });
  const deps = wanted.length ? await tx.service.findMany({ where: { orgId, key: { in: wanted } }, select: { id: true, key: true }, orderBy: { key: "asc" } }) : [];
  const unknown = wanted.filter((k) => !deps.some((d) => d.key === k));
  if (unknown.length) throw new AppError("invalid_input", `Unknown service: ${unknown.join(", ")}.`, { fields: { dependsOn: `unknown: ${unknown.join(", ")}` } });
  return deps;
}

/** An escalation policy of the same organization by id; 400 on `escalationPolicy` otherwise (another organization's is unknown here). */
async function resolvePolicy(tx: Tx, orgId: string, id: string): Promise<{ id: string; name: string }> {
  const policy = await tx.escalationPolicy.findFirst({ where: { id, orgId }, select: { id: true, name: true } });
  if (!policy) throw new AppError("invalid_input", `No escalation policy ${id}.`, { fields: { escalationPolicy: "no such escalation policy in this organization" } });
  return policy;
}

export async function createService(actor: Actor, input: ServiceCreateInput, opts: { idempotency?: IdempotencyOptions } = {}) {
  requireRole(actor, "admin");
  return commitWrite(
    actor,
    async (w) => {
      const team = await w.tx.team.findFirst({ where: { orgId: actor.orgId, key: input.team } });
      if (!team) throw new AppError("invalid_input", `No team ${input.team}.`, { fields: { team: "no such team" } });
      if (await w.tx.service.findFirst({ where: { orgId: actor.orgId, key: input.key } })) {
        throw new AppError("conflict", `${input.key} already exists.`, { fields: { key: "already exists" } });
      }
      const deps = await resolveDependencies(w.tx, actor.orgId, input.key, input.dependsOn ?? []);
      const policy = input.escalationPolicy ? await resolvePolicy(w.tx, actor.orgId, input.escalationPolicy) : null;
      const row = await w.tx.service.create({
        data: {
          orgId: actor.orgId,
          key: input.key,
          name: input.name,
          description: input.description ?? "",
          teamId: team.id,
          escalationPolicyId: policy?.id ?? null,
          tier: input.tier,
          links: input.links ?? [],
          lastReviewedAt: w.now,
          dependsOn: { create: deps.map((d) => ({ dependsOnId: d.id })) },
        },
        include: serviceInclude,
      });
      await w.audit("service.create", "service", row.id, { key: row.key });
      return present(row, w.now);
    },
    opts,
  );
}

/**
 * `PATCH /api/v1/services/{key}` (admin), with the version last read: the row
 * is locked, a stale version is a 409 carrying the current one, and an edit
 * that changes nothing bumps nothing. `links` and `dependsOn` replace the
 * lists; `reviewed: true` stamps `lastReviewedAt` now (and is a change by itself).
 */
export async function updateService(actor: Actor, key: string, input: ServicePatchInput) {
  requireRole(actor, "admin");
  return commitWrite(actor, async (w) => {
    const serviceKey = key.trim().toUpperCase();
    await w.tx.$executeRaw`SELECT 1 FROM "Service" WHERE "orgId" = ${actor.orgId} AND key = ${serviceKey} FOR UPDATE`;
    const before = await w.tx.service.findFirst({ where: { orgId: actor.orgId, key: serviceKey }, include: serviceInclude });
    if (!before) throw new AppError("not_found", `No service ${serviceKey}.`);
    if (before.version !== input.version) throw staleVersion("service", before.version);

    const data: Prisma.ServiceUncheckedUpdateInput = {};
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const set = <K extends keyof typeof changes>(field: K, from: unknown, to: unknown) => {
      if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
    };
    if (input.name !== undefined) set("name", before.name, input.name);
    if (input.description !== undefined) set("description", before.description, input.description);
    if (input.tier !== undefined) set("tier", before.tier, input.tier);
    if (input.links !== undefined) set("links", linksOf(before), input.links);
    if (changes.name) data.name = input.name;
    if (changes.description) data.description = input.description;
    if (changes.tier) data.tier = input.tier;
    if (changes.links) data.links = input.links as Prisma.InputJsonValue;
    if (input.team !== undefined) {
      const team = await w.tx.team.findFirst({ where: { orgId: actor.orgId, key: input.team }, select: { id: true, key: true } });
      if (!team) throw new AppError("invalid_input", `No team ${input.team}.`, { fields: { team: "no such team" } });
      set("team", before.team?.key ?? null, team.key);
      if (changes.team) data.teamId = team.id;
    }
    if (input.escalationPolicy !== undefined) {
      const policy = input.escalationPolicy === null ? null : await resolvePolicy(w.tx, actor.orgId, input.escalationPolicy);
      set("escalationPolicy", before.escalationPolicyId, policy?.id ?? null);
      if (changes.escalationPolicy) data.escalationPolicyId = policy?.id ?? null;
    }
    let deps: { id: string; key: string }[] | null = null;
    if (input.dependsOn !== undefined) {
      deps = await resolveDependencies(w.tx, actor.orgId, before.key, input.dependsOn);
      set("dependsOn", before.dependsOn.map((d) => d.dependsOn.key).sort(), deps.map((d) => d.key));
    }
    if (input.reviewed) {
      data.lastReviewedAt = w.now;
      changes.reviewed = { from: before.lastReviewedAt?.toISOString() ?? null, to: w.now.toISOString() };
    }
    if (Object.keys(changes).length === 0) return present(before, w.now);

    if (changes.dependsOn && deps) {
      await w.tx.serviceDependency.deleteMany({ where: { serviceId: before.id } });
      await w.tx.serviceDependency.createMany({ data: deps.map((d) => ({ serviceId: before.id, dependsOnId: d.id })) });
    }
    const row = await w.tx.service.update({ where: { id: before.id }, data: { ...data, version: { increment: 1 } }, include: serviceInclude });
    await w.audit("service.update", "service", row.id, { key: row.key, ...changes });
    return present(row, w.now);
  });
}
