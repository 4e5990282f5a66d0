import "server-only";
// The organization's settings: update cadence per severity and nudge thresholds
// (who to pull in at each escalation step). Admins change them; everyone reads.
import { DEFAULT_CADENCE } from "@/lib/domain/cadence";
import { nudgeSettingsOf, orgSettingsSchema, type OrgSettings } from "@/lib/domain/schemas";
import type { Prisma } from "@/lib/generated/prisma/client";
import { requireRole } from "../access";
import type { Actor } from "../actor";
import { db } from "../db";
import { commitWrite } from "../write";

/** The stored settings and the effective ones (defaults filled in). */
function present(settings: OrgSettings) {
  return {
    settings,
    effective: { cadence: { ...DEFAULT_CADENCE, ...settings.cadence }, nudges: nudgeSettingsOf(settings) },
  };
}

export async function loadOrgSettings(actor: Actor) {
  const org = await db().organization.findUniqueOrThrow({ where: { id: actor.orgId }, select: { settings: true } });
  return present(orgSettingsSchema.parse(org.settings));
}

export async function updateOrgSettings(actor: Actor, patch: OrgSettings) {
  requireRole(actor, "admin");
  const { value } = await commitWrite(actor, async (w) => {
    const org = await w.tx.organization.findUniqueOrThrow({ where: { id: actor.orgId }, select: { settings: true } });
    const current = orgSettingsSchema.parse(org.settings);
    const next: OrgSettings = { ...current, ...patch };
    await w.tx.organization.update({ where: { id: actor.orgId }, data: { settings: next as Prisma.InputJsonValue } });
    await w.audit("org.settings.update", "organization", actor.orgId, { changed: Object.keys(patch) });
    return next;
  });
  return present(value);
}
