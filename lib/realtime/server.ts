// The socket.io server, on the same HTTP server and port as Next.js.
// Every connection is authenticated (session cookie or API token) and its
// Origin checked; every room join is authorized (private incidents: members
// only, and a non-member gets the same answer as for a missing incident).
// Events are published here only after their transaction committed.
import type { IncomingMessage, Server as HttpServer } from "node:http";
import { Server, type Socket } from "socket.io";
import { actorFromBearer, actorForUser, REMOTE_ADDR_HEADER, type Actor } from "@/lib/server/actor";
import { allowedOrigins } from "@/lib/server/env";
import { userIdFromCookieHeader } from "@/lib/server/session-token";
import { findVisibleIncidentId } from "@/lib/server/incidents/data";
import { findVisiblePostmortem } from "@/lib/server/postmortems/data";
import {
  incidentRoom,
  isPostmortemEvent,
  joinIncidentSchema,
  joinPostmortemSchema,
  orgRoom,
  postmortemEditingSchema,
  postmortemRoom,
  userRoom,
  type OrgIncidentChanged,
  type PageChanged,
  type PostmortemEditor,
  type RealtimeEvent,
} from "./events";
import { registerPublisher } from "./publish";

interface SocketData {
  actor: Actor;
  /** incident id → ref, for the rooms this socket joined. */
  incidents: Map<string, string>;
  /** postmortem id → its incident's ref (null: a review without an incident), for the postmortem editors this socket joined. */
  postmortems: Map<string, string | null>;
}

type ConnSocket = Socket<Record<string, (...args: never[]) => void>, Record<string, (...args: unknown[]) => void>, Record<string, never>, SocketData>;

export interface Viewer {
  handle: string;
  name: string;
}

/** Same origin as the Host header, or listed in the allowed origins. No Origin: a non-browser client. */
export function originAllowed(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  const host = req.headers.host;
  if (host && (origin === `http://${host}` || origin === `https://${host}`)) return true;
  return allowedOrigins().includes(origin);
}

async function authenticate(socket: ConnSocket): Promise<Actor | null> {
  const headers = socket.request.headers;
  const h = { get: (name: string) => (typeof headers[name] === "string" ? (headers[name] as string) : null) };
  const token = typeof socket.handshake.auth?.token === "string" ? socket.handshake.auth.token : /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? "")?.[1];
  if (token) return actorFromBearer(token, h);
  const userId = await userIdFromCookieHeader(headers.cookie);
  if (!userId) return null;
  const actor = await actorForUser(userId);
  return actor && { ...actor, ip: h.get(REMOTE_ADDR_HEADER) ?? socket.handshake.address };
}

type Ack = (response: { ok: true; lastSeq: number; viewers: Viewer[] } | { ok: false; error: { code: string; message: string } }) => void;
type PostmortemAck = (response: { ok: true; editors: PostmortemEditor[] } | { ok: false; error: { code: string; message: string } }) => void;

export function attachRealtime(httpServer: HttpServer) {
  const io = new Server(httpServer, {
    // engine.io would otherwise close other upgrades (Next's dev hot reload) after 1 s.
    destroyUpgrade: false,
    allowRequest: (req, callback) => callback(originAllowed(req) ? null : "origin not allowed", originAllowed(req)),
    maxHttpBufferSize: 64 * 1024,
    serveClient: false,
  });

  const presence = new Map<string, Map<string, Viewer>>(); // incident id → socket id → viewer

  function viewersOf(incidentId: string): Viewer[] {
    const unique = new Map<string, Viewer>();
    for (const viewer of presence.get(incidentId)?.values() ?? []) unique.set(viewer.handle, viewer);
    return [...unique.values()].sort((a, b) => a.handle.localeCompare(b.handle));
  }

  function broadcastPresence(incidentId: string, ref: string) {
    io.to(incidentRoom(incidentId)).volatile.emit("incident.presence.changed", { ref, viewers: viewersOf(incidentId) });
  }

  function leave(socket: ConnSocket, incidentId: string) {
    const ref = socket.data.incidents.get(incidentId);
    socket.data.incidents.delete(incidentId);
    void socket.leave(incidentRoom(incidentId));
    const room = presence.get(incidentId);
    room?.delete(socket.id);
    if (room?.size === 0) presence.delete(incidentId);
    if (ref) broadcastPresence(incidentId, ref);
  }

  // Postmortem editors: postmortem id → socket id → who, and the section they are editing.
  const editing = new Map<string, Map<string, PostmortemEditor>>();

  function editorsOf(postmortemId: string): PostmortemEditor[] {
    // One person in two tabs on the same section shows once.
    const unique = new Map<string, PostmortemEditor>();
    for (const e of editing.get(postmortemId)?.values() ?? []) unique.set(`${e.handle}\u0000${e.section ?? ""}`, e);
    return [...unique.values()].sort((a, b) => a.handle.localeCompare(b.handle) || (a.section ?? "").localeCompare(b.section ?? ""));
  }

  function broadcastEditors(postmortemId: string, ref: string | null) {
    // Not volatile: leaving one section and entering the next are two emits in a row, and a volatile
    // emit is dropped while the transport is busy, which would leave a stale section showing.
    io.to(postmortemRoom(postmortemId)).emit("postmortem.presence.changed", { postmortemId, ref, editors: editorsOf(postmortemId) });
  }

  function leavePostmortem(socket: ConnSocket, postmortemId: string) {
    if (!socket.data.postmortems.has(postmortemId)) return;
    const ref = socket.data.postmortems.get(postmortemId) ?? null;
    socket.data.postmortems.delete(postmortemId);
    void socket.leave(postmortemRoom(postmortemId));
    const room = editing.get(postmortemId);
    room?.delete(socket.id);
    if (room?.size === 0) editing.delete(postmortemId);
    broadcastEditors(postmortemId, ref);
  }

  /** The joined postmortem a payload names (by the incident's ref or by the postmortem's id). */
  function joinedPostmortem(socket: ConnSocket, target: { ref?: string; id?: string }): string | undefined {
    if (target.id) return socket.data.postmortems.has(target.id) ? target.id : undefined;
    const ref = target.ref!.toUpperCase();
    return [...socket.data.postmortems].find(([, r]) => r?.toUpperCase() === ref)?.[0];
  }

  io.use(async (socket: ConnSocket, next) => {
    try {
      const actor = await authenticate(socket);
      if (!actor) return next(new Error("unauthenticated"));
      socket.data.actor = actor;
      socket.data.incidents = new Map();
      socket.data.postmortems = new Map();
      next();
    } catch {
      next(new Error("unauthenticated"));
    }
  });

  io.on("connection", (socket: ConnSocket) => {
    const { actor } = socket.data;
    void socket.join([orgRoom(actor.orgId), userRoom(actor.userId)]);

    socket.on("incident:join", async (payload: unknown, ack?: Ack) => {
      const reply: Ack = typeof ack === "function" ? ack : () => {};
      const parsed = joinIncidentSchema.safeParse(payload);
      if (!parsed.success) return reply({ ok: false, error: { code: "invalid_input", message: "Expected { ref: 'INC-123' }." } });
      try {
        // Re-read the actor's access on every join: a revoked membership takes effect at once.
        const found = await findVisibleIncidentId(actor, parsed.data.ref);
        if (!found) return reply({ ok: false, error: { code: "not_found", message: `No incident ${parsed.data.ref}.` } });
        socket.data.incidents.set(found.id, found.ref);
        await socket.join(incidentRoom(found.id));
        const room = presence.get(found.id) ?? new Map<string, Viewer>();
        room.set(socket.id, { handle: actor.handle, name: actor.name });
        presence.set(found.id, room);
        reply({ ok: true, lastSeq: found.lastSeq, viewers: viewersOf(found.id) });
        broadcastPresence(found.id, found.ref);
      } catch {
        reply({ ok: false, error: { code: "internal", message: "Could not join." } });
      }
    });

    socket.on("incident:leave", (payload: unknown) => {
      const parsed = joinIncidentSchema.safeParse(payload);
      if (!parsed.success) return;
      for (const [id, ref] of socket.data.incidents) if (ref.toUpperCase() === parsed.data.ref.toUpperCase()) leave(socket, id);
    });

    // The postmortem editor, by the incident's ref or the postmortem's id: authorized exactly like
    // incident:join (a private incident's is not_found for non-members; another organization's too).
    socket.on("postmortem:join", async (payload: unknown, ack?: PostmortemAck) => {
      const reply: PostmortemAck = typeof ack === "function" ? ack : () => {};
      const parsed = joinPostmortemSchema.safeParse(payload);
      if (!parsed.success) return reply({ ok: false, error: { code: "invalid_input", message: "Expected { ref: 'INC-123' } or { id }." } });
      try {
        // Re-read access on every join: a revoked membership takes effect at once.
        const found = await findVisiblePostmortem(actor, parsed.data.ref ?? { id: parsed.data.id! });
        if (!found) return reply({ ok: false, error: { code: "not_found", message: `No postmortem ${parsed.data.ref ?? parsed.data.id}.` } });
        socket.data.postmortems.set(found.id, found.ref);
        await socket.join(postmortemRoom(found.id));
        const room = editing.get(found.id) ?? new Map<string, PostmortemEditor>();
        room.set(socket.id, { handle: actor.handle, name: actor.name, section: room.get(socket.id)?.section ?? null });
        editing.set(found.id, room);
        reply({ ok: true, editors: editorsOf(found.id) });
        broadcastEditors(found.id, found.ref);
      } catch {
        reply({ ok: false, error: { code: "internal", message: "Could not join." } });
      }
    });

    // Which section this socket is editing now (null: none). Only after postmortem:join.
    socket.on("postmortem:editing", (payload: unknown, ack?: PostmortemAck) => {
      const reply: PostmortemAck = typeof ack === "function" ? ack : () => {};
      const parsed = postmortemEditingSchema.safeParse(payload);
      if (!parsed.success) return reply({ ok: false, error: { code: "invalid_input", message: "Expected { ref: 'INC-123' | id, section: 'impact' | null }." } });
      // Read-only viewers read along; they never show up as editing.
      if (actor.role === "viewer") return reply({ ok: false, error: { code: "forbidden", message: "Read-only access: viewers do not edit." } });
      const id = joinedPostmortem(socket, parsed.data);
      const me = id ? editing.get(id)?.get(socket.id) : undefined;
      if (!id || !me) return reply({ ok: false, error: { code: "not_joined", message: `Join the postmortem ${parsed.data.ref ?? parsed.data.id} first.` } });
      if (me.section !== parsed.data.section) {
        editing.get(id)!.set(socket.id, { ...me, section: parsed.data.section });
        broadcastEditors(id, socket.data.postmortems.get(id) ?? null);
      }
      reply({ ok: true, editors: editorsOf(id) });
    });

    socket.on("postmortem:leave", (payload: unknown) => {
      const parsed = joinPostmortemSchema.safeParse(payload);
      if (!parsed.success) return;
      const id = joinedPostmortem(socket, parsed.data);
      if (id) leavePostmortem(socket, id);
    });

    socket.on("disconnect", () => {
      for (const id of [...socket.data.incidents.keys()]) leave(socket, id);
      for (const id of [...socket.data.postmortems.keys()]) leavePostmortem(socket, id);
    });
  });

  registerPublisher({
    publish(published: RealtimeEvent) {
      if (published.type === "page.changed") {
        const event: PageChanged = { type: published.type, ref: published.ref, reason: published.reason };
        if (published.userIds.length) io.to(published.userIds.map(userRoom)).emit(event.type, event);
        return;
      }
      const { memberIds, ...event } = published;
      // Postmortem events go to its editors only: the incident's live view and the war room are not about them.
      if (isPostmortemEvent(event)) {
        io.to(postmortemRoom(event.postmortemId)).emit(event.type, event);
        return;
      }
      io.to(incidentRoom(event.incidentId)).emit(event.type, event);
      const summary: OrgIncidentChanged = {
        type: "org.incident.changed",
        ref: event.ref,
        reason: event.type,
        ...(event.type === "incident.timeline.entry_added" ? { seq: event.entry.seq, kind: event.entry.kind } : {}),
      };
      // A private incident's existence reaches its members only.
      const rooms = event.private ? (memberIds ?? []).map(userRoom) : [orgRoom(event.orgId)];
      if (rooms.length) io.to(rooms).emit(summary.type, summary);
    },
  });

  return {
    io,
    async close() {
      registerPublisher(undefined);
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
