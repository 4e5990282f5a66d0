// React Query keys, one place.
export const queryKeys = {
  incidents: (filters: Record<string, string | undefined> = {}) => ["incidents", filters] as const,
  incident: (ref: string) => ["incident", ref.toUpperCase()] as const,
  timeline: (ref: string) => ["incident", ref.toUpperCase(), "timeline"] as const,
  tokens: () => ["tokens"] as const,
  users: (q = "") => ["users", q] as const,
  status: () => ["status"] as const,
  execSummary: (ref: string) => ["status", ref.toUpperCase()] as const,
  shareLinks: (ref: string) => ["incident", ref.toUpperCase(), "share-links"] as const,
  schedules: () => ["schedules"] as const,
  schedule: (id: string) => ["schedules", id] as const,
  scheduleShifts: (id: string, from: string, to: string) => ["schedules", id, "shifts", from, to] as const,
  /** An incident's affected services with their owners and on-call; keyed by the service keys so a change of services refetches. */
  incidentServices: (ref: string, serviceKeys: string[]) => ["incident", ref.toUpperCase(), "services", serviceKeys.join(",")] as const,
  /** Pages: every list and detail shares the prefix, so one invalidation refreshes them all. */
  pages: (filters: Record<string, string> = {}) => (Object.keys(filters).length ? (["pages", filters] as const) : (["pages"] as const)),
  incidentPages: (ref: string) => ["pages", "incident", ref.toUpperCase()] as const,
  /** The declare form's services with who each pages now, and the declarer's teams. */
  declareOptions: () => ["declare-options"] as const,
  similarIncidents: (title: string, services: string[]) => ["incidents", "similar", title, services.join(",")] as const,
  channels: () => ["notification-channels"] as const,
  teams: () => ["teams"] as const,
  team: (key: string) => ["teams", key.toLowerCase()] as const,
  postmortems: () => ["postmortems"] as const,
  postmortemComments: (id: string) => ["postmortems", id, "comments"] as const,
  postmortemReviewers: (id: string) => ["postmortems", id, "reviewers"] as const,
  postmortemActionItems: (id: string) => ["action-items", { postmortem: id }] as const,
  postmortemDiff: (id: string, key: string, revision: number) => ["postmortems", id, "diff", key, revision] as const,
  postmortemTemplate: () => ["org", "postmortem-template"] as const,
  escalationPolicies: () => ["escalation-policies"] as const,
  escalationPolicy: (id: string) => ["escalation-policies", id] as const,
  oncallHealth: (days: number, team = "") => ["oncall-health", days, team] as const,
};
