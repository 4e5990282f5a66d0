import { z } from "zod";
import { readMarkSchema } from "@/lib/domain/schemas";
import { json, withApi } from "@/lib/server/api-handler";
import { markRead } from "@/lib/server/incidents/digest";

const params = z.object({ ref: z.string().max(20) });

// PUT /api/v1/incidents/{ref}/read { seq } — the caller saw the incident up to seq (the marker never moves back).
export const PUT = withApi({ params, body: readMarkSchema }, async ({ actor, params, body }) => json(await markRead(actor, params.ref, body.seq)));
