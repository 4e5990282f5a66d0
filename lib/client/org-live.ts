"use client";
// Organization-wide liveness for the dashboard and the status page: every
// committed change to an incident the viewer may see arrives as a small
// `org.incident.changed`; the page refetches what it shows (debounced). After a
// reconnect it refetches once, so nothing missed while away stays missing.
import { useEffect, useRef, useState } from "react";
import { orgIncidentChangedSchema } from "@/lib/realtime/events";
import type { Connection } from "./live-incident";
import { socket } from "./live-incident";

export function useOrgLive(onChange: () => void, debounceMs = 250): Connection {
  const [connection, setConnection] = useState<Connection>("connecting");
  const callback = useRef(onChange);
  callback.current = onChange;

  useEffect(() => {
    const s = socket();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      clearTimeout(timer);
      timer = setTimeout(() => callback.current(), debounceMs);
    };
    // Every (re)connect refetches once: whatever changed between the page's render and now is picked up.
    const onConnect = () => {
      setConnection("live");
      refresh();
    };
    const onChanged = (payload: unknown) => {
      if (orgIncidentChangedSchema.safeParse(payload).success) refresh();
    };
    const onDisconnect = () => setConnection(navigator.onLine && s.active ? "reconnecting" : "offline");
    const onOffline = () => {
      setConnection("offline");
      s.disconnect();
    };
    const onOnline = () => {
      setConnection("reconnecting");
      s.connect();
    };
    s.on("connect", onConnect);
    s.on("disconnect", onDisconnect);
    s.on("connect_error", onDisconnect);
    s.on("org.incident.changed", onChanged);
    window.addEventListener("offline", onOffline);
    window.addEventListener("online", onOnline);
    if (s.connected) onConnect();
    else if (!s.active) s.connect();
    return () => {
      clearTimeout(timer);
      s.off("connect", onConnect);
      s.off("disconnect", onDisconnect);
      s.off("connect_error", onDisconnect);
      s.off("org.incident.changed", onChanged);
      window.removeEventListener("offline", onOffline);
      window.removeEventListener("online", onOnline);
    };
  }, [debounceMs]);
  return connection;
}
