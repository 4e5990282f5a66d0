import { z } from "zod";
import { onCallQuerySchema } from "@/lib/domain/schedule-schemas";
import { json, withApi } from "@/lib/server/api-handler";
import { onCallFor } from "@/lib/server/schedules/data";

const params = z.object({ id: z.string().max(64) });

// GET /api/v1/schedules/{id}/oncall?at=<ISO> — who is on call at that instant (default now): { at, users, source }.
export const GET = withApi({ params, query: onCallQuerySchema }, async ({ actor, params, query }) =>
  json(await onCallFor(actor, params.id, query.at ? new Date(query.at) : new Date())),
);
