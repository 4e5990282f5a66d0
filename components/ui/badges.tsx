// Badges: an incident's severity and status, a postmortem's status and type, an
// action item's status, and the neutral Tag. One place, so each reads the same everywhere.
import { ACTION_ITEM_STATUS_LABELS, type ActionItemStatus } from "@/lib/domain/postmortem/action-items";
import { POSTMORTEM_TYPE_LABELS, type PostmortemType } from "@/lib/domain/postmortem/review-types";
import { POSTMORTEM_STATUS_LABELS, type PostmortemStatus } from "@/lib/domain/postmortem/workflow";
import { SEVERITY_LEVELS, type Severity } from "@/lib/domain/severity";

const SEVERITY_STYLE: Record<Severity, string> = {
  SEV0: "bg-sev0 text-white",
  SEV1: "bg-sev1 text-white",
  SEV2: "bg-sev2 text-white",
  SEV3: "bg-sev3 text-white",
  SEV4: "bg-sev4 text-white",
};

export function SeverityBadge({ severity, withLabel = false }: { severity: Severity; withLabel?: boolean }) {
  return (
    <span
      title={SEVERITY_LEVELS[severity].impact}
      className={`inline-flex items-center rounded px-1.5 py-0.5 text-xs font-bold tracking-wide ${SEVERITY_STYLE[severity]}`}
    >
      {severity}
      {withLabel && <span className="ml-1 font-medium">· {SEVERITY_LEVELS[severity].label}</span>}
    </span>
  );
}

const STATUS_STYLE: Record<string, string> = {
  investigating: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300",
  mitigated: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-300",
  resolved: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
  closed: "bg-slate-200 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
};

export function StatusBadge({ status }: { status: string }) {
  return <span className={`inline-flex rounded px-1.5 py-0.5 text-xs font-semibold capitalize ${STATUS_STYLE[status] ?? ""}`}>{status}</span>;
}

export function Tag({ children, tone = "slate" }: { children: React.ReactNode; tone?: "slate" | "violet" | "sky" }) {
  const tones = {
    slate: "border-slate-300 text-slate-700 dark:border-slate-600 dark:text-slate-300",
    violet: "border-violet-400 text-violet-800 dark:border-violet-500 dark:text-violet-300",
    sky: "border-sky-400 text-sky-800 dark:border-sky-500 dark:text-sky-300",
  };
  return <span className={`inline-flex rounded border px-1.5 py-0.5 text-xs font-medium ${tones[tone]}`}>{children}</span>;
}

const POSTMORTEM_STATUS_STYLE: Record<PostmortemStatus, string> = {
  draft: "bg-slate-200 text-slate-800 dark:bg-slate-800 dark:text-slate-200",
  in_review: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-300",
  published: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
};

export function PostmortemStatusBadge({ status, testId }: { status: PostmortemStatus; testId?: string }) {
  return (
    <span data-testid={testId} className={`inline-flex whitespace-nowrap rounded px-2 py-0.5 text-xs font-semibold ${POSTMORTEM_STATUS_STYLE[status]}`}>
      {POSTMORTEM_STATUS_LABELS[status]}
    </span>
  );
}

const POSTMORTEM_TYPE_STYLE: Record<PostmortemType, string> = {
  incident_review: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
  near_miss: "bg-violet-100 text-violet-900 dark:bg-violet-950 dark:text-violet-200",
  positive_retro: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
};

export function PostmortemTypeBadge({ type, testId }: { type: PostmortemType; testId?: string }) {
  return (
    <span data-testid={testId} className={`inline-flex whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-semibold ${POSTMORTEM_TYPE_STYLE[type]}`}>
      {POSTMORTEM_TYPE_LABELS[type]}
    </span>
  );
}

const ACTION_ITEM_STATUS_STYLE: Record<ActionItemStatus, string> = {
  open: "bg-slate-200 text-slate-800 dark:bg-slate-800 dark:text-slate-200",
  in_progress: "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-300",
  done: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
  verified: "bg-emerald-600 text-white",
  wont_do: "bg-slate-100 text-slate-500 line-through dark:bg-slate-900 dark:text-slate-400",
};

export function ActionStatusBadge({ status }: { status: ActionItemStatus }) {
  return <span className={`inline-flex whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-semibold ${ACTION_ITEM_STATUS_STYLE[status]}`}>{ACTION_ITEM_STATUS_LABELS[status]}</span>;
}
