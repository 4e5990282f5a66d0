import { opsgenieHeartbeatPingRoute } from "@/lib/server/alerts/routes";

type Ctx = { params: Promise<{ name: string }> };
const ping = async (req: Request, ctx: Ctx) => opsgenieHeartbeatPingRoute(req, (await ctx.params).name);

// GET|POST /api/v1/alerts/opsgenie/v2/heartbeats/{name}/ping — Opsgenie's heartbeat ping (GenieKey = a key of the service).
export const GET = ping;
export const POST = ping;
