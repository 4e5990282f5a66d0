import { describe, expect, it } from "vitest";
import { buildAtomFeed, escapeXml } from "./atom";

describe("escapeXml", () => {
  it("escapes the five markup characters", () => {
    expect(escapeXml(`5xx < 1% & "falling" > 'fast'`)).toBe("5xx &lt; 1% &amp; &quot;falling&quot; &gt; &apos;fast&apos;");
  });

  it("escapes an ampersand that already looks like an entity (the text is literal)", () => {
    expect(escapeXml("&amp; &#60;")).toBe("&amp;amp; &amp;#60;");
  });

  it("replaces characters XML 1.0 forbids, keeps tab, newline, CR and astral characters", () => {
    expect(escapeXml("a\u0000b\u0001c\u000Bd\u001Fe\uFFFEf")).toBe("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf");
    expect(escapeXml("line 1\n\tline 2\r\n")).toBe("line 1\n\tline 2\r\n");
    expect(escapeXml("fire 🔥")).toBe("fire 🔥");
  });

  it("replaces lone surrogates but not pairs", () => {
    expect(escapeXml("x\uD83Dy")).toBe("x\uFFFDy");
    expect(escapeXml("x\uDD25y")).toBe("x\uFFFDy");
    expect(escapeXml("\uD83D\uDD25")).toBe("🔥");
  });
});

describe("buildAtomFeed", () => {
  const base = {
    id: "urn:conn:org:o1:status",
    title: "Acme & Co status",
    selfUrl: "https://conn.example/api/v1/status/feed.atom",
    alternateUrl: "https://conn.example/status",
    author: { name: "Conn" },
    fallbackUpdated: new Date("2026-01-01T00:00:00Z"),
  };

  it("has the required feed elements, escaped, and the newest entry's time as updated", () => {
    const xml = buildAtomFeed({
      ...base,
      entries: [
        { id: "urn:conn:update:a", title: "INC-1 <SEV1>", updated: new Date("2026-01-02T10:00:00Z"), link: "https://conn.example/status/INC-1?a=1&b=2", author: { name: "Ann" }, content: "Condition: x < y" },
        { id: "urn:conn:update:b", title: "INC-2", updated: new Date("2026-01-03T10:00:00Z"), link: "https://conn.example/status/INC-2", author: { name: "Bo" }, content: "ok", categories: ["SEV2"] },
      ],
    });
    expect(xml.startsWith(`<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">`)).toBe(true);
    expect(xml).toContain(`<title type="text">Acme &amp; Co status</title>`);
    expect(xml).toContain(`<updated>2026-01-03T10:00:00.000Z</updated>\n  <link rel="self"`);
    expect(xml).toContain(`<title type="text">INC-1 &lt;SEV1&gt;</title>`);
    expect(xml).toContain(`href="https://conn.example/status/INC-1?a=1&amp;b=2"`);
    expect(xml).toContain(`<content type="text">Condition: x &lt; y</content>`);
    expect(xml).toContain(`<category term="SEV2"/>`);
    expect(xml.match(/<entry>/g)).toHaveLength(2);
    expect(xml.match(/<\/entry>/g)).toHaveLength(2);
    expect(xml.trimEnd().endsWith("</feed>")).toBe(true);
  });

  it("falls back to the given time when there are no entries", () => {
    const xml = buildAtomFeed({ ...base, entries: [] });
    expect(xml).toContain("<updated>2026-01-01T00:00:00.000Z</updated>");
    expect(xml).not.toContain("<entry>");
  });
});
