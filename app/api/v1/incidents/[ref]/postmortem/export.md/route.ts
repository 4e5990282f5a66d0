import { z } from "zod";
import { withApi } from "@/lib/server/api-handler";
import { exportPostmortem } from "@/lib/server/postmortems/data";

const params = z.object({ ref: z.string().max(20) });

// GET /api/v1/incidents/{ref}/postmortem/export.md — the whole postmortem as a Markdown download.
export const GET = withApi({ params }, async ({ actor, params }) => {
  const { filename, markdown } = await exportPostmortem(actor, params.ref);
  return new Response(markdown, {
    headers: { "Content-Type": "text/markdown; charset=utf-8", "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "no-store" },
  });
});
