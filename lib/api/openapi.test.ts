import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, test } from "vitest";
import { API_ROUTES, openApiDocument } from "./openapi";

/** Every app/api route file with the methods it exports, as OpenAPI paths (`[id]` → `{id}`). */
function routeFiles(dir = "app/api"): { path: string; methods: string[] }[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    if (name !== "route.ts") return [];
    const path = `/${relative("app", dir)}`.replace(/\[([^\]]+)\]/g, "{$1}");
    const methods = [...readFileSync(full, "utf8").matchAll(/export (?:async )?function (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!.toLowerCase());
    return [{ path, methods }];
  });
}

describe("OpenAPI description", () => {
  test("lists every JSON route and method the app serves (next-auth's own and the description itself aside)", () => {
    const served = routeFiles().filter((r) => !r.path.startsWith("/api/auth") && r.path !== "/api/openapi.json");
    expect(served.length).toBeGreaterThan(5);
    for (const { path, methods } of served) {
      expect(Object.keys(API_ROUTES[path]?.ops ?? {}).sort(), path).toEqual(methods.sort());
    }
    expect(Object.keys(API_ROUTES).sort()).toEqual(served.map((r) => r.path).sort());
  });

  test("request bodies are the routes' zod schemas as JSON Schema, and every reference resolves", () => {
    const doc = openApiDocument("test") as { openapi: string; components: { schemas: Record<string, { properties?: Record<string, unknown> }> } };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.components.schemas.ServerProfileInput?.properties ?? {})).toEqual(expect.arrayContaining(["name", "os", "panel", "sshPort", "adminSources"]));
    expect(Object.keys(doc.components.schemas.PolicyPut?.properties ?? {})).toEqual(["version", "policy"]);
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([A-Za-z]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(3);
    for (const r of refs) expect(doc.components.schemas[r], r).toBeDefined();
  });
});
