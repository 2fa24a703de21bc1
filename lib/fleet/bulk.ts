/**
 * Bulk actions on a selection of servers: one change (block addresses, open a port, switch
 * backend, tag, ...) applied to each server's own document, so each gets its own revision. Pure:
 * the data layer (lib/data/bulk.ts) reads the servers, calls `applyBulkChange` on each and saves.
 */
import { z } from "zod";
import { parseNetworkList, networkSchema } from "@/lib/firewall/address";
import { accessSchema, backendSchema, labelSchema, type Policy } from "@/lib/firewall/policy/schema";
import { formatPorts, portRangeSchema, type PortRange } from "@/lib/firewall/policy/ports";
import { backendLabel } from "@/lib/firewall/backends/facts";
import { tagListSchema } from "@/lib/validations/tags";
import { isSameValue } from "@/lib/firewall/policy/merge";
import { followTemplate, FOLLOW_MODES } from "@/lib/firewall/policy/template";

/** One bulk action reaches at most this many servers (each is a revision in one transaction). */
export const BULK_MAX_SERVERS = 1000;
/** Addresses one "block"/"unblock" action may carry (a profile holds at most 200,000). */
export const BULK_MAX_ADDRESSES = 10_000;

/** Addresses as pasted (one per line, commas or spaces between) or as a list; canonical, deduplicated. */
const addressListSchema = z
  .union([z.string().max(1_000_000, "The list is too long."), z.array(z.string().max(100)).max(BULK_MAX_ADDRESSES)])
  .transform((input, ctx) => {
    const { values, errors } = parseNetworkList(Array.isArray(input) ? input.join("\n") : input);
    for (const e of errors.slice(0, 10)) ctx.addIssue({ code: "custom", message: `Line ${e.line} (${e.input}): ${e.message}` });
    if (errors.length > 10) ctx.addIssue({ code: "custom", message: `${errors.length - 10} more lines are not addresses.` });
    if (values.length === 0 && errors.length === 0) ctx.addIssue({ code: "custom", message: "Enter at least one address or network." });
    if (values.length > BULK_MAX_ADDRESSES) ctx.addIssue({ code: "custom", message: `At most ${BULK_MAX_ADDRESSES.toLocaleString("en")} addresses per action.` });
    return values;
  });

const blockSchema = z.object({ kind: z.literal("block"), addresses: addressListSchema, comment: labelSchema.max(60).default("") }).strict();
const unblockSchema = z.object({ kind: z.literal("unblock"), addresses: addressListSchema }).strict();
const openPortSchema = z
  .object({
    kind: z.literal("open-port"),
    ports: portRangeSchema,
    tcp: z.boolean(),
    udp: z.boolean(),
    access: accessSchema.default("anyone"),
    sources: z.array(networkSchema).max(1000, "At most 1,000 sources.").default([]),
    label: labelSchema.max(60).default(""),
  })
  .strict()
  .refine((c) => c.tcp || c.udp, { message: "Choose TCP, UDP or both.", path: ["tcp"] })
  .refine((c) => c.access !== "list" || c.sources.length > 0, { message: "List at least one source, or choose another access.", path: ["sources"] });
const closePortSchema = z
  .object({ kind: z.literal("close-port"), ports: portRangeSchema, tcp: z.boolean(), udp: z.boolean() })
  .strict()
  .refine((c) => c.tcp || c.udp, { message: "Choose TCP, UDP or both.", path: ["tcp"] });
const backendChangeSchema = z.object({ kind: z.literal("backend"), backend: backendSchema }).strict();
const tagsChangeSchema = z
  .object({ kind: z.literal("tags"), add: tagListSchema, remove: tagListSchema })
  .strict()
  .refine((c) => c.add.length + c.remove.length > 0, { message: "Name at least one tag to add or remove.", path: ["add"] });

const followSchema = z
  .object({
    kind: z.literal("follow"),
    templateId: z.string().regex(/^[a-z0-9]{1,40}$/, "Choose a template."),
    mode: z.enum(FOLLOW_MODES, { error: "Choose whether to take the template's policy or keep each server's." }),
  })
  .strict();
const unfollowSchema = z.object({ kind: z.literal("unfollow") }).strict();

export const bulkChangeSchema = z.discriminatedUnion("kind", [blockSchema, unblockSchema, openPortSchema, closePortSchema, backendChangeSchema, tagsChangeSchema, followSchema, unfollowSchema]);
export type BulkChange = z.infer<typeof bulkChangeSchema>;
export type BulkChangeInput = z.input<typeof bulkChangeSchema>;
export type BulkKind = BulkChange["kind"];
export const BULK_KINDS = ["block", "unblock", "open-port", "close-port", "backend", "tags", "follow", "unfollow"] as const satisfies readonly BulkKind[];

export const BULK_KIND_LABELS: Record<BulkKind, string> = {
  block: "Block addresses",
  unblock: "Unblock addresses",
  "open-port": "Open a port",
  "close-port": "Close a custom port",
  backend: "Switch backend",
  tags: "Add or remove tags",
  follow: "Follow a template",
  unfollow: "Stop following a template",
};

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
const protocols = (c: { tcp: boolean; udp: boolean }) => [c.tcp ? "TCP" : "", c.udp ? "UDP" : ""].filter(Boolean).join("+");

/** One line naming the action, as the audit trail and the result notice show it (`templateName` for "follow"). */
export function describeBulkChange(change: BulkChange, templateName = "a template"): string {
  switch (change.kind) {
    case "block": return `block ${plural(change.addresses.length, "address", "addresses")}`;
    case "unblock": return `unblock ${plural(change.addresses.length, "address", "addresses")}`;
    case "open-port": return `open ${protocols(change)} ${formatPorts(change.ports)} to ${change.access === "anyone" ? "anyone" : change.access === "admins" ? "admin sources" : plural(change.sources.length, "source")}`;
    case "close-port": return `close custom ${protocols(change)} ${formatPorts(change.ports)}`;
    case "backend": return `switch backend to ${backendLabel(change.backend)}`;
    case "tags": return [change.add.length ? `tag ${change.add.join(", ")}` : "", change.remove.length ? `untag ${change.remove.join(", ")}` : ""].filter(Boolean).join("; ");
    case "follow": return `follow template ${templateName} (${change.mode === "adopt" ? "taking its policy" : "keeping each server's policy as overrides"})`;
    case "unfollow": return "stop following their template";
  }
}

/** Whether the change may touch the profile document (a revision), or only the server's tags or template. */
export const changesDocument = (change: BulkChange): boolean => change.kind !== "tags" && change.kind !== "unfollow";

const samePorts = (a: PortRange, b: PortRange) => a.from === b.from && a.to === b.to;

/** A rule id not yet used: `bulk-tcp-8443`, `bulk-tcp-8443-2`, ... (ids are at most 31 characters). */
function freeRuleId(policy: Policy, base: string): string {
  const taken = new Set(policy.customRules.map((r) => r.id));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

export type BulkOutcome = { policy: Policy; changed: boolean };

/**
 * The policy after the change (a new object; the input is left alone). `changed` is false when the
 * server already is as asked (the addresses already blocked, the port already open the same way):
 * such a server gets no new revision.
 */
export function applyBulkChange(policy: Policy, change: BulkChange, template?: Policy): BulkOutcome {
  switch (change.kind) {
    case "block": {
      const held = new Set(policy.blocked.map((b) => b.address));
      const added = change.addresses.filter((a) => !held.has(a)).map((address) => ({ address, comment: change.comment }));
      return { policy: { ...policy, blocked: [...policy.blocked, ...added] }, changed: added.length > 0 };
    }
    case "unblock": {
      const gone = new Set(change.addresses);
      const blocked = policy.blocked.filter((b) => !gone.has(b.address));
      return { policy: { ...policy, blocked }, changed: blocked.length !== policy.blocked.length };
    }
    case "open-port": {
      const sources = change.access === "list" ? change.sources : [];
      const same = policy.customRules.find(
        (r) => r.direction === "inbound" && samePorts(r.ports, change.ports) && r.tcp === change.tcp && r.udp === change.udp &&
          r.access === change.access && (r.access !== "list" || (r.sources.length === sources.length && r.sources.every((s, i) => s === sources[i]))),
      );
      if (same) return { policy, changed: false };
      const proto = change.tcp && change.udp ? "tcpudp" : change.tcp ? "tcp" : "udp";
      const id = freeRuleId(policy, `bulk-${proto}-${change.ports.from}`);
      const rule = { id, label: change.label, ports: change.ports, tcp: change.tcp, udp: change.udp, direction: "inbound" as const, access: change.access, sources };
      return { policy: { ...policy, customRules: [...policy.customRules, rule] }, changed: true };
    }
    case "close-port": {
      // Only custom inbound rules on exactly these ports: the catalog's services are closed in the matrix, where their warnings show.
      const customRules = policy.customRules.flatMap((r) => {
        if (r.direction !== "inbound" || !samePorts(r.ports, change.ports)) return [r];
        const tcp = r.tcp && !change.tcp;
        const udp = r.udp && !change.udp;
        return tcp || udp ? [{ ...r, tcp, udp }] : [];
      });
      const changed = customRules.length !== policy.customRules.length || customRules.some((r, i) => r !== policy.customRules[i]);
      return { policy: { ...policy, customRules }, changed };
    }
    case "backend":
      return { policy: { ...policy, backend: change.backend }, changed: policy.backend !== change.backend };
    case "follow": {
      if (!template) throw new Error("Following needs the template's policy.");
      const next = followTemplate(policy, template, change.mode);
      return { policy: next, changed: !isSameValue(next, policy) };
    }
    case "tags":
    case "unfollow":
      return { policy, changed: false };
  }
}

/** The tags after a "tags" change; null when they stay the same. */
export function applyTagChange(tags: readonly string[], change: Extract<BulkChange, { kind: "tags" }>): string[] | null {
  const next = new Set(tags);
  for (const t of change.add) next.add(t);
  for (const t of change.remove) next.delete(t);
  const sorted = [...next].sort();
  return sorted.length === tags.length && sorted.every((t, i) => t === [...tags].sort()[i]) ? null : sorted;
}
