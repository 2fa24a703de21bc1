/**
 * A bulk action's selection and change, as the list's links, the bulk page's form and the JSON
 * route write them. The change itself is lib/fleet/bulk.ts's schema.
 */
import { z } from "zod";
import { BULK_MAX_SERVERS, bulkChangeSchema, BULK_KINDS } from "@/lib/fleet/bulk";
import { idParamSchema } from "./download";
import { serverListParamsSchema, serverListQuerySchema, type ServerListQuery } from "./server-list";

export type Selection = { ids: string[] } | { query: ServerListQuery };

const idsSchema = z.array(idParamSchema).min(1, "Select at least one server.").max(BULK_MAX_SERVERS, `Select at most ${BULK_MAX_SERVERS.toLocaleString("en")} servers.`);

/**
 * `?id=…&id=…` (servers ticked by hand) or `?all=1` with the list's filters (every server they
 * find). `none`: what no parameter means (the exports: every server; the bulk page: nothing).
 */
export function readSelection(params: URLSearchParams): { ok: true; selection: Selection | null } | { ok: false; message: string } {
  if (params.get("all") === "1") {
    const filters = Object.fromEntries([...params].filter(([key]) => key !== "all" && key !== "id" && key !== "format"));
    const parsed = serverListQuerySchema.safeParse(filters);
    return parsed.success ? { ok: true, selection: { query: parsed.data } } : { ok: false, message: parsed.error.issues.map((i) => i.message).join(" ") };
  }
  const ids = params.getAll("id");
  if (ids.length === 0) return { ok: true, selection: null };
  const parsed = idsSchema.safeParse(ids);
  return parsed.success ? { ok: true, selection: { ids: [...new Set(parsed.data)] } } : { ok: false, message: parsed.error.issues[0]?.message ?? "Not a server id." };
}

/** The URL parameters of a selection (links from the bulk page to the exports). */
export function selectionParams(selection: Selection, listParams: URLSearchParams | null): URLSearchParams {
  if ("ids" in selection) return new URLSearchParams(selection.ids.map((id) => ["id", id]));
  const params = new URLSearchParams(listParams ?? undefined);
  params.delete("page");
  params.set("all", "1");
  return params;
}

/** POST /api/servers/bulk: the servers (by id or by the list's filters), the change, and whether only to preview it. */
export const bulkRequestSchema = z
  .object({
    ids: idsSchema.optional(),
    filter: serverListParamsSchema.omit({ page: true, sort: true, dir: true }).optional(),
    change: bulkChangeSchema,
    dryRun: z.boolean().default(false),
  })
  .strict()
  .refine((r) => (r.ids === undefined) !== (r.filter === undefined), { message: "Give either ids or filter.", path: ["ids"] });

/** The bulk page's form: `kind` picks which of the other fields count. */
const checkbox = z.preprocess((v) => v === "on" || v === "true", z.boolean());
const port = z.preprocess((v) => (v === "" || v === undefined || v === null ? undefined : Number(v)), z.number({ error: "Enter a port from 1 to 65535." }).optional());

export const BULK_FORM_FIELDS = ["kind", "addresses", "comment", "portFrom", "portTo", "tcp", "udp", "access", "sources", "label", "backend", "add", "remove", "templateId", "mode"] as const;

export const bulkFormSchema = z
  .object({
    kind: z.enum(BULK_KINDS, { error: "Choose an action." }),
    addresses: z.string().default(""),
    comment: z.string().default(""),
    portFrom: port,
    portTo: port,
    tcp: checkbox,
    udp: checkbox,
    access: z.string().default("anyone"),
    sources: z.string().default(""),
    label: z.string().default(""),
    backend: z.string().default(""),
    add: z.string().default(""),
    remove: z.string().default(""),
    templateId: z.string().default(""),
    mode: z.string().default(""),
  })
  .transform((f, ctx) => {
    const ports = { from: f.portFrom, to: f.portTo ?? f.portFrom };
    const input =
      f.kind === "block" ? { kind: f.kind, addresses: f.addresses, comment: f.comment }
        : f.kind === "unblock" ? { kind: f.kind, addresses: f.addresses }
          : f.kind === "open-port" ? { kind: f.kind, ports, tcp: f.tcp, udp: f.udp, access: f.access, sources: f.sources.split(/[\s,]+/).filter(Boolean), label: f.label }
            : f.kind === "close-port" ? { kind: f.kind, ports, tcp: f.tcp, udp: f.udp }
              : f.kind === "backend" ? { kind: f.kind, backend: f.backend }
                : f.kind === "follow" ? { kind: f.kind, templateId: f.templateId, mode: f.mode }
                  : f.kind === "unfollow" ? { kind: f.kind }
                    : { kind: f.kind, add: f.add, remove: f.remove };
    const parsed = bulkChangeSchema.safeParse(input);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      const [first, second] = issue.path;
      // The form's field names: ports.from → portFrom; everything else keeps its name.
      const field = first === "ports" ? (second === "to" ? "portTo" : "portFrom") : String(first ?? "kind");
      ctx.addIssue({ code: "custom", path: [field], message: issue.message });
    }
    return z.NEVER;
  });
