// One real server (production build, real embedded Postgres, real socket.io) for the integration tests.
import type { TestProject } from "vitest/node";
import { startTestServer, testPorts, type TestServer } from "../test-server";

let server: TestServer | undefined;

export async function setup(project: TestProject) {
  // A fast nudge clock, so tests see nudges fire with no write in seconds, not minutes.
  server = await startTestServer({ name: "integration", ...testPorts.integration, env: { CONN_NUDGE_TICK_MS: "300", CONN_WEBHOOK_ALLOW_PRIVATE: "1" } });
  project.provide("baseUrl", server.baseUrl);
  project.provide("databaseUrl", server.databaseUrl);
}

export async function teardown() {
  await server?.stop();
}
