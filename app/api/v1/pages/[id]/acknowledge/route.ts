import { z } from "zod";
import { json, withApi } from "@/lib/server/api-handler";
import { acknowledgePage } from "@/lib/server/escalations/pages";

const params = z.object({ id: z.string().max(64) });

// POST /api/v1/pages/{id}/acknowledge — the person paged acknowledges: the escalation stops (200).
// An automation token's acknowledgement is recorded as a note and changes nothing (202).
export const POST = withApi({ role: "responder", params }, async ({ actor, params }) => {
  const { page, acknowledged } = await acknowledgePage(actor, params.id);
  return json({ ...page, acknowledgedNow: acknowledged }, acknowledged ? 200 : 202);
});
