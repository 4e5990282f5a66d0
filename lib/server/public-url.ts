import "server-only";
// The app's public origin: the ONE function every absolute link is built with (share links,
// calendar feeds, the Atom feed, webhook bodies, the status page's feed link). In order:
//   1. the configured public URL: CONN_PUBLIC_URL, else NEXTAUTH_URL;
//   2. with a request: the Host it came to, or behind a trusted proxy (CONN_TRUST_PROXY) its
//      X-Forwarded-Host and -Proto (server.ts strips X-Forwarded-Host otherwise);
//   3. without a request (a job): http://localhost:<PORT>, the only address known then.
// A Host header that is not a plain host[:port] is ignored, so a forged one cannot put markup
// or a path into a link.
import { env } from "./env";

type HeaderSource = { get(name: string): string | null };

export interface PublicOriginConfig {
  publicUrl?: string;
  nextauthUrl?: string;
  trustProxy: boolean;
  port: number;
}

const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** Pure: the public origin for this configuration and (optionally) request headers. */
export function resolvePublicOrigin(config: PublicOriginConfig, h?: HeaderSource): string {
  const configured = config.publicUrl || config.nextauthUrl;
  if (configured) return new URL(configured).origin;
  const fallback = `http://localhost:${config.port}`;
  if (!h) return fallback;
  const first = (value: string | null | undefined) => value?.split(",")[0]?.trim() || undefined;
  const forwardedHost = config.trustProxy ? first(h.get("x-forwarded-host")) : undefined;
  const host = [forwardedHost, first(h.get("host"))].find((v) => v !== undefined && HOST.test(v));
  if (!host) return fallback;
  const proto = (config.trustProxy ? first(h.get("x-forwarded-proto")) : undefined) ?? "http";
  return `${proto.toLowerCase() === "https" ? "https" : "http"}://${host.toLowerCase()}`;
}

function config(): PublicOriginConfig {
  const e = env();
  return { publicUrl: e.CONN_PUBLIC_URL, nextauthUrl: e.NEXTAUTH_URL, trustProxy: e.CONN_TRUST_PROXY, port: e.PORT };
}

/** The public origin for links answered to this request. */
export function publicOrigin(h: HeaderSource): string {
  return resolvePublicOrigin(config(), h);
}

/** The public origin when there is no request (jobs, the nudge clock): the configured URL. */
export function configuredPublicOrigin(): string {
  return resolvePublicOrigin(config());
}
