// npm run db:migrate | db:seed | db:reset — the same start-up steps as the server, by hand.
//   migrate: apply pending migrations.  seed: demo data if the database is empty.
//   reset: drop everything in the database (asks for --yes), then migrate and seed.
import { prepareDatabase, startDatabase } from "@/lib/server/bootstrap";
import { db, disconnectDb } from "@/lib/server/db";

async function main() {
  const command = process.argv[2];
  if (!["migrate", "seed", "reset"].includes(command ?? "")) {
    console.error("usage: tsx scripts/db.ts migrate|seed|reset [--yes]");
    process.exit(2);
  }
  const database = await startDatabase({ reuseRunning: true });
  try {
    if (command === "reset") {
      if (!process.argv.includes("--yes")) throw new Error("db:reset deletes every row: run `npm run db:reset -- --yes`");
      await db().$executeRawUnsafe(`DROP SCHEMA IF EXISTS graphile_worker CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public;`);
    }
    await prepareDatabase(database.url, { seedDemo: command !== "migrate" });
  } finally {
    await disconnectDb();
    await database.stop();
  }
}

main().catch((error) => {
  console.error(`db: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
