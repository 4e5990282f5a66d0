// One real server (production build, real embedded Postgres, real socket.io) for the integration tests.
import type { TestProject } from "vitest/node";
import { startTestServer, testPorts, type TestServer } from "../test-server";

let server: TestServer | undefined;

export async function setup(project: TestProject) {
  server = await startTestServer({ name: "integration", ...testPorts.integration });
  project.provide("baseUrl", server.baseUrl);
  project.provide("databaseUrl", server.databaseUrl);
}

export async function teardown() {
  await server?.stop();
}
