import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(fileURLToPath(import.meta.url));
import { defineConfig } from "vitest/config";

const alias = {
  "@": root,
  // Outside Next there is no client bundle to guard (see tsconfig.server.json).
  "server-only": path.join(root, "lib/server/server-only-node.ts"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["lib/**/*.test.ts"], environment: "node" },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["e2e/api/**/*.test.ts"],
          environment: "node",
          globalSetup: ["e2e/api/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // One real server and one real Postgres for the whole run; files run in parallel against it.
          fileParallelism: true,
        },
      },
    ],
  },
});
