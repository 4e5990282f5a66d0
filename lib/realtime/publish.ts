// The one way server code reaches sockets. Mutations call `publish` only after
// their transaction commits. The socket.io server registers itself on
// globalThis: route handlers live in Next's bundles, the server in the entry.
import type { RealtimeEvent } from "./events";

export interface Publisher {
  publish(event: RealtimeEvent): void;
}

const globalForRealtime = globalThis as unknown as { __connPublisher?: Publisher };

export function registerPublisher(publisher: Publisher | undefined) {
  globalForRealtime.__connPublisher = publisher;
}

export function publish(event: RealtimeEvent) {
  globalForRealtime.__connPublisher?.publish(event);
}
