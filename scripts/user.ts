// npm run user -- --email <email> [--name <name>] [--handle <handle>] [--role admin|responder|viewer] [--password <pw>]
// Creates a user in the first organization (creating "Conn" if there is none): the way to the first admin
// on a database without demo data. Without --password a random one is printed.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { z } from "zod";
import { orgRoleSchema } from "@/lib/domain/schemas";
import { prepareDatabase, startDatabase } from "@/lib/server/bootstrap";
import { db, disconnectDb } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { hashPassword } from "@/lib/server/password";

const argsSchema = z.object({
  email: z.string().trim().toLowerCase().email(),
  name: z.string().trim().min(1).max(100).optional(),
  handle: z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9.-]{0,29}$/).optional(),
  role: orgRoleSchema.default("admin"),
  password: z.string().min(8).max(200).optional(),
});

async function main() {
  const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" }, handle: { type: "string" }, role: { type: "string" }, password: { type: "string" } } });
  const args = argsSchema.parse(values);
  const database = await startDatabase({ reuseRunning: true });
  try {
    await prepareDatabase(database.url, { seedDemo: database.embedded || env().CONN_DEMO });
    const org = (await db().organization.findFirst({ orderBy: { createdAt: "asc" } })) ?? (await db().organization.create({ data: { slug: "conn", name: "Conn" } }));
    const password = args.password ?? randomBytes(12).toString("base64url");
    const handle = args.handle ?? args.email.split("@")[0]!.replace(/[^a-z0-9.-]/g, "");
    const user = await db().user.create({
      data: { email: args.email, handle, name: args.name ?? handle, passwordHash: await hashPassword(password), memberships: { create: { orgId: org.id, role: args.role } } },
    });
    console.log(`created @${user.handle} (${args.role}) in ${org.name}`);
    if (!args.password) console.log(`password: ${password}`);
  } finally {
    await disconnectDb();
    await database.stop();
  }
}

main().catch((error) => {
  console.error(`user: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
