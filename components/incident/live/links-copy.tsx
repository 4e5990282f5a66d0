"use client";
// Copy to the clipboard with feedback. navigator.clipboard exists only in secure
// contexts (https, localhost) and may be refused; Conn on a LAN address over
// plain http falls back to a hidden textarea and execCommand("copy").
import { useEffect, useRef, useState } from "react";
import { Swap } from "@/components/ui/form-kit";

export async function copyText(text: string): Promise<boolean> {
  try {
    if (window.isSecureContext && navigator.clipboard) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // refused (permissions, no focus): try the old way
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.top = "0";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand("copy");
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

type CopyState = "idle" | "copied" | "failed";

/** "Copy" → "Copied" for two seconds; when copying is impossible, the text is selected for Ctrl+C instead. */
export function CopyButton({ text, what, selectOnFail }: { text: string; what: string; selectOnFail?: () => void }) {
  const [state, setState] = useState<CopyState>("idle");
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  async function onClick() {
    const ok = await copyText(text);
    if (!ok) selectOnFail?.();
    setState(ok ? "copied" : "failed");
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState("idle"), 2000);
  }

  return (
    <>
      <span role="status" className="sr-only">
        {state === "copied" ? `Copied ${what}` : state === "failed" ? `Could not copy: ${what} is selected, press Ctrl+C` : ""}
      </span>
      <button
      type="button"
      onClick={onClick}
      title={`Copy ${what}`}
      className={`min-h-8 shrink-0 rounded-md border px-2 text-xs font-medium transition-colors ${
        state === "copied"
          ? "border-emerald-400 bg-emerald-50 text-emerald-800 dark:border-emerald-700 dark:bg-emerald-950 dark:text-emerald-300"
          : "border-slate-300 text-slate-700 hover:bg-slate-100 dark:border-slate-700 dark:text-slate-300 dark:hover:bg-slate-800"
      }`}
    >
      <span className="inline-grid">
        <span className={`col-start-1 row-start-1 ${state === "failed" ? "invisible" : ""}`}>
          <Swap show={state === "copied"} a="Copy" b="Copied" />
        </span>
        <span className={`col-start-1 row-start-1 ${state === "failed" ? "" : "invisible"}`}>Ctrl+C</span>
      </span>
      <span className="sr-only"> {what}</span>
      </button>
    </>
  );
}
