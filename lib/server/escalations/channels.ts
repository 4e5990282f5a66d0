import "server-only";
// Delivery channels besides the in-app notification: Slack-compatible webhooks.
// Admins manage them; the URL is a secret and leaves the server only masked.
import { AppError } from "@/lib/domain/errors";
import { maskUrl, type ChannelCreateInput } from "@/lib/domain/pages";
import type { Actor } from "../actor";
import { requireRole } from "../access";
import { db } from "../db";
import { commitWrite, type IdempotencyOptions } from "../write";
import { webhookMessage } from "./pages";
import { publicOrigin } from "../public-url";
import { postJson, refuseWebhookUrl, resolveWebhookTarget, WebhookError } from "./webhook-target";

type ChannelRow = { id: string; kind: string; name: string; url: string; enabled: boolean; createdAt: Date };

function present(c: ChannelRow) {
  return { id: c.id, kind: c.kind, name: c.name, url: maskUrl(c.url), enabled: c.enabled, createdAt: c.createdAt.toISOString() };
}
export type ChannelDto = ReturnType<typeof present>;

export async function listChannels(actor: Actor) {
  requireRole(actor, "admin");
  const rows = await db().notificationChannel.findMany({ where: { orgId: actor.orgId }, orderBy: { createdAt: "asc" } });
  return { items: rows.map(present) };
}

export async function createChannel(actor: Actor, input: ChannelCreateInput, opts: { idempotency?: IdempotencyOptions } = {}) {
  requireRole(actor, "admin");
  const refused = await refuseWebhookUrl(input.url);
  if (refused) throw new AppError("invalid_input", `This webhook URL ${refused}.`, { fields: { url: refused } });
  const { value } = await commitWrite(
    actor,
    async (w) => {
      const row = await w.tx.notificationChannel.create({ data: { orgId: actor.orgId, kind: "webhook", name: input.name, url: input.url, enabled: input.enabled, createdById: actor.userId } });
      await w.audit("notification_channel.create", "notification_channel", row.id, { name: row.name, url: maskUrl(row.url) });
      return present(row);
    },
    opts,
  );
  return value;
}

async function requireChannel(actor: Actor, id: string) {
  const row = await db().notificationChannel.findFirst({ where: { id, orgId: actor.orgId } });
  if (!row) throw new AppError("not_found", "No such channel.");
  return row;
}

export async function updateChannel(actor: Actor, id: string, input: { name?: string; enabled?: boolean }) {
  requireRole(actor, "admin");
  await requireChannel(actor, id);
  const { value } = await commitWrite(actor, async (w) => {
    const row = await w.tx.notificationChannel.update({ where: { id }, data: input });
    await w.audit("notification_channel.update", "notification_channel", id, input);
    return present(row);
  });
  return value;
}

export async function deleteChannel(actor: Actor, id: string) {
  requireRole(actor, "admin");
  const row = await requireChannel(actor, id);
  await commitWrite(actor, async (w) => {
    await w.tx.notificationChannel.delete({ where: { id } });
    await w.audit("notification_channel.delete", "notification_channel", id, { name: row.name });
  });
}

/** Sends a test message now and answers how the receiver responded (never the URL). */
export async function testChannel(actor: Actor, id: string, h: { get(name: string): string | null }) {
  requireRole(actor, "admin");
  const row = await requireChannel(actor, id);
  const resolved = await resolveWebhookTarget(row.url);
  if ("refused" in resolved) return { ok: false, status: null, error: `refused: the URL ${resolved.refused}` };
  const origin = publicOrigin(h);
  const sample = webhookMessage(
    {
      id: "test",
      incident: null,
      user: { handle: actor.handle, name: actor.name },
      reason: "Test message from Conn: this channel receives pages.",
      step: 0,
      round: 0,
      via: {},
      createdAt: new Date().toISOString(),
      acknowledgedAt: null,
      acknowledgedBy: null,
      open: true,
      escalation: null,
      alert: null,
      notes: [],
      deliveries: [],
    },
    origin,
  );
  try {
    const res = await postJson(resolved.target, sample, 10_000);
    return { ok: res.status >= 200 && res.status < 300, status: res.status };
  } catch (error) {
    return { ok: false, status: null, error: error instanceof WebhookError ? error.reason : "unreachable" };
  }
}
