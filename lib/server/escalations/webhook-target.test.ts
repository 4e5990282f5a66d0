// The delivery connects to the address that was checked, whatever the name would resolve to now,
// and never follows a redirect.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postJson } from "./webhook-target";

let receiver: http.Server;
let other: http.Server;
const seen: { host?: string; url?: string; body: string }[] = [];
let otherHits = 0;

beforeAll(async () => {
  other = http.createServer((_req, res) => {
    otherHits++;
    res.end("ok");
  });
  await new Promise<void>((r) => other.listen(0, "127.0.0.1", () => r()));
  receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      seen.push({ host: req.headers.host, url: req.url, body });
      if (req.url === "/redirect") res.writeHead(302, { location: `http://127.0.0.1:${(other.address() as AddressInfo).port}/` }).end();
      else res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", () => r()));
});
afterAll(async () => {
  await new Promise<void>((r) => receiver.close(() => r()));
  await new Promise<void>((r) => other.close(() => r()));
});

describe("postJson", () => {
  it("connects to the pinned address, with the URL's name as Host (no second DNS lookup)", async () => {
    const port = (receiver.address() as AddressInfo).port;
    // `.invalid` never resolves (RFC 6761): reaching the receiver proves the pinned address was used.
    const url = new URL(`http://hooks.conn.invalid:${port}/hook?x=1`);
    const res = await postJson({ url, address: { address: "127.0.0.1", family: 4 } }, { hello: "world" }, 5000);
    expect(res.status).toBe(204);
    expect(seen.at(-1)).toEqual({ host: `hooks.conn.invalid:${port}`, url: "/hook?x=1", body: '{"hello":"world"}' });
  });

  it("answers a redirect's status and does not follow it", async () => {
    const port = (receiver.address() as AddressInfo).port;
    const res = await postJson({ url: new URL(`http://127.0.0.1:${port}/redirect`), address: { address: "127.0.0.1", family: 4 } }, {}, 5000);
    expect(res.status).toBe(302);
    await new Promise((r) => setTimeout(r, 200));
    expect(otherHits).toBe(0);
  });

  it("fails as unreachable without leaking the URL", async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", () => r()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    await expect(postJson({ url: new URL(`http://127.0.0.1:${port}/SECRET`), address: null }, {}, 5000)).rejects.toThrow(/^unreachable$/);
  });
});
