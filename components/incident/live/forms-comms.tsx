"use client";
// Comms templates: a draft per audience from the latest CAN update, severity,
// impact and next update; edit, copy to clipboard, or post it as an update.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/field";
import { COMMS_AUDIENCES, COMMS_LABELS, commsDrafts, type CommsAudience } from "@/lib/domain/comms";
import { useIncident } from "./context";
import { UpdateForm } from "./update-form";
import { CopyButton } from "./links-copy";

export function CommsDrafts({ onDone }: { onDone: () => void }) {
  const { view } = useIncident();
  const [drafts] = useState(() => commsDrafts(view, { timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone }));
  const [audience, setAudience] = useState<CommsAudience>("internal");
  const [texts, setTexts] = useState<Record<CommsAudience, string>>(() => ({ internal: drafts.internal.text, exec: drafts.exec.text, public: drafts.public.text }));
  const [posting, setPosting] = useState(false);
  const draft = drafts[audience];

  if (posting) {
    return <UpdateForm onDone={onDone} initial={{ condition: draft.condition, action: draft.action, need: draft.need, audience }} />;
  }
  return (
    <div className="space-y-3">
      <div role="tablist" aria-label="Audience" className="flex flex-wrap gap-1">
        {COMMS_AUDIENCES.map((a) => (
          <button
            key={a}
            type="button"
            role="tab"
            aria-selected={audience === a}
            onClick={() => setAudience(a)}
            className={`rounded-full border px-3 py-1.5 text-sm ${audience === a ? "border-slate-900 bg-slate-900 text-white dark:border-slate-100 dark:bg-slate-100 dark:text-slate-900" : "border-slate-300 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"}`}
          >
            {COMMS_LABELS[a]}
          </button>
        ))}
      </div>
      <label htmlFor="comms-text" className="sr-only">
        {COMMS_LABELS[audience]}
      </label>
      <Textarea id="comms-text" rows={8} value={texts[audience]} onChange={(e) => setTexts({ ...texts, [audience]: e.target.value })} data-testid="comms-text" />
      <p className="text-xs text-slate-500">Built from the latest update, severity, impact and next update time. Edit freely: nothing is sent until you post or paste it.</p>
      <div className="flex flex-wrap gap-2">
        <CopyButton text={texts[audience]} what={COMMS_LABELS[audience]} />
        <Button onClick={() => setPosting(true)}>Post as {audience === "public" ? "a public" : `an ${audience}`} update…</Button>
      </div>
    </div>
  );
}
