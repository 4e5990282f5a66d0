"use client";
// A modal dialog on the native <dialog>: focus trapping, Escape and the backdrop for free.
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";

/** Open state for a dialog; `openCount` remounts its content so every opening starts fresh. */
export function useDialog() {
  const [open, setOpen] = useState(false);
  const [openCount, setOpenCount] = useState(0);
  const show = useCallback(() => {
    setOpenCount((n) => n + 1);
    setOpen(true);
  }, []);
  const close = useCallback(() => setOpen(false), []);
  return { open, openCount, show, close };
}

export function Dialog({ open, onClose, title, children, wide = false }: { open: boolean; onClose: () => void; title: string; children: ReactNode; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-label={title}
      className={`m-auto max-h-[90dvh] w-[calc(100%-1.5rem)] ${wide ? "max-w-2xl" : "max-w-lg"} overflow-y-auto rounded-lg bg-white p-0 text-slate-900 shadow-xl backdrop:bg-black/50 dark:bg-slate-900 dark:text-slate-100`}
    >
      {open && (
        <div className="space-y-4 p-4">
          <div className="flex items-start justify-between gap-2">
            <h2 className="text-lg font-semibold">{title}</h2>
            <button type="button" onClick={onClose} aria-label="Close" className="rounded p-1 text-slate-500 hover:bg-slate-100 dark:hover:bg-slate-800">
              ✕
            </button>
          </div>
          {children}
        </div>
      )}
    </dialog>
  );
}

/** True when a key press is aimed at a text field, not at the page. */
export function isTyping(target: EventTarget | null) {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));
}

/** A single-key page shortcut (no modifiers, not while typing, not while a dialog is open). */
export function useShortcut(key: string, action: () => void, enabled = true) {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== key || e.metaKey || e.ctrlKey || e.altKey || isTyping(e.target)) return;
      if (document.querySelector("dialog[open]")) return;
      e.preventDefault();
      action();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [key, action, enabled]);
}
