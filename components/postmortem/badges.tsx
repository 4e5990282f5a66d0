// A postmortem's status and type at a glance (editor, reviews list, incident list).
import { POSTMORTEM_TYPE_LABELS, type PostmortemType } from "@/lib/domain/postmortem/review-types";
import { POSTMORTEM_STATUS_LABELS, type PostmortemStatus } from "@/lib/domain/postmortem/workflow";

const STATUS_STYLE: Record<PostmortemStatus, string> = {
  draft: "bg-slate-200 text-slate-800 dark:bg-slate-800 dark:text-slate-200",
  in_review: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-300",
  published: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
};

export function PostmortemStatusBadge({ status, testId }: { status: PostmortemStatus; testId?: string }) {
  return (
    <span data-testid={testId} className={`inline-flex whitespace-nowrap rounded px-2 py-0.5 text-xs font-semibold ${STATUS_STYLE[status]}`}>
      {POSTMORTEM_STATUS_LABELS[status]}
    </span>
  );
}

const TYPE_STYLE: Record<PostmortemType, string> = {
  incident_review: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
  near_miss: "bg-violet-100 text-violet-900 dark:bg-violet-950 dark:text-violet-200",
  positive_retro: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
};

export function PostmortemTypeBadge({ type, testId }: { type: PostmortemType; testId?: string }) {
  return (
    <span data-testid={testId} className={`inline-flex whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-semibold ${TYPE_STYLE[type]}`}>
      {POSTMORTEM_TYPE_LABELS[type]}
    </span>
  );
}
