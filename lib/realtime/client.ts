"use client";
// The browser's end of socket.io: one shared socket per tab, its connection
// state, and the on/off bookkeeping every live view repeats. What a view does
// with its events (reduce entries, refetch, show editors) stays in lib/client.
// Browser only (socket.io-client, window): imported by lib/client and
// components, never by server code (check:structure refuses it).
import { io, type Socket } from "socket.io-client";

export type Connection = "connecting" | "live" | "reconnecting" | "offline";

let sharedSocket: Socket | undefined;
/** One socket per tab, shared by every live view in it. */
export function socket(): Socket {
  sharedSocket ??= io({ transports: ["websocket", "polling"], reconnectionDelay: 500, reconnectionDelayMax: 5_000 });
  return sharedSocket;
}

/** socket.io's own listener type: each handler checks its payload itself (zod, or a guard). */
type Handler = Parameters<Socket["on"]>[1];

/** Listens to each event with its handler; returns the cleanup that stops listening. */
export function listen(s: Socket, handlers: Record<string, Handler>): () => void {
  for (const [event, handler] of Object.entries(handlers)) s.on(event, handler);
  return () => {
    for (const [event, handler] of Object.entries(handlers)) s.off(event, handler);
  };
}

/**
 * Calls `onConnect` on every (re)connect, and at once when already connected;
 * connects the socket if nothing has yet. This is where a view (re)joins its room.
 * Returns the cleanup.
 */
export function onEveryConnect(s: Socket, onConnect: () => void): () => void {
  s.on("connect", onConnect);
  if (s.connected) onConnect();
  else if (!s.active) s.connect();
  return () => void s.off("connect", onConnect);
}

/**
 * Keeps `setConnection` true to the shared socket while it is down, and calls
 * `onConnect` on every (re)connect (and at once when already connected): the
 * caller says "live" once it has (re)joined what it shows. The browser knows first when
 * the network is gone: the socket is dropped at once rather than after socket.io's
 * ping timeout, and reconnects (then the caller catches up) when it is back.
 * Returns the cleanup.
 */
export function trackConnection(s: Socket, setConnection: (c: Connection) => void, onConnect: () => void): () => void {
  const connected = () => onConnect();
  const onDisconnect = () => setConnection(navigator.onLine && s.active ? "reconnecting" : "offline");
  const onOffline = () => {
    setConnection("offline");
    s.disconnect();
  };
  const onOnline = () => {
    setConnection("reconnecting");
    s.connect();
  };
  const stopListening = listen(s, { disconnect: onDisconnect, connect_error: onDisconnect });
  window.addEventListener("offline", onOffline);
  window.addEventListener("online", onOnline);
  const stopConnecting = onEveryConnect(s, connected);
  return () => {
    stopConnecting();
    stopListening();
    window.removeEventListener("offline", onOffline);
    window.removeEventListener("online", onOnline);
  };
}
