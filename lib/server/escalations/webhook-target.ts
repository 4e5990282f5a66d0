import "server-only";
// Where a webhook may point, and the one way Conn POSTs to it. An admin types the URL and the
// server then POSTs to it: by default only https to a public address, so a channel cannot be
// used to reach the server's own network (loopback, private ranges, cloud metadata), in any
// spelling of such an address (lib/domain/address.ts). Checked when the channel is saved and
// again before every delivery (DNS may have changed). The delivery connects to the very address
// that was checked: the name is resolved once and that answer pinned for the request (TLS SNI and
// Host stay the name), so a second DNS answer cannot slip in between check and connect; redirects
// are never followed (a 3xx is a failed delivery). CONN_WEBHOOK_ALLOW_PRIVATE=1 allows http and
// private addresses and lets the system resolver decide.
import { lookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { classifyAddress, urlHost } from "@/lib/domain/address";
import { env } from "../env";

export type WebhookTarget = { url: URL; address: { address: string; family: 4 | 6 } | null };

const PRIVATE_REFUSAL = "points to a private or loopback address (CONN_WEBHOOK_ALLOW_PRIVATE=1 allows it)";

/** The URL and the checked address to connect to, or why this URL may not receive webhooks. */
export async function resolveWebhookTarget(raw: string): Promise<{ target: WebhookTarget } | { refused: string }> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { refused: "is not a URL" };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { refused: "must be http(s)" };
  if (env().CONN_WEBHOOK_ALLOW_PRIVATE) return { target: { url, address: null } };
  if (url.protocol !== "https:") return { refused: "must be https" };
  const host = urlHost(raw);
  let addresses: { address: string; family: number }[];
  if (classifyAddress(host).range !== "invalid") {
    addresses = [{ address: host, family: host.includes(":") ? 6 : 4 }];
  } else {
    try {
      addresses = await lookup(host, { all: true, verbatim: true });
    } catch {
      return { refused: "host not found" };
    }
  }
  // Every answer must be public: a name answering one public and one private address is refused.
  if (addresses.length === 0 || addresses.some((a) => !classifyAddress(a.address).public)) return { refused: PRIVATE_REFUSAL };
  const first = addresses[0]!;
  return { target: { url, address: { address: first.address, family: first.family === 6 ? 6 : 4 } } };
}

/** Why this URL may not receive webhooks, or null when it may. */
export async function refuseWebhookUrl(url: string): Promise<string | null> {
  const resolved = await resolveWebhookTarget(url);
  return "refused" in resolved ? resolved.refused : null;
}

export class WebhookError extends Error {
  constructor(readonly reason: "timed out" | "unreachable") {
    super(reason);
  }
}

/**
 * POSTs JSON to a checked target and answers the status. Connects only to `target.address` when
 * one was pinned. Never follows a redirect. Throws WebhookError (never with the URL in it).
 */
export function postJson(target: WebhookTarget, body: unknown, timeoutMs: number): Promise<{ status: number }> {
  const { url, address } = target;
  const pinned: LookupFunction | undefined = address
    ? (_hostname, options, callback) => {
        if (options.all) callback(null, [{ address: address.address, family: address.family }]);
        else callback(null, address.address, address.family);
      }
    : undefined;
  const payload = Buffer.from(JSON.stringify(body));
  const send = url.protocol === "https:" ? https.request : http.request;
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const req = send(
      {
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[(.*)\]$/, "$1"),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: "POST",
        headers: { "content-type": "application/json", "content-length": payload.length, "user-agent": "Conn-Webhook/1" },
        ...(pinned ? { lookup: pinned } : {}),
        // A fresh connection each time: a pooled one could be to an address checked for an earlier delivery.
        agent: false,
        // Host header and TLS SNI/certificate check stay the URL's name (Node's defaults from `hostname`).
      },
      (res) => {
        res.resume(); // the answer's body is not needed; drain it so the socket is released
        res.on("end", () => finish(() => resolve({ status: res.statusCode ?? 0 })));
        res.on("error", () => finish(() => resolve({ status: res.statusCode ?? 0 })));
      },
    );
    const timer = setTimeout(() => {
      finish(() => reject(new WebhookError("timed out")));
      req.destroy();
    }, timeoutMs);
    req.on("error", () => finish(() => reject(new WebhookError("unreachable"))));
    req.end(payload);
  });
}
