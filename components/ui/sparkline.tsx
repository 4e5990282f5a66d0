// A sparkline of an impact number since declared, with its latest value in words beside it: the line is for the
// shape ("still falling"), the number is what is read out on the bridge.
import { sparklinePath, type ImpactPoint } from "@/lib/domain/alerts/impact";

const format = (v: number) => (Math.abs(v) >= 100 ? Math.round(v).toLocaleString("en") : String(Math.round(v * 100) / 100));

export function ImpactLine({ metric, latest, points }: { metric: string; latest: ImpactPoint; points: ImpactPoint[] }) {
  const path = sparklinePath(points, 120, 24);
  const values = points.map((p) => p.value);
  const summary = `${metric}: ${format(latest.value)} now; ${points.length} reading${points.length === 1 ? "" : "s"} since declared, from ${format(Math.min(...values))} to ${format(Math.max(...values))}`;
  return (
    <div className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1 text-sm" data-impact={metric}>
      <span className="min-w-0 font-mono text-xs text-slate-600 [overflow-wrap:anywhere] dark:text-slate-400">{metric}</span>
      <span className="font-semibold tabular-nums">{format(latest.value)}</span>
      <svg role="img" aria-label={summary} viewBox="-2 -2 124 28" width="124" height="28" className="shrink-0 text-sky-700 dark:text-sky-400">
        {points.length > 1 ? (
          <polyline points={path} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" strokeLinecap="round" />
        ) : (
          <circle cx={path.split(",")[0]} cy={path.split(",")[1]} r="2" fill="currentColor" />
        )}
      </svg>
    </div>
  );
}
