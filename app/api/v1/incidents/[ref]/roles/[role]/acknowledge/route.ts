import { z } from "zod";
import { json, withApi } from "@/lib/server/api-handler";
import { acknowledgeHandover } from "@/lib/server/incidents/roles";

const params = z.object({ ref: z.string().max(20), role: z.literal("commander", { error: "Only a command handover is acknowledged" }) });

// POST /api/v1/incidents/{ref}/roles/commander/acknowledge — the incoming commander acknowledges the briefing.
export const POST = withApi({ role: "responder", params }, async ({ actor, params }) => {
  const { value } = await acknowledgeHandover(actor, params.ref);
  return json({ entry: value });
});
