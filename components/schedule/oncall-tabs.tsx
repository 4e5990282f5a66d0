// The on-call area's own navigation: schedules (who is on call), escalation
// policies (who is paged, in which order) and health (what it costs them).
import Link from "next/link";

const TABS = [
  { href: "/schedules", label: "Schedules" },
  { href: "/escalation-policies", label: "Escalation policies" },
  { href: "/oncall/health", label: "Health" },
] as const;

export function OnCallTabs({ current }: { current: (typeof TABS)[number]["href"] }) {
  return (
    <nav aria-label="On-call" className="-mx-1 flex gap-1 overflow-x-auto border-b border-slate-200 text-sm dark:border-slate-800">
      {TABS.map((t) => (
        <Link
          key={t.href}
          href={t.href}
          aria-current={t.href === current ? "page" : undefined}
          className={`-mb-px whitespace-nowrap border-b-2 px-2 py-2 ${
            t.href === current
              ? "border-slate-900 font-semibold text-slate-900 dark:border-slate-100 dark:text-slate-100"
              : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100"
          }`}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
