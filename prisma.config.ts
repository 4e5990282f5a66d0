// Prisma CLI configuration (migrate, generate). Prisma 6.19 with the JS/wasm
// schema engine: it migrates offline, where Prisma 7's CLI would try to
// download a native engine first (see ../shared/STACK.md).
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

// No command may try to download a native engine: point them at a dummy file.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= "/bin/true";
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= "/bin/true";

/** Discrete connection fields: with a connectionString the shadow-database pool
 *  would connect to the main database. */
function poolConfig() {
  const url = new URL(process.env.DATABASE_URL ?? "postgresql://localhost:5432/postgres");
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.slice(1)),
  };
}

// prisma/orm#27403: adapter-pg 6.x cannot decode the `name`, `"char"`, `text[]`-like
// and `regclass` columns returned by the schema engine's catalog queries. Map
// those type OIDs to text before the adapter converts them. Migration CLI only.
const AS_TEXT: Record<number, number> = { 18: 25, 19: 25, 24: 25, 2205: 25, 1002: 1009, 1003: 1009 };
let patched = false;
function patchCatalogTypes(adapter: object) {
  if (patched) return;
  // PrismaPgAdapter → PgQueryable, where performIO lives.
  let proto = Object.getPrototypeOf(adapter);
  while (proto && !Object.prototype.hasOwnProperty.call(proto, "performIO")) proto = Object.getPrototypeOf(proto);
  if (!proto) return;
  const performIO = proto.performIO;
  proto.performIO = async function (this: unknown, ...args: unknown[]) {
    const result = await performIO.apply(this, args);
    for (const field of result?.fields ?? []) {
      if (AS_TEXT[field.dataTypeID]) field.dataTypeID = AS_TEXT[field.dataTypeID];
    }
    return result;
  };
  patched = true;
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    const factory = new PrismaPg(poolConfig());
    const connect = factory.connect.bind(factory);
    factory.connect = async () => {
      const adapter = await connect();
      patchCatalogTypes(adapter);
      return adapter;
    };
    return factory;
  },
});
