import "server-only";
// Service catalog reads.
import type { Actor } from "./actor";
import { db } from "./db";

export async function listServiceOptions(actor: Actor) {
  return db().service.findMany({
    where: { orgId: actor.orgId },
    select: { id: true, key: true, name: true, tier: true },
    orderBy: [{ tier: "asc" }, { key: "asc" }],
  });
}
export type ServiceOption = Awaited<ReturnType<typeof listServiceOptions>>[number];
