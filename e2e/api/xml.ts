// A strict, small XML 1.0 well-formedness parser for the tests (no dependency
// in the project parses XML): one root element, balanced and properly nested
// tags, quoted and unique attributes, only the five predefined entities and
// character references, no raw `<` or `&` in text or `<` in attribute values,
// no characters XML forbids. Returns the tree with text and attributes decoded.
// Throws on the first violation, saying where.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: (XmlElement | string)[];
}

const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?/;
const FORBIDDEN_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decode(raw: string, at: number): string {
  if (FORBIDDEN_CHAR.test(raw)) throw new Error(`character not allowed in XML near offset ${at}`);
  return raw.replace(/&([^;]*);|&/g, (match, ref: string | undefined) => {
    if (ref === undefined) throw new Error(`bare '&' near offset ${at}`);
    if (ref in ENTITIES) return ENTITIES[ref]!;
    const num = /^#(\d+)$/.exec(ref) ?? /^#x([0-9a-fA-F]+)$/.exec(ref);
    if (num) return String.fromCodePoint(parseInt(num[1]!, ref.startsWith("#x") ? 16 : 10));
    throw new Error(`unknown entity '${match}' near offset ${at}`);
  });
}

export function parseXml(xml: string): XmlElement {
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const fail = (what: string): never => {
    throw new Error(`${what} at offset ${i}: ${JSON.stringify(xml.slice(i, i + 40))}`);
  };
  if (xml.startsWith("<?xml")) {
    const end = xml.indexOf("?>");
    if (end < 0) fail("unterminated XML declaration");
    i = end + 2;
  }
  while (i < xml.length) {
    if (xml.startsWith("<!--", i)) {
      const end = xml.indexOf("-->", i);
      if (end < 0) fail("unterminated comment");
      i = end + 3;
    } else if (xml.startsWith("<![CDATA[", i)) {
      if (!stack.length) fail("CDATA outside the root");
      const end = xml.indexOf("]]>", i);
      if (end < 0) fail("unterminated CDATA");
      stack.at(-1)!.children.push(xml.slice(i + 9, end));
      i = end + 3;
    } else if (xml.startsWith("</", i)) {
      const name = NAME.exec(xml.slice(i + 2))?.[0] ?? fail("bad end tag");
      const open = stack.pop() ?? fail(`end tag </${name}> without a start tag`);
      if (open.name !== name) fail(`</${name}> closes <${open.name}>`);
      i += 2 + name.length;
      while (/\s/.test(xml[i] ?? "")) i++;
      if (xml[i] !== ">") fail("end tag not closed");
      i++;
    } else if (xml[i] === "<") {
      if (root && !stack.length) fail("a second root element");
      const name = NAME.exec(xml.slice(i + 1))?.[0] ?? fail("bad start tag");
      const el: XmlElement = { name, attrs: {}, children: [] };
      i += 1 + name.length;
      for (;;) {
        const space = /^\s*/.exec(xml.slice(i))![0].length;
        i += space;
        if (xml.startsWith("/>", i)) {
          i += 2;
          if (stack.length) stack.at(-1)!.children.push(el);
          else root = el;
          break;
        }
        if (xml[i] === ">") {
          i++;
          if (stack.length) stack.at(-1)!.children.push(el);
          else root = el;
          stack.push(el);
          break;
        }
        if (!space) fail("attributes must be separated by whitespace");
        const attr = NAME.exec(xml.slice(i))?.[0] ?? fail("bad attribute name");
        i += attr.length;
        const m = /^\s*=\s*(["'])/.exec(xml.slice(i)) ?? fail(`attribute ${attr} without a quoted value`);
        i += m[0].length;
        const end = xml.indexOf(m[1]!, i);
        if (end < 0) fail("unterminated attribute value");
        const raw = xml.slice(i, end);
        if (raw.includes("<")) fail("'<' in an attribute value");
        if (attr in el.attrs) fail(`duplicate attribute ${attr}`);
        el.attrs[attr] = decode(raw, i);
        i = end + 1;
      }
    } else {
      const next = xml.indexOf("<", i);
      const raw = xml.slice(i, next < 0 ? xml.length : next);
      if (!stack.length) {
        if (raw.trim()) fail("text outside the root element");
      } else {
        stack.at(-1)!.children.push(decode(raw, i));
      }
      i += raw.length;
    }
  }
  if (stack.length) fail(`<${stack.at(-1)!.name}> is never closed`);
  return root ?? fail("no root element");
}

export const childElements = (el: XmlElement, name?: string) => el.children.filter((c): c is XmlElement => typeof c !== "string" && (!name || c.name === name));
export const child = (el: XmlElement, name: string) => childElements(el, name)[0];
export const textOf = (el: XmlElement | undefined): string => (el ? el.children.map((c) => (typeof c === "string" ? c : textOf(c))).join("") : "");
