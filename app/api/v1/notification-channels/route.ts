import { channelCreateSchema } from "@/lib/domain/pages";
import { idempotencyOf, json, withApi } from "@/lib/server/api-handler";
import { createChannel, listChannels } from "@/lib/server/escalations/channels";

// GET /api/v1/notification-channels — webhook channels pages are delivered to; URLs masked (admin).
export const GET = withApi({ role: "admin" }, async ({ actor }) => json(await listChannels(actor)));

// POST /api/v1/notification-channels — add a Slack-compatible webhook (admin).
export const POST = withApi({ role: "admin", body: channelCreateSchema }, async (ctx) => json(await createChannel(ctx.actor, ctx.body, idempotencyOf(ctx)), 201));
