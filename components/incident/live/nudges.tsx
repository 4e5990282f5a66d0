"use client";
// The incident's nudges, recomputed every few seconds from the live view and
// the clock (the server's clock publishes the same rules for the war room).
import { useEffect, useState } from "react";
import { NudgeList } from "@/components/incident/nudges";
import { useNow } from "@/components/ui/relative-time";
import { commanderOf, type IncidentView } from "@/lib/domain/incident-view";
import { computeNudges, type Nudge, type NudgeInput, type NudgeSettings } from "@/lib/domain/nudges";
import { ApiRequestError } from "@/lib/query/fetch-json";
import { useIncident } from "./context";

/** Page-level actions other panels open (the update dialog, the handover dialog…). */
export type PageAction = "update" | "note" | "decision" | "handover" | "status";
export const PAGE_ACTION_EVENT = "conn:open";
export function openPageAction(action: PageAction) {
  window.dispatchEvent(new CustomEvent<PageAction>(PAGE_ACTION_EVENT, { detail: action }));
}

/** Runs `handler` when another panel (a nudge's button) asks for `action`. */
export function usePageAction(action: PageAction, handler: () => void, enabled = true) {
  useEffect(() => {
    if (!enabled) return;
    const listener = (e: Event) => {
      if ((e as CustomEvent<PageAction>).detail === action) handler();
    };
    window.addEventListener(PAGE_ACTION_EVENT, listener);
    return () => window.removeEventListener(PAGE_ACTION_EVENT, listener);
  }, [action, handler, enabled]);
}

export function nudgeInputOfView(view: IncidentView): NudgeInput {
  const commander = commanderOf(view);
  return {
    severity: view.severity,
    status: view.status,
    drill: view.drill,
    declaredAt: view.declaredAt,
    mitigatedAt: view.mitigatedAt,
    nextUpdateDueAt: view.nextUpdateDueAt,
    escalationStep: view.escalationStep,
    commander: commander ? { handle: commander.user.handle, assignedAt: commander.assignedAt } : null,
    handover: view.handover,
    workstreams: view.workstreams,
    decisionCount: view.decisions.length,
    decisions: view.decisions,
  };
}

export function IncidentNudges({ settings }: { settings: NudgeSettings }) {
  const { view, canWrite, write } = useIncident();
  const now = useNow(5_000);
  const [error, setError] = useState<string | null>(null);
  const nudges = computeNudges(nudgeInputOfView(view), now, settings);
  if (nudges.length === 0) return null;

  const act = async (nudge: Nudge) => {
    setError(null);
    const a = nudge.action;
    switch (a.kind) {
      case "post_update":
        return openPageAction("update");
      case "log_decision":
        return openPageAction("decision");
      case "hand_over":
      case "assign_commander":
        return openPageAction("handover");
      case "resolve":
        return openPageAction("status");
      case "decision_outcome":
        document.getElementById(`decision-${a.decisionId}`)?.scrollIntoView({ behavior: "smooth", block: "center" });
        return;
      case "edit_workstream":
        document.getElementById(`workstream-${a.workstreamId}`)?.scrollIntoView({ behavior: "smooth", block: "center" });
        return;
      case "escalate":
        try {
          await write("POST", "/escalations", { step: a.step });
        } catch (e) {
          setError(e instanceof ApiRequestError ? e.message : "Could not record the escalation.");
        }
    }
  };
  return (
    <section aria-label="Nudges" className="space-y-1">
      <NudgeList nudges={nudges} onAction={canWrite ? act : undefined} />
      {error && (
        <p role="alert" className="text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </section>
  );
}
