// Declaring from alerts (issue 16): a responder paged by a "page only" rule (or looking at the alert inbox) finds it is
// an outage after all and declares an incident from the alerts: they move onto it, with the escalation that paged for
// them, so nobody is paged twice. Pure: the input and the rule of which alerts may be declared from.
import { z } from "zod";
import { severitySchema, text } from "../schemas";

export const alertDeclareSchema = z
  .object({
    alertIds: z.array(z.string().trim().min(1, "Required").max(100)).min(1, "Pick at least one alert").max(200, "At most 200 alerts at once"),
    severity: severitySchema,
    /** The incident's title; the first alert's summary when absent. */
    title: text(200).optional(),
  })
  .strict();
export type AlertDeclareInput = z.infer<typeof alertDeclareSchema>;

/** Why these alerts cannot be declared from, or null: each must exist and be on no incident yet. */
export function declareProblem(asked: readonly string[], found: readonly { id: string; incident: string | null }[]): { code: "invalid_input" | "conflict"; message: string } | null {
  const known = new Set(found.map((a) => a.id));
  const unknown = asked.filter((id) => !known.has(id));
  if (unknown.length) return { code: "invalid_input", message: `No such alert: ${unknown.slice(0, 5).join(", ")}${unknown.length > 5 ? "…" : ""}` };
  const on = [...new Set(found.flatMap((a) => (a.incident ? [a.incident] : [])))];
  if (on.length) return { code: "conflict", message: `Already on ${on.join(", ")}: open it there instead.` };
  return null;
}

/** The new incident's title: the one given, else the first alert's summary (and how many more). */
export function declaredTitle(title: string | undefined, alerts: readonly { summary: string }[]): string {
  if (title) return title;
  const first = alerts[0]?.summary.trim() || "Alerts";
  const more = alerts.length > 1 ? ` (+${alerts.length - 1} more)` : "";
  return `${first.slice(0, 200 - more.length)}${more}`;
}
