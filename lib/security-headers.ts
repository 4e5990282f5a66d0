// Security headers on every page and API response: Next adds them (next.config.ts), and so does the custom server
// for the routes it answers itself (the alert intake, lib/server/alerts/direct.ts). The CSP allows Next's
// inline bootstrap scripts ('unsafe-inline' for scripts in production is the
// price of a custom server without per-request nonces; no third-party origin
// is allowed anywhere) and forbids framing.
// Read when asked, not when imported: the custom server sets NODE_ENV after its imports.
function csp(): string {
  const isDev = process.env.NODE_ENV !== "production";
  // Sign-in with OIDC submits a form that redirects to the identity provider.
  const oidcOrigin = process.env.OIDC_ISSUER ? ` ${new URL(process.env.OIDC_ISSUER).origin}` : "";
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self' ws: wss:",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    `form-action 'self'${oidcOrigin}`,
    "object-src 'none'",
  ].join("; ");
}

export const securityHeaders = () => [
  { key: "Content-Security-Policy", value: csp() },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];
