"use client";
// The head of a live panel that adds things (workstreams, board items): its
// title, a short count, and the add button that opens a fresh form each time.
import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";

/** An add form that starts empty every time it opens (a new key remounts it). */
export function useFreshForm() {
  const [open, setOpen] = useState(false);
  const [key, setKey] = useState(0);
  return {
    open,
    key,
    start: () => {
      setKey((k) => k + 1);
      setOpen(true);
    },
    close: () => setOpen(false),
  };
}

export function PanelHeader({ id, title, summary, addLabel, onAdd }: { id: string; title: string; summary?: ReactNode; addLabel: string; onAdd?: () => void }) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <h2 id={id} className="text-sm font-semibold uppercase tracking-wide text-slate-500">
        {title}
      </h2>
      {summary && <span className="text-xs text-slate-500 dark:text-slate-400">{summary}</span>}
      {onAdd && (
        <Button variant="secondary" className="ml-auto min-h-8 text-xs" onClick={onAdd}>
          {addLabel}
        </Button>
      )}
    </div>
  );
}
