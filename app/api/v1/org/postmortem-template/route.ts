import { postmortemTemplatePutSchema } from "@/lib/domain/postmortem/template";
import { json, withApi } from "@/lib/server/api-handler";
import { loadPostmortemTemplate } from "@/lib/server/postmortems/data";
import { savePostmortemTemplate } from "@/lib/server/postmortems/mutations";

// GET /api/v1/org/postmortem-template — the sections new postmortems start with (the organization's own, else the default), with its version.
export const GET = withApi({}, async ({ actor }) => json(await loadPostmortemTemplate(actor)));

// PUT /api/v1/org/postmortem-template (admin) — { sections: [{ key, title, prompt }], version }: the whole ordered list; 409 when stale.
export const PUT = withApi({ role: "admin", body: postmortemTemplatePutSchema }, async ({ actor, body }) => json((await savePostmortemTemplate(actor, body)).value));
