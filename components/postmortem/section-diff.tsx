"use client";
// What changed in a section since the published revision: a line diff, fetched
// when opened (the published text is kept per revision on the server).
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { SectionDiffDto } from "@/lib/domain/postmortem/revision-diff";
import { fetchJson } from "@/lib/query/fetch-json";
import { queryKeys } from "@/lib/query/keys";

const LINE_STYLE = {
  same: "text-slate-600 dark:text-slate-300",
  add: "bg-emerald-50 text-emerald-900 dark:bg-emerald-950/50 dark:text-emerald-200",
  del: "bg-red-50 text-red-900 line-through decoration-red-400/60 dark:bg-red-950/50 dark:text-red-200",
} as const;
const MARK = { same: " ", add: "+", del: "−" } as const;

export function SectionDiff({ postmortemId, apiBase, sectionKey, title, revision }: { postmortemId: string; apiBase: string; sectionKey: string; title: string; revision: number }) {
  const [open, setOpen] = useState(false);
  const diff = useQuery({
    queryKey: queryKeys.postmortemDiff(postmortemId, sectionKey, revision),
    queryFn: ({ signal }) => fetchJson<SectionDiffDto>(`${apiBase}/sections/${sectionKey}/diff?revision=${revision}`, { signal }),
    enabled: open,
    staleTime: 0,
  });
  return (
    <details
      data-testid={`diff-${sectionKey}`}
      onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}
      className="rounded-md border border-slate-200 p-2 text-sm dark:border-slate-800 print:hidden"
    >
      <summary className="cursor-pointer text-xs font-medium text-slate-600 dark:text-slate-300">
        Changes to {title} since published revision {revision}
      </summary>
      {diff.isPending && open && <p className="pt-2 text-xs text-slate-500">Loading…</p>}
      {diff.isError && <p className="pt-2 text-xs text-red-600 dark:text-red-400">Could not load the changes.</p>}
      {diff.data &&
        (diff.data.changed ? (
          <pre aria-label={`Diff of ${title}`} className="mt-2 max-h-80 overflow-auto rounded border border-slate-200 font-mono text-xs whitespace-pre-wrap dark:border-slate-700">
            {diff.data.lines.map((l, i) => (
              <div key={i} data-op={l.op} className={`px-2 ${LINE_STYLE[l.op]}`}>
                <span aria-hidden className="mr-2 select-none">
                  {MARK[l.op]}
                </span>
                <span className="sr-only">{l.op === "add" ? "added: " : l.op === "del" ? "removed: " : ""}</span>
                {l.text || " "}
              </div>
            ))}
          </pre>
        ) : (
          <p className="pt-2 text-xs text-slate-500">Unchanged since revision {diff.data.revision}.</p>
        ))}
    </details>
  );
}
