import { opsgenieActionRoute } from "@/lib/server/alerts/routes";

// POST /api/v1/alerts/opsgenie/v2/alerts/{alias}/close|acknowledge?identifierType=alias — the source resolves or acknowledges.
export async function POST(req: Request, ctx: { params: Promise<{ identifier: string; action: string }> }) {
  const { identifier, action } = await ctx.params;
  return opsgenieActionRoute(req, identifier, action);
}
