"use client";
// Since you last looked (issue 18), the browser's half: while the incident page is on screen, the person's read
// marker follows the entries they see (PUT …/read, a few seconds after the last one arrived, and as the page goes
// away). While the digest is open it waits for "Mark as read". Coming back to a tab left in the background for a
// while with news in it, the page asks for the digest of what arrived meanwhile instead of marking it read unseen.
import { useCallback, useEffect, useRef } from "react";
import type { Digest } from "@/lib/domain/digest";
import { fetchJson } from "@/lib/query/fetch-json";

/** How long after the newest entry arrived the marker follows it. */
const SETTLE_MS = 3_000;
/** Away at least this long: coming back shows the digest of what happened meanwhile. */
const AWAY_MS = 60_000;

const path = (ref: string) => `/api/v1/incidents/${encodeURIComponent(ref)}`;

export function useReadMarker(ref: string, lastSeq: number, opts: { paused: boolean; onReturn: (digest: Digest) => void }) {
  const sent = useRef(0);
  const latest = useRef({ lastSeq, paused: opts.paused, onReturn: opts.onReturn });
  useEffect(() => {
    latest.current = { lastSeq, paused: opts.paused, onReturn: opts.onReturn };
  });

  const send = useCallback(
    (seq: number, keepalive = false) => {
      if (seq <= sent.current) return;
      sent.current = seq;
      // A lost marker only means a longer digest next time: nothing to retry.
      fetchJson(`${path(ref)}/read`, { method: "PUT", json: { seq }, keepalive }).catch(() => {
        if (sent.current === seq) sent.current = 0;
      });
    },
    [ref],
  );

  // Follow the entries while the page is seen and the digest is not waiting to be read.
  useEffect(() => {
    if (opts.paused || document.visibilityState !== "visible") return;
    const timer = setTimeout(() => send(lastSeq), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [lastSeq, opts.paused, send]);

  useEffect(() => {
    let hiddenAt: number | null = document.visibilityState === "visible" ? null : Date.now();
    const onVisibility = () => {
      const { lastSeq: seq, paused, onReturn } = latest.current;
      if (document.visibilityState === "hidden") {
        hiddenAt = Date.now();
        if (!paused) send(seq, true);
        return;
      }
      const away = hiddenAt === null ? 0 : Date.now() - hiddenAt;
      hiddenAt = null;
      if (paused || seq <= sent.current) return;
      if (away < AWAY_MS) return send(seq);
      void fetchJson<Digest>(`${path(ref)}/digest`).then(onReturn, () => undefined);
    };
    const onPageHide = () => {
      if (!latest.current.paused && document.visibilityState === "visible") send(latest.current.lastSeq, true);
    };
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("pagehide", onPageHide);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("pagehide", onPageHide);
    };
  }, [ref, send]);

  /** "Mark as read": everything up to `seq` is seen. */
  return useCallback((seq: number) => send(seq), [send]);
}
