"use client";
// Organization-wide liveness for the dashboard and the status page: every
// committed change to an incident the viewer may see arrives as a small
// `org.incident.changed`; the page refetches what it shows (debounced). After a
// reconnect it refetches once, so nothing missed while away stays missing.
import { useEffect, useEffectEvent, useState } from "react";
import type { z } from "zod";
import { listen, socket, trackConnection, type Connection } from "@/lib/realtime/client";
import { alertsChangedSchema, handoverChangedSchema, orgIncidentChangedSchema, pageChangedSchema } from "@/lib/realtime/events";

const EVENTS = {
  "org.incident.changed": orgIncidentChangedSchema,
  /** A page to me was sent, acknowledged or ended (to my own room only). */
  "page.changed": pageChangedSchema,
  /** An offer of command to or from me changed, or command was taken from me (to my own room only). */
  "handover.changed": handoverChangedSchema,
  /** Alerts arrived or changed (the alert inbox). */
  "alerts.changed": alertsChangedSchema,
} satisfies Record<string, z.ZodType>;

export function useOrgLive(onChange: () => void, debounceMs = 250): Connection {
  return useLiveRefresh("org.incident.changed", onChange, debounceMs);
}

/** Calls `onChange` (debounced) on each valid `event`, and once on every (re)connect. */
export function useLiveRefresh(event: keyof typeof EVENTS, onChange: () => void, debounceMs = 250): Connection {
  const [connection, setConnection] = useState<Connection>("connecting");
  // The newest onChange when the timer fires, without resubscribing when a caller passes a new function.
  const callback = useEffectEvent(onChange);

  useEffect(() => {
    const s = socket();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      clearTimeout(timer);
      timer = setTimeout(() => callback(), debounceMs);
    };
    const onChanged = (payload: unknown) => {
      if (EVENTS[event].safeParse(payload).success) refresh();
    };
    const stopListening = listen(s, { [event]: onChanged });
    // Every (re)connect refetches once: whatever changed between the page's render and now is picked up.
    const untrack = trackConnection(s, setConnection, () => {
      setConnection("live");
      refresh();
    });
    return () => {
      clearTimeout(timer);
      untrack();
      stopListening();
    };
  }, [event, debounceMs]);
  return connection;
}
