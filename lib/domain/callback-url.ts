// Where a sign-in may send the browser afterwards. A `callbackUrl` comes from the
// address bar (anyone can write a link to /signin?callbackUrl=…), so it is read the
// way a browser reads it — resolved against Conn's own origin, with backslashes as
// slashes and tabs and newlines dropped — and honoured only when it stays on that
// origin. The answer is always a path of Conn's ("/incidents?x=1#y"), never a URL
// another site could hide in: everything else becomes the landing page, "/".

const LANDING = "/";

/** `raw` resolved against `base`, or null when it is not a URL at all. */
function resolve(raw: string, base: URL): URL | null {
  try {
    return new URL(raw, base);
  } catch {
    return null;
  }
}

/** The path, query and fragment of `raw` when it names a page on `base`'s origin; null otherwise. */
function samePath(raw: string, base: URL): string | null {
  const url = resolve(raw, base);
  if (!url || url.origin !== base.origin || url.username || url.password) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "//host" and "/\host" are another site once used as a relative URL again.
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return null;
  // Read again as a relative URL, the path must name the same page.
  const again = resolve(path, base);
  if (!again || again.origin !== base.origin || `${again.pathname}${again.search}${again.hash}` !== path) return null;
  return path;
}

/**
 * The same-origin path to go to after sign-in, or "/" for anything that would leave
 * `origin` (e.g. "http://localhost:3000"): other hosts, "//host", "/\host", tabs or
 * control characters inside, `javascript:` and other schemes, and encoded spellings
 * that would leave once decoded ("/%5Chost", "/%2F/host"), in case anything on the
 * way decodes them. An absolute URL on `origin` is reduced to its path.
 */
export function safeCallbackPath(raw: unknown, origin: string): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2048) return LANDING;
  let base: URL;
  try {
    base = new URL(origin);
  } catch {
    return LANDING;
  }
  if (base.origin === "null") return LANDING;
  // A browser drops tabs and newlines and may read other control characters as it likes;
  // a link of Conn's own never has one, so refuse rather than guess.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(raw)) return LANDING;
  const path = samePath(raw, base);
  if (path === null) return LANDING;
  // Decoded once (as a careless reader might), it must still stay on Conn.
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return LANDING;
  }
  // eslint-disable-next-line no-control-regex
  if (decoded !== path && (/[\u0000-\u001f\u007f]/.test(decoded) || samePath(decoded, base) === null)) return LANDING;
  return path;
}
