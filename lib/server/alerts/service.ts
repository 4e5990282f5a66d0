import "server-only";
// The service an alert-admin route names (integration keys, deliveries, maintenance): this organization's, or a 404.
import { AppError } from "@/lib/domain/errors";
import type { Actor } from "../actor";
import { db } from "../db";

export async function serviceOf(actor: Actor, key: string): Promise<{ id: string; key: string }> {
  const service = await db().service.findFirst({ where: { orgId: actor.orgId, key: key.trim().toUpperCase() }, select: { id: true, key: true } });
  if (!service) throw new AppError("not_found", `No service ${key}.`);
  return service;
}
