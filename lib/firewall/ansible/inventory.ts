/**
 * The Ansible inventory of an export: one host per profile, named by its host name (or address,
 * or the profile's slug when it has neither), with `ansible_host` set to an address when the name
 * is a host name, `ansible_port` from the profile's SSH port, and groups by panel, OS and backend.
 * Every value written comes from a schema-checked profile (host names, addresses, enum values), and
 * is still written as a JSON string, which YAML reads as a double-quoted scalar.
 */
import { slugify } from "../bundle";
import { OS_TABLE } from "../policy/os";
import type { Backend, ProfileDocument } from "../policy/schema";

export type AnsibleHost = {
  /** The inventory name (also the folder of its files and the live file's name). */
  name: string;
  document: ProfileDocument;
  backend: Backend;
  /** The address to connect to when the name is a host name; "" when the name is the address. */
  address: string;
  sshPort: number;
};

/** One inventory host per profile; two profiles with the same host name are an error. */
export function inventoryHosts(documents: readonly ProfileDocument[]): AnsibleHost[] {
  const seen = new Map<string, string>();
  return documents.map((document) => {
    const s = document.server;
    const name = s.hostname || s.ipv4 || s.ipv6 || slugify(s.name);
    const previous = seen.get(name);
    if (previous !== undefined) throw new Error(`Profiles "${previous}" and "${s.name}" both name the host ${name}: give each server its own host name or address.`);
    seen.set(name, s.name);
    const address = s.hostname ? s.ipv4 || s.ipv6 : "";
    return { name, document, backend: document.policy.backend, address, sshPort: s.sshPort };
  });
}

/** `froxlor` → `panel_froxlor`; only [a-z0-9_] so Ansible accepts it as a group name. */
const group = (kind: string, value: string) => `${kind}_${value.toLowerCase().replace(/[^a-z0-9]+/g, "_")}`;

export function groupsOf(host: AnsibleHost): string[] {
  return [group("panel", host.document.server.panel), group("os", host.document.server.os), group("backend", host.backend)];
}

const q = (value: string) => JSON.stringify(value);

/** inventory.yml: every host under `all`, and the panel/OS/backend groups as children. */
export function renderInventory(hosts: readonly AnsibleHost[]): string {
  const lines = ["---", "# Portcullis inventory: one host per profile (host variables in host_vars/).", "all:", "  hosts:"];
  for (const h of hosts) lines.push(`    ${q(h.name)}: {}`);
  const groups = new Map<string, string[]>();
  for (const h of hosts) for (const g of groupsOf(h)) groups.set(g, [...(groups.get(g) ?? []), h.name]);
  if (groups.size > 0) lines.push("  children:");
  for (const [g, members] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`    ${g}:`, "      hosts:", ...members.map((m) => `        ${q(m)}: {}`));
  }
  return `${lines.join("\n")}\n`;
}

/** host_vars/<host>.yml: how to reach it and what to apply there. */
export function renderHostVars(host: AnsibleHost, bundleSha256: string, index: readonly string[]): string {
  const lines = [
    "---",
    `# ${host.name}: profile ${q(host.document.server.name)}`,
    ...(host.address ? [`ansible_host: ${q(host.address)}`] : []),
    `ansible_port: ${host.sshPort}`,
    ...(OS_TABLE[host.document.server.os].family === "debian"
      ? ["# Debian and Ubuntu keep Python 3 here: naming it saves the interpreter discovery on every run.", "ansible_python_interpreter: /usr/bin/python3"]
      : []),
    `portcullis_backend: ${host.backend}`,
    `portcullis_profile: ${q(host.document.server.name)}`,
    "# SHA-256 of this host's uploaded files; the server records it after a confirmed apply, and an",
    "# equal record with unchanged files means there is nothing to do (changed=0).",
    `portcullis_bundle_sha256: ${q(bundleSha256)}`,
    "# Each file as \"path SHA-1 mode\": one look at the server's copy tells whether it matches.",
    "portcullis_files_index:",
    ...index.map((line) => `  - ${q(line)}`),
  ];
  return `${lines.join("\n")}\n`;
}
