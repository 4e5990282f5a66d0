// The socket.io server, on the same HTTP server and port as Next.js.
// Every connection is authenticated (session cookie or API token) and its
// Origin checked; every room join re-reads who the socket is (token not
// revoked, person active and still in the organization, session not expired)
// and is authorized (private incidents: members only, and a non-member gets the
// same answer as for a missing incident). Access that ends reaches open sockets
// at once: a revoked token's sockets are disconnected, and a private incident's
// events go only to its members' shares of the room, non-members being taken out
// of it before the event is delivered.
// Events are published here only after their transaction committed.
import type { ApiErrorBody } from "@/lib/domain/errors";
import type { IncomingMessage, Server as HttpServer } from "node:http";
import { Server, type Socket } from "socket.io";
import { actorFromBearer, actorForUser, actorFromTokenId, loadActor, REMOTE_ADDR_HEADER, type Actor } from "@/lib/server/actor";
import { allowedOrigins } from "@/lib/server/env";
import { userIdFromCookieHeader } from "@/lib/server/session-token";
import { findVisibleIncidentId } from "@/lib/server/incidents/data";
import { findVisiblePostmortem } from "@/lib/server/postmortems/data";
import {
  incidentRoom,
  isPostmortemEvent,
  joinIncidentSchema,
  joinPostmortemSchema,
  memberShare,
  orgRoom,
  postmortemEditingSchema,
  postmortemRoom,
  tokenRoom,
  userRoom,
  type AccessLost,
  type OrgIncidentChanged,
  type AlertsChanged,
  type HandoverChanged,
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

function headerSource(socket: ConnSocket) {
  const headers = socket.request.headers;
  return { get: (name: string) => (typeof headers[name] === "string" ? (headers[name] as string) : null) };
}

async function authenticate(socket: ConnSocket): Promise<Actor | null> {
  const headers = socket.request.headers;
  const h = headerSource(socket);
  const token = typeof socket.handshake.auth?.token === "string" ? socket.handshake.auth.token : /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? "")?.[1];
  if (token) return actorFromBearer(token, h);
  const userId = await userIdFromCookieHeader(headers.cookie);
  if (!userId) return null;
  const actor = await actorForUser(userId);
  return actor && { ...actor, ip: h.get(REMOTE_ADDR_HEADER) ?? socket.handshake.address };
}

/**
 * Who this open socket is now, re-read from the database: null once its token is revoked, its
 * person deactivated or no longer in the organization, or its session cookie expired.
 */
async function currentActor(socket: ConnSocket): Promise<Actor | null> {
  const before = socket.data.actor;
  const h = headerSource(socket);
  let now: Actor | null;
  if (before.tokenId) now = await actorFromTokenId(before.tokenId, h);
  else {
    const userId = await userIdFromCookieHeader(socket.request.headers.cookie);
    now = userId === before.userId ? await loadActor(userId, { tokenId: null, automation: false, orgId: before.orgId }, h) : null;
  }
  if (!now || now.userId !== before.userId || now.orgId !== before.orgId) return null;
  return { ...now, ip: before.ip };
}

/** A refused socket request answers the API's one error shape (its `error` object, with the same codes). */
type Refusal = { ok: false; error: ApiErrorBody["error"] };
type Ack = (response: { ok: true; lastSeq: number; viewers: Viewer[] } | Refusal) => void;
type PostmortemAck = (response: { ok: true; editors: PostmortemEditor[] } | Refusal) => void;

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
    void socket.leave(memberShare(incidentRoom(incidentId), socket.data.actor.userId));
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
    void socket.leave(memberShare(postmortemRoom(postmortemId), socket.data.actor.userId));
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

  /** The sockets of this node in a room. */
  function localSockets(room: string): ConnSocket[] {
    const ids = io.of("/").adapter.rooms.get(room);
    return ids ? [...ids].map((id) => io.of("/").sockets.get(id) as ConnSocket | undefined).filter((x): x is ConnSocket => Boolean(x)) : [];
  }

  /**
   * A private incident's event is about to go out with its members as of that write: anyone
   * else in its rooms (removed from the members, or there since before it was made private)
   * is taken out first, and told.
   */
  function evictNonMembers(incidentId: string, ref: string, members: Set<string>) {
    for (const socket of localSockets(incidentRoom(incidentId))) {
      if (members.has(socket.data.actor.userId)) continue;
      leave(socket, incidentId);
      for (const [pmId, pmRef] of socket.data.postmortems) if (pmRef === ref) leavePostmortem(socket, pmId);
      const lost: AccessLost = { type: "incident.access.lost", ref };
      socket.emit(lost.type, lost);
    }
  }

  function evictNonMembersFromPostmortem(postmortemId: string, ref: string | null, members: Set<string>) {
    for (const socket of localSockets(postmortemRoom(postmortemId))) {
      if (members.has(socket.data.actor.userId)) continue;
      leavePostmortem(socket, postmortemId);
      const lost: AccessLost = { type: "postmortem.access.lost", ref, postmortemId };
      socket.emit(lost.type, lost);
    }
  }

  /** Re-reads the socket's actor before a join; when access ended, refuses and disconnects it. */
  async function actorForJoin(socket: ConnSocket, refuse: (error: ApiErrorBody["error"]) => void): Promise<Actor | null> {
    const actor = await currentActor(socket);
    if (actor) {
      socket.data.actor = actor;
      return actor;
    }
    refuse({ code: "unauthenticated", message: "Your access ended: sign in again." });
    socket.disconnect(true);
    return null;
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
    // token:<id>: a revoked token's sockets are disconnected by room (on every node, through the adapter).
    void socket.join([orgRoom(actor.orgId), userRoom(actor.userId), ...(actor.tokenId ? [tokenRoom(actor.tokenId)] : [])]);

    socket.on("incident:join", async (payload: unknown, ack?: Ack) => {
      const reply: Ack = typeof ack === "function" ? ack : () => {};
      const parsed = joinIncidentSchema.safeParse(payload);
      if (!parsed.success) return reply({ ok: false, error: { code: "invalid_input", message: "Expected { ref: 'INC-123' }." } });
      try {
        // Re-read the actor and its access on every join: a revoked token, a deactivated person or a lost membership takes effect at once.
        const actor = await actorForJoin(socket, (error) => reply({ ok: false, error }));
        if (!actor) return;
        const found = await findVisibleIncidentId(actor, parsed.data.ref);
        if (!found) return reply({ ok: false, error: { code: "not_found", message: `No incident ${parsed.data.ref}.` } });
        socket.data.incidents.set(found.id, found.ref);
        await socket.join([incidentRoom(found.id), memberShare(incidentRoom(found.id), actor.userId)]);
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
        // Re-read the actor and its access on every join, as for incident:join.
        const actor = await actorForJoin(socket, (error) => reply({ ok: false, error }));
        if (!actor) return;
        const found = await findVisiblePostmortem(actor, parsed.data.ref ?? { id: parsed.data.id! });
        if (!found) return reply({ ok: false, error: { code: "not_found", message: `No postmortem ${parsed.data.ref ?? parsed.data.id}.` } });
        socket.data.postmortems.set(found.id, found.ref);
        await socket.join([postmortemRoom(found.id), memberShare(postmortemRoom(found.id), actor.userId)]);
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
      if (socket.data.actor.role === "viewer") return reply({ ok: false, error: { code: "forbidden", message: "Read-only access: viewers do not edit." } });
      const id = joinedPostmortem(socket, parsed.data);
      const me = id ? editing.get(id)?.get(socket.id) : undefined;
      if (!id || !me) return reply({ ok: false, error: { code: "conflict", message: `Join the postmortem ${parsed.data.ref ?? parsed.data.id} first.` } });
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
      if (published.type === "access.revoked") {
        const rooms = [...(published.tokenIds ?? []).map(tokenRoom), ...(published.userIds ?? []).map(userRoom)];
        // Never an empty list: io.in([]) means every socket.
        if (rooms.length) io.in(rooms).disconnectSockets(true);
        return;
      }
      if (published.type === "alerts.changed") {
        const event: AlertsChanged = { type: published.type };
        io.to(orgRoom(published.orgId)).emit(event.type, event);
        return;
      }
      if (published.type === "page.changed" || published.type === "handover.changed") {
        // Content-free, to the people's own rooms: never the server-side audience.
        const { orgId: _org, userIds, ...event } = published;
        const unique = [...new Set(userIds)];
        if (unique.length) io.to(unique.map(userRoom)).emit(event.type, event satisfies PageChanged | HandoverChanged);
        return;
      }
      const { memberIds, ...event } = published;
      // Postmortem events go to its editors only: the incident's live view and the war room are not about them.
      // A private incident's (and its postmortem's) events: to its members' shares of the room only.
      if (isPostmortemEvent(event)) {
        const room = postmortemRoom(event.postmortemId);
        if (!memberIds) io.to(room).emit(event.type, event);
        else {
          evictNonMembersFromPostmortem(event.postmortemId, event.ref, new Set(memberIds));
          if (memberIds.length) io.to(memberIds.map((u) => memberShare(room, u))).emit(event.type, event);
        }
        return;
      }
      const room = incidentRoom(event.incidentId);
      if (!event.private) io.to(room).emit(event.type, event);
      else {
        evictNonMembers(event.incidentId, event.ref, new Set(memberIds ?? []));
        if (memberIds?.length) io.to(memberIds.map((u) => memberShare(room, u))).emit(event.type, event);
      }
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
