"use client";
// The postmortem editor's live layer: who is editing which section (presence,
// over the shared socket), and which sections someone else saved since this
// page read them (`postmortem.section.saved` carries the key and the new
// version; the section decides whether to fetch the text or to tell its writer).
import { useCallback, useEffect, useRef, useState } from "react";
import { postmortemPresenceSchema, sectionSavedEventSchema, type PostmortemEditor } from "@/lib/realtime/events";
import { socket } from "./live-incident";

export interface RemoteSave {
  version: number;
  by: { handle: string; name: string };
}

export function usePostmortemLive(ref: string) {
  const [editors, setEditors] = useState<PostmortemEditor[]>([]);
  const [saves, setSaves] = useState<Record<string, RemoteSave>>({});
  // The section this tab is editing, re-announced after a reconnect.
  const current = useRef<string | null>(null);
  const same = (r: string) => r.toUpperCase() === ref.toUpperCase();

  useEffect(() => {
    const s = socket();
    const join = () => {
      s.emit("postmortem:join", { ref }, (ack: { ok: boolean; editors?: PostmortemEditor[] }) => {
        if (!ack?.ok) return;
        setEditors(ack.editors ?? []);
        if (current.current) s.emit("postmortem:editing", { ref, section: current.current });
      });
    };
    const onPresence = (payload: unknown) => {
      const parsed = postmortemPresenceSchema.safeParse(payload);
      if (parsed.success && same(parsed.data.ref)) setEditors(parsed.data.editors);
    };
    const onSaved = (payload: unknown) => {
      const parsed = sectionSavedEventSchema.safeParse(payload);
      if (!parsed.success || !same(parsed.data.ref)) return;
      const { key, version, by } = parsed.data;
      setSaves((prev) => (prev[key] && prev[key].version >= version ? prev : { ...prev, [key]: { version, by } }));
    };
    s.on("connect", join);
    s.on("postmortem.presence.changed", onPresence);
    s.on("postmortem.section.saved", onSaved);
    if (s.connected) join();
    else if (!s.active) s.connect();
    return () => {
      s.emit("postmortem:leave", { ref });
      s.off("connect", join);
      s.off("postmortem.presence.changed", onPresence);
      s.off("postmortem.section.saved", onSaved);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ref]);

  /** Announce the section this tab is editing (null when the writer leaves it). */
  const setEditing = useCallback(
    (section: string | null) => {
      if (current.current === section) return;
      current.current = section;
      const s = socket();
      if (s.connected) s.emit("postmortem:editing", { ref, section });
    },
    [ref],
  );

  return { editors, saves, setEditing };
}
