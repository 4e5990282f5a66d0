import { json, withApi } from "@/lib/server/api-handler";
import { myHandovers } from "@/lib/server/incidents/handovers";

// GET /api/v1/handovers — mine: offers of command waiting for my answer, and command taken from me in the last hour.
export const GET = withApi({}, async ({ actor }) => json(await myHandovers(actor)));
