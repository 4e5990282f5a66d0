// npm run lint:openapi — writes the OpenAPI document the server serves at /api/v1/openapi.json
// (from the generator: no server needed) to a temp file and lints it with Spectral's
// spectral:oas ruleset (.spectral.yaml); any warning fails.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildOpenApiDocument } from "@/lib/domain/openapi";

const root = path.resolve(__dirname, "..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "conn-openapi-"));
const file = path.join(dir, "openapi.json");
fs.writeFileSync(file, JSON.stringify(buildOpenApiDocument(), null, 2) + "\n");
const spectral = path.join(root, "node_modules", ".bin", "spectral");
const result = spawnSync(spectral, ["lint", "--ruleset", path.join(root, ".spectral.yaml"), "--fail-severity=warn", file], { stdio: "inherit" });
fs.rmSync(dir, { recursive: true, force: true });
if (result.error) throw result.error;
process.exit(result.status ?? 1);
