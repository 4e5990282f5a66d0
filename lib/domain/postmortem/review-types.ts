// The kinds of review (an incident's, a near miss, a positive retro) and where each lives. Pure: no I/O.

/** Where a postmortem lives: an incident's under the incident, any other by its id (API and pages alike). */
export function postmortemApiPath(pm: { id: string; incident: { ref: string } | null }): string {
  return pm.incident ? `/api/v1/incidents/${pm.incident.ref}/postmortem` : `/api/v1/postmortems/${pm.id}`;
}
export function postmortemPagePath(pm: { id: string; incident: { ref: string } | null }): string {
  return pm.incident ? `/incidents/${pm.incident.ref}/postmortem` : `/postmortems/${pm.id}`;
}

/** incident_review: an incident's; near_miss and positive_retro (PRACTICES.md "Positive retros") need no incident. */
export const POSTMORTEM_TYPES = ["incident_review", "near_miss", "positive_retro"] as const;
export type PostmortemType = (typeof POSTMORTEM_TYPES)[number];
export const STANDALONE_TYPES = ["near_miss", "positive_retro"] as const;
export const POSTMORTEM_TYPE_LABELS: Record<PostmortemType, string> = { incident_review: "Incident review", near_miss: "Near miss", positive_retro: "Positive retro" };
