// Severity = how bad (impact; drives the engineering response).
// Priority = how fast stakeholders need action. Both are tracked; route by severity.

export const SEVERITIES = ["SEV0", "SEV1", "SEV2", "SEV3", "SEV4"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const PRIORITIES = ["P1", "P2", "P3", "P4"] as const;
export type Priority = (typeof PRIORITIES)[number];

export interface SeverityLevel {
  severity: Severity;
  label: string;
  impact: string;
  respondWithin: string;
  /** Default priority offered when declaring at this severity. */
  defaultPriority: Priority;
}

export const SEVERITY_LEVELS: Record<Severity, SeverityLevel> = {
  SEV0: { severity: "SEV0", label: "Critical", impact: "Platform failure, business at risk; recovery path unknown", respondWithin: "immediately", defaultPriority: "P1" },
  SEV1: { severity: "SEV1", label: "Major", impact: "Major outage or degradation of core features", respondWithin: "< 3 min", defaultPriority: "P1" },
  SEV2: { severity: "SEV2", label: "Moderate", impact: "Moderate impact, several services; a workaround may exist", respondWithin: "< 5 min", defaultPriority: "P2" },
  SEV3: { severity: "SEV3", label: "Minor", impact: "Degraded experience of a single service", respondWithin: "< 15 min", defaultPriority: "P3" },
  SEV4: { severity: "SEV4", label: "Low", impact: "Minimal or cosmetic impact", respondWithin: "< 48 h", defaultPriority: "P4" },
};

/** Lower rank is worse: SEV0 = 0. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** Is `to` a more severe level than `from`? ("escalate early, downgrade with certainty") */
export function isEscalation(from: Severity, to: Severity): boolean {
  return severityRank(to) < severityRank(from);
}

/** Most severe first, then oldest first: the order a war room reads incidents in. */
export function compareBySeverityThenAge(
  a: { severity: Severity; declaredAt: Date },
  b: { severity: Severity; declaredAt: Date },
): number {
  return severityRank(a.severity) - severityRank(b.severity) || a.declaredAt.getTime() - b.declaredAt.getTime();
}
