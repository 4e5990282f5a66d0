import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./callback-url";

const ORIGIN = "http://localhost:3000";
const go = (raw: unknown) => safeCallbackPath(raw, ORIGIN);

describe("safeCallbackPath", () => {
  it("keeps Conn's own paths, with their query and fragment", () => {
    expect(go("/")).toBe("/");
    expect(go("/incidents")).toBe("/incidents");
    expect(go("/incidents/INC-12?tab=timeline#entry-4")).toBe("/incidents/INC-12?tab=timeline#entry-4");
    expect(go("/status?q=a%20b")).toBe("/status?q=a%20b");
    // Encoded characters that stay on Conn once decoded are fine.
    expect(go("/search?q=a%2Fb")).toBe("/search?q=a%2Fb");
  });

  it("reduces an absolute URL on Conn's origin to its path", () => {
    expect(go("http://localhost:3000/incidents?x=1#y")).toBe("/incidents?x=1#y");
    expect(go("HTTP://LOCALHOST:3000/dashboard")).toBe("/dashboard");
    expect(safeCallbackPath("https://conn.example.com/pages", "https://conn.example.com")).toBe("/pages");
    // …but not one that would still leave when read again as a relative URL.
    expect(go("http://localhost:3000//evil.example")).toBe("/");
    expect(go("http://localhost:3000/\\evil.example")).toBe("/");
  });

  it("sends nothing, empty or not a string to the landing page", () => {
    for (const raw of [undefined, null, "", 42, ["/incidents"], { href: "/x" }]) expect(go(raw)).toBe("/");
  });

  it("refuses other hosts and protocol-relative spellings", () => {
    for (const raw of [
      "https://evil.example",
      "https://evil.example/incidents",
      "http://localhost:3001/incidents", // another port is another origin
      "http://127.0.0.1:3000/incidents", // another name for the same machine is still another origin
      "https://localhost:3000/incidents",
      "//evil.example",
      "///evil.example",
      "////evil.example/path",
      "http://evil.example@localhost:3000/", // credentials in the URL
      "http://localhost:3000@evil.example/",
    ]) {
      expect(go(raw), raw).toBe("/");
    }
  });

  it("refuses backslashes that a browser reads as slashes", () => {
    for (const raw of ["/\\evil.example", "\\\\evil.example", "\\/evil.example", "/\\/evil.example"]) {
      expect(go(raw), raw).toBe("/");
    }
    // One backslash is one slash, as the browser reads it: a path on Conn.
    expect(go("\\evil.example/x")).toBe("/evil.example/x");
  });

  it("refuses tabs, newlines and other control characters inside", () => {
    for (const raw of [
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r\n/evil.example",
      "\t//evil.example",
      "/incidents\u0000",
      "/\u0008/evil.example",
      "/\u001f\\evil.example",
      "/inc\u007fidents",
    ]) {
      expect(go(raw), JSON.stringify(raw)).toBe("/");
    }
  });

  it("refuses other schemes", () => {
    for (const raw of [
      "javascript:alert(1)",
      "JavaScript:alert(document.cookie)",
      " javascript:alert(1)",
      "java\tscript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "https:evil.example",
      "https:/evil.example",
      "ftp://evil.example",
      "mailto:ceo@example.com",
      "file:///etc/passwd",
      "blob:http://localhost:3000/uuid",
    ]) {
      expect(go(raw), raw).toBe("/");
    }
  });

  it("refuses encoded spellings that leave Conn once decoded", () => {
    for (const raw of [
      "/%5Cevil.example",
      "/%5cevil.example",
      "/%2F/evil.example",
      "/%2f%2fevil.example",
      "%2F%2Fevil.example",
      "/%09/evil.example",
      "/%0A/evil.example",
      "/%5C%5Cevil.example",
      "/%E0%A4%A", // not decodable at all
    ]) {
      expect(go(raw), raw).toBe("/");
    }
  });

  it("answers a path that is itself safe to use again", () => {
    for (const raw of ["/a", "/incidents?x=1", "http://localhost:3000/x#y", "relative", "/./incidents", "/a/../b"]) {
      const path = go(raw);
      expect(path.startsWith("/")).toBe(true);
      expect(path.startsWith("//")).toBe(false);
      expect(new URL(path, ORIGIN).origin).toBe(ORIGIN);
      expect(go(path)).toBe(path);
    }
    expect(go("/a/../b")).toBe("/b");
  });

  it("refuses everything when the origin itself is not a URL", () => {
    expect(safeCallbackPath("/incidents", "not a url")).toBe("/");
  });
});
