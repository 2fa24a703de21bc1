/**
 * The OpenAPI 3.1 description served at /api/openapi.json. Request shapes come from the same zod
 * schemas the routes validate with (z.toJSONSchema, input side), so the description cannot drift
 * from what a route accepts; a test checks every route file is listed here.
 */
import { z } from "zod";
import { COLLECTION_FORMAT, COLLECTION_VERSION, TEMPLATES_COLLECTION_VERSION } from "@/lib/firewall/policy/collection";
import { templateDocumentSchema } from "@/lib/firewall/policy/template-document";
import { BACKENDS, policySchema, profileDocumentSchema } from "@/lib/firewall/policy/schema";
import { bulkRequestSchema } from "@/lib/validations/bulk";
import { fleetVerifyRequestSchema } from "@/lib/validations/fleet-verify";
import { policyPutSchema } from "@/lib/validations/policy-api";
import { serverListParamsSchema } from "@/lib/validations/server-list";
import { serverProfileSchema } from "@/lib/validations/server-profile";
import { applyTemplateSchema, createTemplateSchema } from "@/lib/validations/template";

type Role = "viewer" | "editor";
type Operation = {
  summary: string;
  role: Role | null;
  query?: z.ZodObject;
  body?: { schema: string; contentType?: string };
  ok: { status: number; description: string; contentType?: string; schema?: string };
};

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });

const collectionSchema = z.union([
  z.object({ format: z.literal(COLLECTION_FORMAT), version: z.literal(COLLECTION_VERSION), profiles: z.array(profileDocumentSchema) }),
  z.object({ format: z.literal(COLLECTION_FORMAT), version: z.literal(TEMPLATES_COLLECTION_VERSION), profiles: z.array(profileDocumentSchema), templates: z.array(templateDocumentSchema) }),
]);
const errorSchema = z.object({ error: z.string(), message: z.string(), fieldErrors: z.record(z.string(), z.unknown()).optional() });

const SCHEMAS: Record<string, z.ZodType> = {
  ServerProfileInput: serverProfileSchema,
  Policy: policySchema,
  PolicyPut: policyPutSchema,
  ProfileDocument: profileDocumentSchema,
  ProfileCollection: z.union([collectionSchema, profileDocumentSchema]),
  Error: errorSchema,
  BulkRequest: bulkRequestSchema,
  TemplateInput: createTemplateSchema,
  TemplateApply: applyTemplateSchema,
  LiveFiles: fleetVerifyRequestSchema,
  LiveFile: z.string().max(16 * 1024 * 1024).describe("portcullis-live-<host>-<UTC time>.txt as written by verify.sh"),
};

const ID = { name: "id", in: "path", required: true, schema: { type: "string", pattern: "^[A-Za-z0-9_-]{1,64}$" } };
const VERSION = { name: "version", in: "query", required: false, description: "The revision reviewed; refused with 409 when the profile moved on.", schema: { type: "integer", minimum: 1 } };
const SELECTION = [
  { name: "id", in: "query", required: false, description: "A server id; repeat for several (at most 1,000). None: every server.", schema: { type: "array", items: { type: "string" } }, style: "form", explode: true },
  { name: "all", in: "query", required: false, description: "`1`: every server the list's filters (q, backend, os, panel, tag, critical, verification, applied) find, at most 1,000.", schema: { type: "string", enum: ["1"] } },
];
const BACKEND = { name: "backend", in: "path", required: true, schema: { type: "string", enum: [...BACKENDS] } };

/** Path → method → operation; parameters by path. */
export const API_ROUTES: Record<string, { params?: object[]; ops: Partial<Record<"get" | "post" | "put", Operation>> }> = {
  "/api/health": { ops: { get: { summary: "Liveness and database health (no sign-in).", role: null, ok: { status: 200, description: "Healthy (503 when the database cannot be reached)." } } } },
  "/api/servers": {
    ops: {
      get: { summary: "List servers, 20 per page: search (q, see the README's grammar), filter by column (template: a template id, or none), sort (sort, dir).", role: "viewer", query: serverListParamsSchema, ok: { status: 200, description: "`{ total, page, pageCount, pageSize, items, unindexed }`: each item with its backend, template (`{ id, name }` or null), tags, critical warnings (open of all), verification and the revision last seen applied; unindexed counts servers not yet indexed after an upgrade (left out of address and exposure searches until a later call indexes them)" } },
      post: { summary: "Create a server profile.", role: "editor", body: { schema: "ServerProfileInput" }, ok: { status: 201, description: "The created profile." } },
    },
  },
  "/api/servers/ansible": {
    params: [
      { name: "id", in: "query", required: false, description: "A server id; repeat for several. None: every server.", schema: { type: "array", items: { type: "string" } }, style: "form", explode: true },
      SELECTION[1]!,
      { name: "format", in: "query", required: false, description: "`json` for the project's files as JSON instead of a ZIP.", schema: { type: "string", enum: ["json"] } },
    ],
    ops: { get: { summary: "The Ansible project (inventory, site.yml, roles, each host's files) for the given servers.", role: "viewer", ok: { status: 200, description: "A ZIP file (or `{ files }` with format=json).", contentType: "application/zip" } } },
  },
  "/api/servers/export": {
    params: SELECTION,
    ops: {
      get: {
        summary: "Export profiles as one collection file: the servers selected, or every one. A fleet bigger than one importable file (1000 profiles, 200 templates, 16 MiB) comes as a ZIP (`application/zip`) of collection files `portcullis-profiles-N-of-M.json`, each importable on its own, in any order.",
        role: "viewer", ok: { status: 200, description: "A profile collection, or a ZIP of them.", schema: "ProfileCollection" },
      },
    },
  },
  "/api/servers/bulk": {
    ops: {
      post: {
        summary: "One change (block or unblock addresses, open or close a custom port, switch backend, tags, follow or stop following a template) for several servers, by id or by the list's filters. `dryRun`: the preview per server; otherwise each changed server gets its own revision, audited as one bulk action. 409 when a server was saved meanwhile, 400 when one cannot take the change (nothing is stored).",
        role: "editor", body: { schema: "BulkRequest" },
        ok: { status: 200, description: "With dryRun `{ description, items, missing }` (per server: changed, changes, new critical warnings, error); otherwise `{ bulkId, description, changed, unchanged }`." },
      },
    },
  },
  "/api/servers/{id}": { params: [ID], ops: { get: { summary: "One server profile.", role: "viewer", ok: { status: 200, description: "The profile." } } } },
  "/api/servers/{id}/export": { params: [ID], ops: { get: { summary: "Export one profile (documented format).", role: "viewer", ok: { status: 200, description: "The profile document.", schema: "ProfileDocument" } } } },
  "/api/servers/{id}/policy": {
    params: [ID],
    ops: {
      get: { summary: "The saved port matrix and its version.", role: "viewer", ok: { status: 200, description: "`{ id, version, document }`" } },
      put: { summary: "Save the port matrix; 409 if someone saved since `version`.", role: "editor", body: { schema: "PolicyPut" }, ok: { status: 200, description: "`{ id, version, savedAt }`" } },
    },
  },
  "/api/servers/{id}/revisions": { params: [ID], ops: { get: { summary: "The profile's revisions, newest first.", role: "viewer", ok: { status: 200, description: "`{ revisions }`" } } } },
  "/api/servers/{id}/bundle": { params: [ID, VERSION], ops: { get: { summary: "The bundle (ZIP): every backend's files, apply and verify steps.", role: "viewer", ok: { status: 200, description: "A ZIP file.", contentType: "application/zip" } } } },
  "/api/servers/{id}/rules/{backend}": { params: [ID, BACKEND, VERSION], ops: { get: { summary: "One backend's rule files (one file, or a ZIP of several).", role: "viewer", ok: { status: 200, description: "The rule file or a ZIP.", contentType: "application/octet-stream" } } } },
  "/api/servers/{id}/verify": {
    params: [ID],
    ops: { post: { summary: "Verify a live file (from the bundle's verify.sh) against the server's revisions; stores the verdict.", role: "editor", body: { schema: "LiveFile", contentType: "text/plain" }, ok: { status: 200, description: "The verdict: in sync with revision N, or the drift list and the best-matching older revision." } } },
  },
  "/api/servers/verify": {
    ops: { post: { summary: "Verify many servers at once from their live files: each file is matched to its server by its name (the Ansible inventory host, or verify.sh's portcullis-live-<host>-<time>.txt), else by the host recorded in it, then verified and stored as on a server's own route. Files that fit no server (or several, or the same one as another file) or cannot be read are reported, not verified.", role: "editor", body: { schema: "LiveFiles" }, ok: { status: 200, description: "`{ items }`: per file in order, `{ fileName, server: { id, name } | null, via, outcome: in-sync | drift | not-verified, summary, drift }` (the first 10 differences)." } } },
  },
  "/api/templates": {
    ops: {
      get: { summary: "Every template: panel, OS, revision, how many servers follow it and how many are behind its revision.", role: "viewer", ok: { status: 200, description: "`{ templates }`" } },
      post: { summary: "Create a template from a server's policy (`fromServerId`; with `follow`, that server follows it) or from a panel's starting choices (`panel`, `os`). 409 when the name is taken (in any case).", role: "editor", body: { schema: "TemplateInput" }, ok: { status: 201, description: "`{ id }`" } },
    },
  },
  "/api/templates/{id}": { params: [ID], ops: { get: { summary: "One template: its policy and revision, and its followers with the revision each took.", role: "viewer", ok: { status: 200, description: "The template with `followers`." } } } },
  "/api/templates/{id}/policy": {
    params: [ID],
    ops: { put: { summary: "Save the template's policy as its next revision; 409 if someone saved since `version`. Followers change only when the revision is applied to them.", role: "editor", body: { schema: "PolicyPut" }, ok: { status: 200, description: "`{ id, version, savedAt, changes }`" } } },
  },
  "/api/templates/{id}/review": {
    params: [ID],
    ops: { get: { summary: "What the template's latest revision would change on each follower: its changes, new critical warnings, the overrides it keeps, or why it cannot take it. Nothing is stored.", role: "viewer", ok: { status: 200, description: "`{ templateId, templateName, templateVersion, items }`" } } },
  },
  "/api/templates/{id}/apply": {
    params: [ID],
    ops: { post: { summary: "Apply the template's revision `templateVersion` to the chosen followers at the versions the review showed; each gets its own revision, audited as a template update. A follower with new critical warnings must be listed in `acknowledged`. 409 when the template or a server moved since the review.", role: "editor", body: { schema: "TemplateApply" }, ok: { status: 200, description: "`{ updated, templateVersion }`" } } },
  },
  "/api/import": { ops: { post: { summary: "Import a profile or a collection; all or nothing.", role: "editor", body: { schema: "ProfileCollection" }, ok: { status: 201, description: "`{ imported, templates }`: the profiles created (`id`, `name`) and how many templates were added" } } } },
};

function queryParameters(schema: z.ZodObject): object[] {
  const shape = json(schema) as { properties?: Record<string, object> };
  return Object.entries(shape.properties ?? {}).map(([name, s]) => ({ name, in: "query", required: false, schema: s }));
}

const ROLE_TEXT: Record<Role, string> = { viewer: "any token (read or write) or session", editor: "a read-and-write token, or an editor's session" };

function operation(op: Operation, params: object[]): object {
  const errors = {
    "400": { description: "Invalid request.", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
    "401": { description: "No, an expired, a revoked or an invalid token." },
    "403": { description: "The token's scope (or the user's role) does not allow this." },
  };
  const okContent = op.ok.schema ? { content: { [op.ok.contentType ?? "application/json"]: { schema: { $ref: `#/components/schemas/${op.ok.schema}` } } } } : op.ok.contentType ? { content: { [op.ok.contentType]: {} } } : {};
  return {
    summary: op.summary,
    ...(op.role ? { description: `Needs ${ROLE_TEXT[op.role]}.`, security: [{ bearer: [] }, { session: [] }] } : { security: [] }),
    parameters: [...params, ...(op.query ? queryParameters(op.query) : [])],
    ...(op.body ? { requestBody: { required: true, content: { [op.body.contentType ?? "application/json"]: { schema: { $ref: `#/components/schemas/${op.body.schema}` } } } } } : {}),
    responses: { [String(op.ok.status)]: { description: op.ok.description, ...okContent }, ...(op.role ? errors : {}) },
  };
}

export function openApiDocument(version: string): object {
  const paths: Record<string, object> = {};
  for (const [path, { params = [], ops }] of Object.entries(API_ROUTES)) {
    paths[path] = Object.fromEntries(Object.entries(ops).map(([method, op]) => [method, operation(op, params)]));
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Portcullis API",
      version,
      description: "JSON routes of the Portcullis dashboard. Scripts authenticate with `Authorization: Bearer pct_…` (create a token under Account → API tokens).",
    },
    paths,
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "An API token: read tokens act as a viewer, read-and-write tokens as an editor (never above the owner's role)." },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "The dashboard's sign-in session (browsers)." },
      },
      schemas: Object.fromEntries(Object.entries(SCHEMAS).map(([name, schema]) => [name, json(schema)])),
    },
  };
}
