import { z } from "zod";
import { shiftsQuerySchema } from "@/lib/domain/schedule-schemas";
import { json, withApi } from "@/lib/server/api-handler";
import { shiftsFor } from "@/lib/server/schedules/data";

const params = z.object({ id: z.string().max(64) });

// GET /api/v1/schedules/{id}/shifts?from=&to= — the final schedule (layers and overrides resolved) over at most 100 days.
export const GET = withApi({ params, query: shiftsQuerySchema }, async ({ actor, params, query }) =>
  json(await shiftsFor(actor, params.id, new Date(query.from), new Date(query.to))),
);
