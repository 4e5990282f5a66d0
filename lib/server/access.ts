import "server-only";
// Organization roles: viewer < responder < admin. `require*` throws, `can*` answers.
import { AppError } from "@/lib/domain/errors";
import type { OrgRole } from "@/lib/domain/schemas";
import type { Actor } from "./actor";

const RANK: Record<OrgRole, number> = { viewer: 0, responder: 1, admin: 2 };

export function hasRole(actor: Actor, role: OrgRole): boolean {
  return RANK[actor.role] >= RANK[role];
}

export function requireRole(actor: Actor, role: OrgRole): void {
  if (!hasRole(actor, role)) {
    throw new AppError("forbidden", role === "responder" ? "Read-only access: viewers cannot change anything." : `This needs the ${role} role.`);
  }
}
