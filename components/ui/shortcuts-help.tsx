"use client";
// "?" anywhere (outside a text field) lists the keyboard shortcuts; each is also
// shown on its own button (KeyHint) on screens wide enough to have a keyboard.
import { Dialog, useDialog, useShortcut } from "./dialog";

export const SHORTCUTS: { key: string; what: string; where: string }[] = [
  { key: "d", what: "Declare an incident", where: "every page" },
  { key: "u", what: "Post a CAN update", where: "an incident" },
  { key: "n", what: "Add a note", where: "an incident" },
  { key: "l", what: "Log a decision", where: "an incident" },
  { key: "Ctrl/⌘ + Enter", what: "Send the open form", where: "any form" },
  { key: "?", what: "This list", where: "every page" },
];

export function ShortcutsHelp() {
  const dialog = useDialog();
  useShortcut("?", dialog.show);
  return (
    <Dialog open={dialog.open} onClose={dialog.close} title="Keyboard shortcuts">
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
        {SHORTCUTS.map((s) => (
          <div key={s.key} className="contents">
            <dt>
              <kbd className="rounded border border-slate-300 px-1.5 py-0.5 font-mono text-xs dark:border-slate-600">{s.key}</kbd>
            </dt>
            <dd>
              {s.what} <span className="text-slate-600 dark:text-slate-400">· {s.where}</span>
            </dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
