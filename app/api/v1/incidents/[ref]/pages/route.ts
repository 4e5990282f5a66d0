import { z } from "zod";
import { pagePersonSchema } from "@/lib/domain/pages";
import { idempotencyOf, json, withApi } from "@/lib/server/api-handler";
import { incidentPaging, pagePerson } from "@/lib/server/escalations/pages";

const params = z.object({ ref: z.string().max(20) });

// GET /api/v1/incidents/{ref}/pages — the incident's escalations and their pages.
export const GET = withApi({ params }, async ({ actor, params }) => json(await incidentPaging(actor, params.ref)));

// POST /api/v1/incidents/{ref}/pages — page one person now ({ user, note? }); answers the incident's paging.
export const POST = withApi({ role: "responder", params, body: pagePersonSchema }, async (ctx) => json(await pagePerson(ctx.actor, ctx.params.ref, ctx.body, idempotencyOf(ctx)), 201));
