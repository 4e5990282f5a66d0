import { describe, expect, it } from "vitest";
import { resolvePublicOrigin, type PublicOriginConfig } from "./public-url";

const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name.toLowerCase()] ?? null });
const base: PublicOriginConfig = { trustProxy: false, port: 3000 };

describe("resolvePublicOrigin", () => {
  it("prefers CONN_PUBLIC_URL, then NEXTAUTH_URL, over any request", () => {
    const h = headers({ host: "10.0.0.5:3000" });
    expect(resolvePublicOrigin({ ...base, publicUrl: "https://conn.example.test/some/path", nextauthUrl: "http://localhost:3000" }, h)).toBe("https://conn.example.test");
    expect(resolvePublicOrigin({ ...base, nextauthUrl: "https://auth.example.test:8443/" }, h)).toBe("https://auth.example.test:8443");
  });

  it("uses the configured URL when there is no request (jobs)", () => {
    expect(resolvePublicOrigin({ ...base, publicUrl: "https://conn.example.test" })).toBe("https://conn.example.test");
    expect(resolvePublicOrigin(base)).toBe("http://localhost:3000");
  });

  it("follows the request's Host when nothing is configured", () => {
    expect(resolvePublicOrigin(base, headers({ host: "conn.internal:3000" }))).toBe("http://conn.internal:3000");
    expect(resolvePublicOrigin(base, headers({ host: "[::1]:3000" }))).toBe("http://[::1]:3000");
  });

  it("ignores X-Forwarded-* unless the proxy is trusted", () => {
    const h = headers({ host: "127.0.0.1:3000", "x-forwarded-host": "conn.example.test", "x-forwarded-proto": "https" });
    expect(resolvePublicOrigin(base, h)).toBe("http://127.0.0.1:3000");
    expect(resolvePublicOrigin({ ...base, trustProxy: true }, h)).toBe("https://conn.example.test");
    // A proxy that keeps Host and says only the scheme.
    expect(resolvePublicOrigin({ ...base, trustProxy: true }, headers({ host: "conn.example.test", "x-forwarded-proto": "https, http" }))).toBe("https://conn.example.test");
    // The first of a list of forwarded hosts (the client-facing one).
    expect(resolvePublicOrigin({ ...base, trustProxy: true }, headers({ host: "x", "x-forwarded-host": "a.example.test, b.internal" }))).toBe("http://a.example.test");
  });

  it("never puts a forged Host into a link", () => {
    for (const host of ["evil.test/<script>", "evil.test@x", "a b", "evil.test/path", ""]) {
      expect(resolvePublicOrigin(base, headers({ host })), host).toBe("http://localhost:3000");
    }
    expect(resolvePublicOrigin({ ...base, trustProxy: true }, headers({ host: "conn.example.test", "x-forwarded-host": "evil\"><a" }))).toBe("http://conn.example.test");
  });
});
