// GET /api/v1/openapi.json — the API contract, generated from the request schemas. Public.
import { buildOpenApiDocument } from "@/lib/domain/openapi";

export function GET() {
  return Response.json(buildOpenApiDocument());
}
