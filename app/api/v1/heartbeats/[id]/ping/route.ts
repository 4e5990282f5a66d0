import { heartbeatPingRoute } from "@/lib/server/alerts/routes";

type Ctx = { params: Promise<{ id: string }> };
const ping = async (req: Request, ctx: Ctx) => heartbeatPingRoute(req, (await ctx.params).id);

// GET|POST /api/v1/heartbeats/{id}/ping — a heartbeat's ping, with its own key (Bearer or ?key=).
export const GET = ping;
export const POST = ping;
