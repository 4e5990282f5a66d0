// npm run token -- --email <email> [--name <name>] [--automation]
// Prints a new API token for that user as the last line, whether or not the
// server is running (the embedded database is reused if running, else started briefly).
import { parseArgs } from "node:util";
import { createTokenForEmail } from "@/lib/server/org/api-tokens";
import { prepareDatabase, startDatabase } from "@/lib/server/bootstrap";
import { disconnectDb } from "@/lib/server/db";
import { env } from "@/lib/server/env";

async function main() {
  const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" }, automation: { type: "boolean" } } });
  if (!values.email) {
    console.error("usage: npm run token -- --email <email> [--name <name>] [--automation]");
    process.exit(2);
  }
  const database = await startDatabase({ reuseRunning: true });
  try {
    await prepareDatabase(database.url, { seedDemo: database.embedded || env().CONN_DEMO });
    const token = await createTokenForEmail(values.email, { name: values.name, automation: values.automation });
    console.log(token);
  } finally {
    await disconnectDb();
    await database.stop();
  }
}

main().catch((error) => {
  console.error(`token: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
