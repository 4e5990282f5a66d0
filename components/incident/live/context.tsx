"use client";
// What every panel of the live incident page needs: the current view, who is
// looking, whether they may write, and the one write function (which applies
// the change's timeline entry to the view at once).
import { createContext, useContext } from "react";
import type { IncidentView } from "@/lib/domain/incident-view";
import type { PersonRef } from "@/lib/domain/people";
import type { IncidentWrite } from "@/lib/client/live-incident";
import type { Cadence } from "@/lib/domain/cadence";

export interface IncidentContextValue {
  view: IncidentView;
  me: PersonRef;
  /** A responder or admin: may change the incident. Viewers see no write controls at all. */
  canWrite: boolean;
  /** An organization admin (may manage share links of any incident). */
  isAdmin: boolean;
  /**
   * `write("POST", "/updates", body)` → the parsed response; throws ApiRequestError
   * (status, code, message, fields) on failure. The path is relative to /api/v1/incidents/{ref}.
   */
  write: IncidentWrite;
  /** Reloads the snapshot, e.g. after a 409 (someone else changed it first). */
  reload: () => Promise<void>;
  /** The organization's update cadence (minutes per severity; null = none). */
  cadence: Cadence;
}

export const IncidentContext = createContext<IncidentContextValue | null>(null);

export function useIncident(): IncidentContextValue {
  const value = useContext(IncidentContext);
  if (!value) throw new Error("useIncident outside the live incident page");
  return value;
}
