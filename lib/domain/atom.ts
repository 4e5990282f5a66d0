// Atom 1.0 (RFC 4287) documents, built as text: one small writer that escapes
// every value, so a title like `5xx < 1% & falling` or a stray control character
// pasted from a terminal can never break a subscriber's feed reader.

export interface AtomPerson {
  name: string;
}

export interface AtomEntry {
  /** A permanent IRI, e.g. `urn:conn:update:<id>`. */
  id: string;
  title: string;
  updated: Date;
  /** Where a reader opens the entry. */
  link: string;
  author: AtomPerson;
  /** Plain text (`type="text"`): line breaks are kept by most readers. */
  content: string;
  categories?: string[];
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle?: string;
  /** The feed's own URL, without credentials. */
  selfUrl: string;
  /** The HTML page the feed mirrors. */
  alternateUrl: string;
  author: AtomPerson;
  /** Default: the newest entry's time, else `fallbackUpdated`. */
  fallbackUpdated: Date;
  entries: AtomEntry[];
}

// Characters XML 1.0 does not allow at all, even escaped: C0 controls other than
// tab, LF and CR, lone surrogates, U+FFFE and U+FFFF.
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text safe inside an XML element or a double- or single-quoted attribute. */
export function escapeXml(value: string): string {
  return value
    .replace(INVALID_XML_CHARS, "\uFFFD")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

const el = (name: string, text: string, attrs = "") => `<${name}${attrs}>${escapeXml(text)}</${name}>`;
const attr = (name: string, value: string) => ` ${name}="${escapeXml(value)}"`;

export function buildAtomFeed(feed: AtomFeed): string {
  const newest = feed.entries.reduce<Date | null>((max, e) => (!max || e.updated > max ? e.updated : max), null);
  const lines = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom">`,
    `  ${el("id", feed.id)}`,
    `  ${el("title", feed.title, attr("type", "text"))}`,
    ...(feed.subtitle ? [`  ${el("subtitle", feed.subtitle, attr("type", "text"))}`] : []),
    `  ${el("updated", (newest ?? feed.fallbackUpdated).toISOString())}`,
    `  <link${attr("rel", "self")}${attr("type", "application/atom+xml")}${attr("href", feed.selfUrl)}/>`,
    `  <link${attr("rel", "alternate")}${attr("type", "text/html")}${attr("href", feed.alternateUrl)}/>`,
    `  <author>${el("name", feed.author.name)}</author>`,
    `  ${el("generator", "Conn")}`,
  ];
  for (const e of feed.entries) {
    lines.push(
      `  <entry>`,
      `    ${el("id", e.id)}`,
      `    ${el("title", e.title, attr("type", "text"))}`,
      `    ${el("updated", e.updated.toISOString())}`,
      `    <link${attr("rel", "alternate")}${attr("type", "text/html")}${attr("href", e.link)}/>`,
      `    <author>${el("name", e.author.name)}</author>`,
      ...(e.categories ?? []).map((term) => `    <category${attr("term", term)}/>`),
      `    ${el("content", e.content, attr("type", "text"))}`,
      `  </entry>`,
    );
  }
  lines.push(`</feed>`, ``);
  return lines.join("\n");
}
