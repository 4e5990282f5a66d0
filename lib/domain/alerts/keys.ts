// Integration keys (issue 16): what an admin names when making one for a monitoring sender.
import { z } from "zod";
import { tooLong } from "../input";

export const integrationKeyCreateSchema = z
  .object({
    /** Which sender uses it ("Prometheus eu-west-1", "Grafana"). */
    name: z.string().trim().min(1, "Name the sender that will use it").max(80, tooLong(80)),
  })
  .strict();
export type IntegrationKeyCreateInput = z.infer<typeof integrationKeyCreateSchema>;
