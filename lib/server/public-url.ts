import "server-only";
// The app's public origin, for links that leave the browser (share links, feed
// entries): NEXTAUTH_URL when configured; else the Host the request came to
// (and, behind a trusted proxy, its X-Forwarded-Host and -Proto).

type HeaderSource = { get(name: string): string | null };

export function publicOrigin(h: HeaderSource): string {
  const configured = process.env.NEXTAUTH_URL;
  if (configured) return new URL(configured).origin;
  const trustProxy = Boolean(process.env.CONN_TRUST_PROXY);
  const first = (value: string | null | undefined) => value?.split(",")[0]?.trim() || undefined;
  const host = (trustProxy ? first(h.get("x-forwarded-host")) : undefined) ?? h.get("host") ?? `localhost:${process.env.PORT ?? 3000}`;
  const proto = (trustProxy ? first(h.get("x-forwarded-proto")) : undefined) ?? "http";
  return `${proto === "https" ? "https" : "http"}://${host}`;
}
