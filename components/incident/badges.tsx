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
