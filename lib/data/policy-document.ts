/**
 * The profile document as the dashboard sees it: the server facts always come from the server
 * record (edited on its own page), the policy from the saved matrix, fitted to the record's panel.
 * Pure, so it is tested without a database.
 */
import { defaultChoice, getCatalog, parseProfileDocument, PROFILE_FORMAT, PROFILE_VERSION } from "@/lib/firewall";
import { createDefaultDocument } from "@/lib/firewall/policy/defaults";
import { profileDocumentSchema, serverSchema, type Policy, type ProfileDocument, type Server, type ServiceChoice } from "@/lib/firewall/policy/schema";

/** The columns of a ServerProfile row that make up the document's `server`. */
export type ServerColumns = {
  name: string;
  hostname: string;
  ipv4: string;
  ipv6: string;
  os: string;
  panel: string;
  sshPort: number;
  adminSources: string;
  notes: string;
};

export type DocumentReading =
  | { ok: true; document: ProfileDocument; isDefault: boolean; notice?: string }
  | { ok: false; message: string };

function serverOf(columns: ServerColumns): { ok: true; server: Server } | { ok: false; message: string } {
  const { name, hostname, ipv4, ipv6, os, panel, sshPort, notes } = columns;
  const adminSources = JSON.parse(columns.adminSources) as unknown;
  const result = serverSchema.safeParse({ name, hostname, ipv4, ipv6, os, panel, sshPort, adminSources, notes });
  if (result.success) return { ok: true, server: result.data };
  const issue = result.error.issues[0];
  return { ok: false, message: `The server's ${String(issue?.path[0] ?? "details")} cannot be used in rule files: ${issue?.message ?? "not valid"} Edit the server to fix it.` };
}

/**
 * One choice per catalog row: saved choices are kept, rows the saved policy does not mention are
 * off (the profile format's rule), and ids of another panel's catalog (the panel was changed) are
 * dropped, since no matrix row could show or switch them.
 */
export function fitPolicyToCatalog(policy: Policy, server: Server): Policy {
  const services: Record<string, ServiceChoice> = {};
  for (const service of getCatalog(server.panel).services) {
    const choice: ServiceChoice = policy.services[service.id] ?? { ...defaultChoice(service), enabled: false };
    services[service.id] = service.configurableRange && !choice.ports ? { ...choice, ports: { ...service.port } } : choice;
  }
  return { ...policy, services };
}

/** The document for a record and its saved matrix text (null until the matrix is first saved). */
export function readProfileDocument(columns: ServerColumns, saved: string | null): DocumentReading {
  const server = serverOf(columns);
  if (!server.ok) return server;
  if (saved === null) return { ok: true, document: createDefaultDocument(server.server), isDefault: true };
  const parsed = parseProfileDocument(saved);
  if (!parsed.ok) {
    return {
      ok: true,
      document: createDefaultDocument(server.server),
      isDefault: true,
      notice: `The saved matrix could not be read (${parsed.issues[0]?.path}: ${parsed.issues[0]?.message}); showing the starting choices instead. Saving replaces it.`,
    };
  }
  const document = profileDocumentSchema.parse({
    format: PROFILE_FORMAT,
    version: PROFILE_VERSION,
    server: server.server,
    policy: fitPolicyToCatalog(parsed.value.policy, server.server),
  });
  const notice = parsed.value.server.panel !== server.server.panel
    ? "The control panel changed since the matrix was saved: services the new panel does not have were dropped; check the matrix and save."
    : undefined;
  return { ok: true, document, isDefault: false, ...(notice ? { notice } : {}) };
}

/** A new policy as it will be stored: validated against the record's current server facts. */
export function buildDocument(columns: ServerColumns, policy: Policy): { ok: true; document: ProfileDocument } | { ok: false; message: string } {
  const server = serverOf(columns);
  if (!server.ok) return server;
  return { ok: true, document: profileDocumentSchema.parse({ format: PROFILE_FORMAT, version: PROFILE_VERSION, server: server.server, policy }) };
}
