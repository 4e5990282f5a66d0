import "server-only";
// The HTTP side of alerts in, shared by every sender's route: the key (Bearer, Basic password, GenieKey or `?key=`,
// or the body's routing_key for Events v2), the size limit (413), and the one rule about refusing: never 429 — a
// monitoring sender drops a refused alert (Alertmanager retries only 5xx, Grafana nothing) — and 503 with
// Retry-After only when the database cannot take it. The key is never logged, nor the URL that may carry it.
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { AppError } from "@/lib/domain/errors";
import { REMOTE_ADDR_HEADER } from "../actor";
import { errorResponse } from "../api-handler";
import { ingestKey, type IngestKey } from "./ingest";

export const EVENT_LIMIT_BYTES = 512 * 1024;
export const BATCH_LIMIT_BYTES = 5 * 1024 * 1024;

/** The key as the sender put it in the request (not the body): Bearer, Basic's password, GenieKey, or `?key=`. */
export function presentedKey(req: Request): string | null {
  const auth = req.headers.get("authorization")?.trim();
  if (auth) {
    const m = /^(Bearer|GenieKey)\s+(\S+)$/i.exec(auth);
    if (m) return m[2]!;
    const basic = /^Basic\s+(\S+)$/i.exec(auth);
    if (basic) {
      const decoded = Buffer.from(basic[1]!, "base64").toString("utf8");
      const at = decoded.indexOf(":");
      return at >= 0 ? decoded.slice(at + 1) : decoded;
    }
  }
  return new URL(req.url).searchParams.get("key");
}

export class BodyTooLarge extends Error {}

/**
 * The body as sent (bytes, for its signature) and as text, refused past `limit` bytes — before it is read when the
 * sender declared its length.
 */
export async function readLimited(req: Request, limit: number): Promise<{ raw: Buffer; text: string }> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > limit) throw new BodyTooLarge();
  const raw = Buffer.from(await req.arrayBuffer());
  if (raw.byteLength > limit) throw new BodyTooLarge();
  return { raw, text: raw.toString("utf8") };
}

/** How far a signed delivery's timestamp may be from now, either way. */
export const SIGNATURE_WINDOW_SECONDS = 300;
const SIGNATURE_HEADER = "x-grafana-alerting-signature";
/** Grafana's timestamp header has no default name: these two are the ones its documentation uses. */
const TIMESTAMP_HEADERS = ["x-grafana-alerting-signature-timestamp", "x-grafana-alerting-timestamp"];

/**
 * Grafana's HMAC signature, when the key has a secret: lowercase hex HMAC-SHA256 of `[timestamp ":"] body` in
 * X-Grafana-Alerting-Signature, the timestamp (Unix seconds) within 5 minutes. Null when it holds; else why not.
 */
export function signatureProblem(key: { signingSecret: string | null }, req: Request, raw: Buffer, nowMs = Date.now()): string | null {
  if (!key.signingSecret) return null;
  const presented = req.headers.get(SIGNATURE_HEADER)?.trim().toLowerCase();
  if (!presented) return "this key takes only signed deliveries: X-Grafana-Alerting-Signature is missing";
  const timestamp = TIMESTAMP_HEADERS.map((h) => req.headers.get(h)?.trim()).find(Boolean) ?? null;
  if (timestamp !== null) {
    const seconds = /^\d{1,12}$/.test(timestamp) ? Number(timestamp) : NaN;
    if (!Number.isFinite(seconds) || Math.abs(nowMs / 1000 - seconds) > SIGNATURE_WINDOW_SECONDS) return "the signature's timestamp is more than 5 minutes from now";
  }
  const mac = createHmac("sha256", key.signingSecret);
  if (timestamp !== null) mac.update(`${timestamp}:`);
  const expected = mac.update(raw).digest();
  const given = /^[0-9a-f]{64}$/.test(presented) ? Buffer.from(presented, "hex") : null;
  return given && timingSafeEqual(given, expected) ? null : "the signature does not match the body";
}

export const senderOf = (req: Request) => ({ ip: req.headers.get(REMOTE_ADDR_HEADER), userAgent: req.headers.get("user-agent")?.slice(0, 300) ?? null });

export async function keyOrNull(secret: string | null): Promise<IngestKey | null> {
  return secret ? ingestKey(secret) : null;
}

/** The database is unreachable (not a bad request, not our bug): the sender should retry. */
function databaseDown(error: unknown): boolean {
  const text = error instanceof Error ? `${error.name} ${error.message} ${(error as { code?: string }).code ?? ""}` : "";
  return /ECONNREFUSED|ECONNRESET|P1001|P1002|P1017|PrismaClientInitializationError|Can't reach database|Connection terminated|timed out fetching a new connection|57P01|57P03|53300/i.test(text);
}

/** Any failure of an alert route: 413, 503 + Retry-After when the database is down, else the usual shapes (never 429). */
export function alertFailure(error: unknown): Response {
  if (error instanceof BodyTooLarge) {
    return Response.json({ error: { code: "payload_too_large", message: "The body is larger than this endpoint takes." } }, { status: 413 });
  }
  if (databaseDown(error)) {
    console.error(`[alerts] delivery not taken (database unavailable, request ${randomUUID()})`);
    return Response.json({ error: { code: "unavailable", message: "Conn cannot store alerts right now; retry shortly." } }, { status: 503, headers: { "Retry-After": "5" } });
  }
  if (error instanceof AppError && error.status === 429) {
    // Nothing on these routes rate-limits; should anything ever, a sender is told to retry, not to drop.
    return Response.json({ error: { code: "unavailable", message: error.message } }, { status: 503, headers: { "Retry-After": "5" } });
  }
  return errorResponse(error);
}

export const unauthenticated = (message = "Send the service's integration key as 'Authorization: Bearer <key>' or '?key=<key>'.") =>
  Response.json({ error: { code: "unauthenticated", message } }, { status: 401 });
