// socket.io against the real server: authentication, Origin check, authorized
// joins (private incidents are "not found" for non-members), and events that
// arrive after commit with the incident's seq.
import { io, type Socket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { api, baseUrl, createOrg, declare, testDb, type TestOrg, type TestUser } from "./factories";

let org: TestOrg;
let ic: TestUser;
let observer: TestUser;
const sockets: Socket[] = [];

function connect(opts: { token?: string; origin?: string } = {}): Socket {
  const socket = io(baseUrl(), {
    transports: ["websocket"],
    auth: opts.token ? { token: opts.token } : {},
    extraHeaders: opts.origin ? { origin: opts.origin } : {},
    reconnection: false,
    forceNew: true,
  });
  sockets.push(socket);
  return socket;
}

function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", (err) => reject(err));
  });
}

function join(socket: Socket, ref: string): Promise<any> {
  return socket.timeout(5000).emitWithAck("incident:join", { ref });
}

beforeAll(async () => {
  org = await createOrg();
  [ic, observer] = await Promise.all([org.user("responder"), org.user("viewer")]);
});

afterEach(() => {
  while (sockets.length) sockets.pop()!.close();
});

afterAll(async () => {
  await testDb().$disconnect();
});

describe("connection", () => {
  it("refuses a connection without credentials", async () => {
    await expect(connected(connect())).rejects.toThrow(/unauthenticated/);
  });

  it("refuses a connection from a foreign Origin even with a valid token", async () => {
    await expect(connected(connect({ token: ic.token, origin: "https://evil.example" }))).rejects.toThrow();
  });

  it("accepts a same-origin connection with a token", async () => {
    await connected(connect({ token: ic.token, origin: baseUrl() }));
  });
});

describe("rooms and events", () => {
  it("delivers a committed note to a viewer of the incident with its seq", async () => {
    const incident = await declare(ic.token, { title: "Realtime check" });
    const socket = connect({ token: observer.token });
    await connected(socket);
    const ack = await join(socket, incident.body.ref);
    expect(ack).toMatchObject({ ok: true, lastSeq: 1 });
    const received = new Promise<any>((resolve) => socket.once("incident.timeline.entry_added", resolve));
    const note = await api("POST", `/api/v1/incidents/${incident.body.ref}/timeline`, { token: ic.token, body: { body: "Rolled back v42" } });
    expect(note.status).toBe(201);
    const event = await received;
    expect(event).toMatchObject({ ref: incident.body.ref, entry: { seq: 2, kind: "note", data: { body: "Rolled back v42" }, author: { handle: ic.handle } } });
    // The entry was committed before the event: it is in the timeline.
    const timeline = await api("GET", `/api/v1/incidents/${incident.body.ref}/timeline?after=1`, { token: observer.token });
    expect(timeline.body.items.map((e: { seq: number }) => e.seq)).toEqual([2]);
  });

  it("answers not_found for a private incident to a non-member, and sends it nothing", async () => {
    const secret = await declare(ic.token, { title: "Private", private: true });
    const socket = connect({ token: observer.token });
    await connected(socket);
    const ack = await join(socket, secret.body.ref);
    expect(ack).toEqual({ ok: false, error: { code: "not_found", message: expect.any(String) } });
    // Same answer as for an incident that does not exist.
    expect((await join(socket, "INC-987654")).error.code).toBe("not_found");
    let leaked = false;
    socket.on("incident.timeline.entry_added", () => (leaked = true));
    await api("POST", `/api/v1/incidents/${secret.body.ref}/timeline`, { token: ic.token, body: { body: "secret note" } });
    await new Promise((r) => setTimeout(r, 300));
    expect(leaked).toBe(false);
  });

  it("refuses a malformed join payload", async () => {
    const socket = connect({ token: observer.token });
    await connected(socket);
    const ack = await socket.timeout(5000).emitWithAck("incident:join", { ref: "<script>" });
    expect(ack.ok).toBe(false);
    expect(ack.error.code).toBe("invalid_input");
  });

  it("shows who is viewing: presence updates when a viewer joins and leaves", async () => {
    const incident = await declare(ic.token, { title: "Presence" });
    const a = connect({ token: ic.token });
    await connected(a);
    await join(a, incident.body.ref);
    const seen = new Promise<any>((resolve) =>
      a.on("incident.presence.changed", (p) => p.viewers.length === 2 && resolve(p)),
    );
    const b = connect({ token: observer.token });
    await connected(b);
    await join(b, incident.body.ref);
    const presence = await seen;
    expect(presence.viewers.map((v: { handle: string }) => v.handle).sort()).toEqual([ic.handle, observer.handle].sort());
    const gone = new Promise<any>((resolve) => a.on("incident.presence.changed", (p) => p.viewers.length === 1 && resolve(p)));
    b.close();
    expect((await gone).viewers[0].handle).toBe(ic.handle);
  });
});
