// The Playwright suite's server: the real app (production build) on its own
// port with a fresh embedded Postgres seeded with the demo data.
import { startTestServer, testPorts } from "./test-server";

export default async function globalSetup() {
  const server = await startTestServer({ name: "e2e", ...testPorts.e2e });
  return async () => {
    await server.stop();
  };
}
