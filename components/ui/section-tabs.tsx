// A section's own navigation under the main one (on-call: schedules, policies,
// health; catalog: services, teams), so the main bar stays one line.
import Link from "next/link";

export function SectionTabs<H extends string>({ label, tabs, current }: { label: string; tabs: readonly { href: H; label: string }[]; current: H }) {
  return (
    <nav aria-label={label} className="-mx-1 flex gap-1 overflow-x-auto border-b border-slate-200 text-sm dark:border-slate-800">
      {tabs.map((t) => (
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

const CATALOG = [
  { href: "/services", label: "Services" },
  { href: "/teams", label: "Teams" },
] as const;

/** The catalog: services and the teams that own them. */
export function CatalogTabs({ current }: { current: (typeof CATALOG)[number]["href"] }) {
  return <SectionTabs label="Catalog" tabs={CATALOG} current={current} />;
}
