import "server-only";
// A service's alert routing (issue 16): its ordered rules, grouping window and labels — read by every member, written
// by admins with the service's version last read (409 when stale), audited; and the tester, which shows what the
// saved or a draft set of rules would do with a pasted payload, storing nothing.
import { randomUUID } from "node:crypto";
import { DEFAULT_GENERIC_MAPPING } from "@/lib/domain/alerts/generic";
import { ALERT_SEVERITIES } from "@/lib/domain/alerts/normalize";
import { DEFAULT_ROUTES } from "@/lib/domain/alerts/rules";
import { alertSettingsOf, matcherToText, ruleFlags, rulesToStore, type AlertSettingsInput, type StoredRule } from "@/lib/domain/alerts/settings";
import { explainRoutes, readPayload, type RuleTestInput } from "@/lib/domain/alerts/tester";
import { AppError } from "@/lib/domain/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "../actor";
import { db, type Tx } from "../db";
import { commitWrite, staleVersion } from "../write";
import { forgetKeys } from "./key-cache";

const newRuleId = () => `rule_${randomUUID().slice(0, 8)}`;

async function serviceRow(tx: Tx, actor: Actor, key: string) {
  const row = await tx.service.findFirst({ where: { orgId: actor.orgId, key: key.trim().toUpperCase() }, select: { id: true, key: true, version: true, alertSettings: true } });
  if (!row) throw new AppError("not_found", `No service ${key}.`);
  return row;
}

async function present(tx: Tx, row: { key: string; version: number; alertSettings: unknown }, now: Date) {
  const settings = alertSettingsOf(row.alertSettings);
  const ownerIds = [...new Set(settings.rules.flatMap((r) => (r.ownerId ? [r.ownerId] : [])))];
  const owners = ownerIds.length ? await tx.user.findMany({ where: { id: { in: ownerIds } }, select: { id: true, handle: true, name: true } }) : [];
  return {
    service: row.key,
    version: row.version,
    groupWindowMinutes: settings.groupWindowMinutes,
    groupingLabels: settings.groupingLabels,
    cancelPagingWhenResolved: settings.cancelPagingWhenResolved,
    rules: settings.rules.map((r: StoredRule) => {
      const owner = owners.find((o) => o.id === r.ownerId);
      return {
        id: r.id,
        name: r.name ?? null,
        severities: r.severities ?? [],
        matchers: (r.matchers ?? []).map(matcherToText),
        action: r.action,
        incidentSeverity: r.incidentSeverity ?? null,
        holdSeconds: r.holdSeconds ?? 0,
        owner: owner ? { handle: owner.handle, name: owner.name } : null,
        reviewedAt: r.reviewedAt ?? null,
        flags: ruleFlags({ ownerId: owner ? r.ownerId : null, reviewedAt: r.reviewedAt }, now),
      };
    }),
    /** What happens when no rule matches. */
    defaults: ALERT_SEVERITIES.map((severity) => ({ severity, ...DEFAULT_ROUTES[severity] })),
  };
}
export type AlertSettingsDto = Awaited<ReturnType<typeof present>>;

/** `GET /api/v1/services/{key}/alert-settings` (every member). */
export async function getAlertSettings(actor: Actor, key: string): Promise<AlertSettingsDto> {
  const client = db();
  return present(client, await serviceRow(client, actor, key), new Date());
}

/** Handles → user ids of this organization's active members; an unknown one is a 400 on its rule's `owner`. */
async function resolveOwners(tx: Tx, orgId: string, input: AlertSettingsInput): Promise<Map<string, string>> {
  const refs = input.rules.flatMap((r, i) => (r.owner ? [{ handle: r.owner.replace(/^@/, "").toLowerCase(), field: `rules.${i}.owner` }] : []));
  if (refs.length === 0) return new Map();
  const users = await tx.user.findMany({
    where: { deactivatedAt: null, handle: { in: [...new Set(refs.map((r) => r.handle))] }, memberships: { some: { orgId } } },
    select: { id: true, handle: true },
  });
  const ids = new Map(users.map((u) => [u.handle.toLowerCase(), u.id]));
  const fields = Object.fromEntries(refs.filter((r) => !ids.has(r.handle)).map((r) => [r.field, `No member @${r.handle} in this organization`]));
  if (Object.keys(fields).length) throw new AppError("invalid_input", `Invalid input: ${Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join("; ")}`, { fields });
  return ids;
}

/**
 * `PUT /api/v1/services/{key}/alert-settings` (admin): the rules in order (the first that matches takes an alert),
 * the grouping window and labels. The service's version guards it; a rule keeps its review date unless it changed.
 */
export async function putAlertSettings(actor: Actor, key: string, input: AlertSettingsInput): Promise<AlertSettingsDto> {
  const { value } = await commitWrite(actor, async (w) => {
    await w.tx.$executeRaw`SELECT 1 FROM "Service" WHERE "orgId" = ${actor.orgId} AND key = ${key.trim().toUpperCase()} FOR UPDATE`;
    const before = await serviceRow(w.tx, actor, key);
    if (before.version !== input.version) throw staleVersion("service", before.version);
    const current = alertSettingsOf(before.alertSettings);
    const owners = await resolveOwners(w.tx, actor.orgId, input);
    const next = {
      rules: rulesToStore(current.rules, input.rules, owners, w.now, newRuleId),
      groupWindowMinutes: input.groupWindowMinutes ?? current.groupWindowMinutes,
      groupingLabels: input.groupingLabels ? [...new Set(input.groupingLabels)] : current.groupingLabels,
      cancelPagingWhenResolved: input.cancelPagingWhenResolved ?? current.cancelPagingWhenResolved,
    };
    if (JSON.stringify(next) === JSON.stringify(current)) return present(w.tx, before, w.now);
    const row = await w.tx.service.update({
      where: { id: before.id },
      data: { alertSettings: next as unknown as Prisma.InputJsonValue, version: { increment: 1 } },
      select: { id: true, key: true, version: true, alertSettings: true },
    });
    await w.audit("service.alert_settings", "service", row.id, {
      key: row.key,
      rules: { from: current.rules.length, to: next.rules.length },
      groupWindowMinutes: next.groupWindowMinutes,
      groupingLabels: next.groupingLabels,
    });
    return present(w.tx, row, w.now);
  });
  forgetKeys();
  return value;
}

/** `POST /api/v1/services/{key}/alert-settings/test` (responders): what the rules would do with a pasted payload. */
export async function testAlertRules(actor: Actor, key: string, input: RuleTestInput) {
  const client = db();
  const row = await serviceRow(client, actor, key);
  const saved = alertSettingsOf(row.alertSettings).rules;
  const rules = input.rules ? rulesToStore(saved, input.rules, new Map(), new Date(), newRuleId) : saved;
  const read = readPayload(input.source, input.payload, input.mapping ?? DEFAULT_GENERIC_MAPPING, randomUUID);
  if (!read.ok) throw new AppError("invalid_input", `Invalid input: ${Object.entries(read.fields).map(([k, v]) => `${k}: ${v}`).join("; ")}`, { fields: read.fields });
  return { service: row.key, draft: Boolean(input.rules), alerts: explainRoutes(rules, read.alerts) };
}
