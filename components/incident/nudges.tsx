// Nudges, each with the action that clears it.
import Link from "next/link";
import type { Nudge } from "@/lib/domain/nudges";

const LEVEL_STYLE = {
  critical: "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950/60 dark:text-red-200",
  warning: "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950/60 dark:text-amber-200",
} as const;

export function NudgeList({ nudges, href, onAction }: { nudges: Nudge[]; href?: string; onAction?: (nudge: Nudge) => void }) {
  if (nudges.length === 0) return null;
  return (
    <ul className="space-y-1" aria-label="Nudges" data-testid="nudges">
      {nudges.map((n) => (
        <li key={n.key} data-nudge={n.kind} className={`flex flex-wrap items-center gap-2 rounded-md border px-2 py-1.5 text-sm ${LEVEL_STYLE[n.level]}`}>
          <span className="min-w-0 flex-1 [overflow-wrap:anywhere]">{n.message}</span>
          {onAction ? (
            <button type="button" onClick={() => onAction(n)} className="rounded border border-current px-2 py-1 text-xs font-semibold">
              {n.action.label}
            </button>
          ) : href ? (
            <Link href={href} className="tap justify-center rounded border border-current px-2 py-1 text-xs font-semibold">
              {n.action.label}
            </Link>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
