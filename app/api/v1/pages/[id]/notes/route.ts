import { z } from "zod";
import { pageNoteSchema } from "@/lib/domain/pages";
import { json, withApi } from "@/lib/server/api-handler";
import { addPageNote } from "@/lib/server/escalations/pages";

const params = z.object({ id: z.string().max(64) });

// POST /api/v1/pages/{id}/notes — a comment on a page (people and automations).
export const POST = withApi({ role: "responder", params, body: pageNoteSchema }, async ({ actor, params, body }) => json(await addPageNote(actor, params.id, body.body), 201));
