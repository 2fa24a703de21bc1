/**
 * The Ansible project for a fleet (docs/backends.md, "Deploying with Ansible"): inventory.yml,
 * host_vars/, ansible.cfg, site.yml, a role per backend plus the shared role, README.md, and each
 * host's bundle folder for its backend under files/<host>/<backend>/. Pure: the same profiles and
 * time give the same files, in the browser, a route handler or the CLI. Async only because the
 * checksum uses Web Crypto (present in Node and browsers alike).
 */
import { bundleEntries, slugify, type BundleEntry } from "../bundle";
import { zipEntries, type RawDeflate } from "../bundle/zip";
import type { ProfileDocument } from "../policy/schema";
import { inventoryHosts, renderHostVars, renderInventory } from "./inventory";
import { renderAnsibleCfg, renderApplyRole, renderBackendRole, renderSite } from "./playbook";
import { renderAnsibleReadme } from "./readme";

export type AnsibleOptions = { generatedAt: string; productVersion: string; deflate?: RawDeflate };

export const ANSIBLE_FOLDER = "portcullis-ansible";

/** SHA-256 (hex) over every file's path, mode and content, in order. */
export async function filesSha256(files: readonly BundleEntry[]): Promise<string> {
  const text = files.map((f) => `${f.path}\0${f.mode.toString(8)}\0${f.content}\0`).join("");
  const digest = await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Every file of the project, under `portcullis-ansible/`. */
export async function ansibleEntries(documents: readonly ProfileDocument[], options: AnsibleOptions): Promise<BundleEntry[]> {
  if (documents.length === 0) throw new Error("Give at least one profile.");
  const hosts = inventoryHosts(documents);
  const backends = [...new Set(hosts.map((h) => h.backend))];
  const entries: BundleEntry[] = [];
  const add = (path: string, content: string, mode = 0o644) => entries.push({ path: `${ANSIBLE_FOLDER}/${path}`, content, mode });
  add("ansible.cfg", renderAnsibleCfg());
  add("inventory.yml", renderInventory(hosts));
  add("site.yml", renderSite(backends));
  add("README.md", renderAnsibleReadme(hosts));
  add("live/.gitkeep", "");
  for (const [path, content] of Object.entries(renderApplyRole())) add(`roles/portcullis_apply/${path}`, content);
  for (const b of backends) for (const [path, content] of Object.entries(renderBackendRole(b))) add(`roles/portcullis_${b}/${path}`, content);
  for (const host of hosts) {
    const prefix = `${slugify(host.document.server.name)}/${host.backend}/`;
    const files = bundleEntries(host.document, { generatedAt: options.generatedAt, productVersion: options.productVersion, backends: [host.backend] })
      .filter((e) => e.path.startsWith(prefix))
      .map((e) => ({ ...e, path: e.path.slice(prefix.length) }));
    for (const f of files) add(`files/${host.name}/${host.backend}/${f.path}`, f.content, f.mode);
    add(`host_vars/${host.name}.yml`, renderHostVars(host, await filesSha256(files)));
  }
  return entries;
}

/** The project as one ZIP (modes kept). */
export async function buildAnsibleZip(documents: readonly ProfileDocument[], options: AnsibleOptions): Promise<{ fileName: string; zip: Uint8Array; entries: BundleEntry[] }> {
  const entries = await ansibleEntries(documents, options);
  return { fileName: `${ANSIBLE_FOLDER}.zip`, entries, zip: zipEntries(entries, new Date(options.generatedAt), options.deflate) };
}
