import "server-only";
// The alert intake answered by the custom server itself, before Next.js sees the request: a storm is mostly this,
// and Next's routing costs more per request than storing an alert does (npm run bench:alerts). The handlers are the
// same ones app/api/v1/alerts/*/route.ts export (those files stay the route map that Next and the OpenAPI check
// read); only the transport differs. Nothing here needs a session, cookies or an Origin: a sender authenticates
// with its integration key. Responses carry the same security headers as Next's (lib/security-headers.ts).
import type http from "node:http";
import { securityHeaders } from "@/lib/security-headers";
import { alertFailure, BATCH_LIMIT_BYTES, BodyTooLarge } from "./http";
import { changeEventsRoute, eventsV2Route, genericRoute, opsgenieActionRoute, opsgenieCreateRoute, webhookRoute } from "./routes";

type Handler = (req: Request) => Promise<Response>;

const alertmanager = webhookRoute("alertmanager");
const grafana = webhookRoute("grafana");
const EXACT: Record<string, Handler> = {
  "/api/v1/alerts/alertmanager": alertmanager,
  "/api/v1/alerts/grafana": grafana,
  "/api/v1/alerts/events": eventsV2Route,
  "/api/v1/alerts/events/change": changeEventsRoute,
  "/api/v1/alerts/generic": genericRoute,
  "/api/v1/alerts/opsgenie/v2/alerts": opsgenieCreateRoute,
};
const OPSGENIE_ACTION = /^\/api\/v1\/alerts\/opsgenie\/v2\/alerts\/([^/]+)\/([^/]+)$/;

/** The handler of an alert route (POST only; anything else is Next's to answer), or null. */
export function directAlertRoute(method: string | undefined, url: string | undefined): Handler | null {
  if (method !== "POST" || !url) return null;
  const path = url.split("?", 1)[0]!;
  const exact = EXACT[path];
  if (exact) return exact;
  const m = OPSGENIE_ACTION.exec(path);
  if (!m) return null;
  // The server refused paths that do not percent-decode before this.
  const [identifier, action] = [decodeURIComponent(m[1]!), decodeURIComponent(m[2]!)];
  return (req) => opsgenieActionRoute(req, identifier, action);
}

/** The body, refused (413) once it passes the largest any alert route takes; each route checks its own limit. */
function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > BATCH_LIMIT_BYTES) {
        req.removeAllListeners("data");
        req.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

async function send(res: http.ServerResponse, response: Response) {
  const body = Buffer.from(await response.arrayBuffer());
  for (const { key, value } of securityHeaders()) res.setHeader(key, value);
  res.setHeader("Cache-Control", "no-store");
  response.headers.forEach((value, name) => res.setHeader(name, value));
  res.setHeader("Content-Length", body.length);
  res.writeHead(response.status);
  res.end(body);
}

/** Answers one alert request with `handler`, as Next would have (a Web Request in, a Web Response out). */
export async function serveAlert(handler: Handler, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  try {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > BATCH_LIMIT_BYTES) throw new BodyTooLarge();
    const body = await readBody(req);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (Array.isArray(value)) for (const v of value) headers.append(name, v);
      else if (value !== undefined) headers.set(name, value);
    }
    // Only the path and query are read from it: the Host header takes no part.
    const request = new Request(new URL(req.url ?? "/", "http://localhost"), { method: "POST", headers, body: new Uint8Array(body) });
    await send(res, await handler(request));
  } catch (error) {
    if (!res.headersSent) await send(res, alertFailure(error)).catch(() => res.destroy());
    else res.destroy();
  }
}
