import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "./openapi";

const API_DIR = path.resolve(__dirname, "../../app/api/v1");

/** `app/api/v1/pages/[id]/acknowledge/route.ts` → `/api/v1/pages/{}/acknowledge` (parameter names may differ). */
function routes(dir: string, prefix = "/api/v1"): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    if (d.isFile() && d.name === "route.ts") return [prefix];
    if (!d.isDirectory()) return [];
    const segment = /^\[.+\]$/.test(d.name) ? "{}" : d.name;
    return routes(path.join(dir, d.name), `${prefix}/${segment}`);
  });
}

describe("OpenAPI document", () => {
  it("documents every route handler under app/api/v1", () => {
    const documented = Object.keys(buildOpenApiDocument().paths).map((p) => p.replace(/\{[^}]+\}/g, "{}").split("/"));
    // A route's [param] matches a parameter or a literal the document names (`roles/commander/acknowledge`).
    const covers = (doc: string[], route: string[]) => doc.length === route.length && route.every((seg, i) => seg === "{}" || seg === doc[i]);
    const missing = routes(API_DIR).filter((r) => r !== "/api/v1/openapi.json" && !documented.some((d) => covers(d, r.split("/"))));
    expect(missing).toEqual([]);
  });

  it("gives every operation a unique operationId and a tag, and every POST taking an Idempotency-Key its 422", () => {
    const doc = buildOpenApiDocument();
    const ops = Object.values(doc.paths).flatMap((item) => Object.entries(item as unknown as Record<string, { operationId?: string; parameters?: { name: string }[]; responses: Record<string, { description: string }>; tags: string[] }>));
    const ids = ops.map(([, op]) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const tags = new Set(doc.tags.map((t) => t.name));
    for (const [, op] of ops) expect(op.tags.every((t: string) => tags.has(t))).toBe(true);
    const idempotent = ops.filter(([method, op]) => method === "post" && op.parameters?.some((p: { name: string }) => p.name === "Idempotency-Key"));
    expect(idempotent.length).toBeGreaterThan(10);
    for (const [, op] of idempotent) expect(op.responses["422"]?.description).toMatch(/idempotency_key_reused/);
  });
});
