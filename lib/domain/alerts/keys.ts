// Integration keys (issue 16): what an admin names when making one for a monitoring sender, and what a key can carry —
// the generic route's JSONPath mapping, and the secret Grafana signs its webhooks with (HMAC-SHA256).
import { z } from "zod";
import { tooLong } from "../input";
import { genericMappingSchema } from "./generic";

const name = z.string().trim().min(1, "Name the sender that will use it").max(80, tooLong(80));
/** Grafana's "HMAC Signature → Secret": used as it is, as Grafana does. Long enough not to be guessed. */
const signingSecret = z.string().min(16, "at least 16 characters").max(200, tooLong(200));

export const integrationKeyCreateSchema = z
  .object({
    /** Which sender uses it ("Prometheus eu-west-1", "Grafana"). */
    name,
    /** For `POST /api/v1/alerts/generic`: where summary, dedup key, status and severity are in the sender's JSON. */
    mapping: genericMappingSchema.optional(),
    /** When set, this key takes only deliveries signed with it (Grafana's X-Grafana-Alerting-Signature). */
    signingSecret: signingSecret.optional(),
  })
  .strict();
export type IntegrationKeyCreateInput = z.infer<typeof integrationKeyCreateSchema>;

/** `PATCH …/integration-keys/{id}`: null clears the mapping (back to the defaults) or the signing secret. */
export const integrationKeyUpdateSchema = z
  .object({ name: name.optional(), mapping: genericMappingSchema.nullable().optional(), signingSecret: signingSecret.nullable().optional() })
  .strict()
  .refine((v) => Object.keys(v).length > 0, "Send name, mapping or signingSecret");
export type IntegrationKeyUpdateInput = z.infer<typeof integrationKeyUpdateSchema>;
