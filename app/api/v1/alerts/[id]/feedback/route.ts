import { z } from "zod";
import { alertFeedbackSchema } from "@/lib/domain/alerts/health";
import { json, withApi } from "@/lib/server/api-handler";
import { recordFeedback } from "@/lib/server/alerts/health";

const params = z.object({ id: z.string().max(100) });

// POST /api/v1/alerts/{id}/feedback — mark the alert (or every alert of its identity) useful or noisy, with a note (responder).
export const POST = withApi({ role: "responder", params, body: alertFeedbackSchema }, async ({ actor, params, body }) => json(await recordFeedback(actor, params.id, body)));
