// The war room's answer (GET /api/v1/dashboard and the dashboard page): what is
// burning, who commands it, what is slipping. Wire types only; the server builds it.
import type { Nudge } from "./nudges";
import type { ActionItemDto } from "./postmortem/action-items";
import type { ReviewNudge } from "./postmortem/review-nudges";
import type { IncidentStatus } from "./lifecycle";
import type { Priority, Severity } from "./severity";

export interface DashboardItem {
  ref: string;
  title: string;
  severity: Severity;
  priority: Priority;
  status: IncidentStatus;
  private: boolean;
  drill: boolean;
  commander: { handle: string; name: string } | null;
  declaredAt: string;
  /** When the impact started, if known: "open for" counts from it. */
  startedAt: string | null;
  resolvedAt: string | null;
  nextUpdateDueAt: string | null;
  openBlockers: number;
  activeWorkstreams: number;
  blockedWorkstreams: number;
  services: { key: string; name: string }[];
  /** The roles the viewer holds on it. */
  myRoles: string[];
  nudges: Nudge[];
}

export interface Dashboard {
  generatedAt: string;
  /** Active, not drills: by severity, then age. */
  active: DashboardItem[];
  drills: DashboardItem[];
  /** Refs of the incidents where the viewer holds a role. */
  mine: string[];
  recentlyResolved: DashboardItem[];
  /** Open and in progress, owned by the viewer: overdue first. */
  myActionItems: ActionItemDto[];
  /** Overdue action items of the viewer; SEV0/1 reviews without a "prevent" item. */
  reviewNudges: ReviewNudge[];
}
