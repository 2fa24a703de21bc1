/**
 * The Ansible project for a fleet (docs/backends.md, "Deploying with Ansible"): inventory.yml,
 * host_vars/, ansible.cfg, site.yml, the role, README.md, and each host's bundle folder for its
 * backend under files/<host>/<backend>/ plus the same files as one archive (<backend>.tar). Pure: the same profiles and
 * time give the same files, in the browser, a route handler or the CLI. Async only because the
 * checksum uses Web Crypto (present in Node and browsers alike).
 */
import { bundleEntries, slugify, type BundleEntry } from "../bundle";
import { zipEntries, type RawDeflate } from "../bundle/zip";
import type { ProfileDocument } from "../policy/schema";
import { inventoryHosts, renderHostVars, renderInventory } from "./inventory";
import { renderAnsibleCfg, renderApplyRole, renderSite } from "./playbook";
import { renderAnsibleReadme } from "./readme";
import { tarArchive } from "./tar";

export type AnsibleOptions = { generatedAt: string; productVersion: string; deflate?: RawDeflate };

export const ANSIBLE_FOLDER = "portcullis-ansible";

/** SHA-256 (hex) over every file's path, mode and content, in order. */
export async function filesSha256(files: readonly BundleEntry[]): Promise<string> {
  const text = files.map((f) => `${f.path}\0${f.mode.toString(8)}\0${f.content}\0`).join("");
  const digest = await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Each file as "path SHA-1 mode" (mode in four octal digits): what `ansible.builtin.find` reports
 * for the server's copy, so one call tells whether that copy matches.
 */
export async function filesIndex(files: readonly BundleEntry[]): Promise<string[]> {
  return Promise.all(
    files.map(async (f) => {
      const digest = await globalThis.crypto.subtle.digest("SHA-1", new TextEncoder().encode(f.content));
      const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
      return `${f.path} ${hex} ${(f.mode & 0o7777).toString(8).padStart(4, "0")}`;
    }),
  );
}

/** Every file of the project, under `portcullis-ansible/`. */
export async function ansibleEntries(documents: readonly ProfileDocument[], options: AnsibleOptions): Promise<BundleEntry[]> {
  if (documents.length === 0) throw new Error("Give at least one profile.");
  const hosts = inventoryHosts(documents);
  const entries: BundleEntry[] = [];
  const add = (path: string, content: string, mode = 0o644) => entries.push({ path: `${ANSIBLE_FOLDER}/${path}`, content, mode });
  add("ansible.cfg", renderAnsibleCfg());
  add("inventory.yml", renderInventory(hosts));
  add("site.yml", renderSite());
  add("README.md", renderAnsibleReadme(hosts));
  add("live/.gitkeep", "");
  for (const [path, content] of Object.entries(renderApplyRole())) add(`roles/portcullis_apply/${path}`, content);
  for (const host of hosts) {
    const prefix = `${slugify(host.document.server.name)}/${host.backend}/`;
    const files = bundleEntries(host.document, { generatedAt: options.generatedAt, productVersion: options.productVersion, backends: [host.backend] })
      .filter((e) => e.path.startsWith(prefix))
      .map((e) => ({ ...e, path: e.path.slice(prefix.length) }));
    for (const f of files) add(`files/${host.name}/${host.backend}/${f.path}`, f.content, f.mode);
    add(`files/${host.name}/${host.backend}.tar`, tarArchive(files, new Date(options.generatedAt)));
    add(`host_vars/${host.name}.yml`, renderHostVars(host, await filesSha256(files), await filesIndex(files)));
  }
  return entries;
}

/** The project as one ZIP (modes kept). */
export async function buildAnsibleZip(documents: readonly ProfileDocument[], options: AnsibleOptions): Promise<{ fileName: string; zip: Uint8Array; entries: BundleEntry[] }> {
  const entries = await ansibleEntries(documents, options);
  return { fileName: `${ANSIBLE_FOLDER}.zip`, entries, zip: zipEntries(entries, new Date(options.generatedAt), options.deflate) };
}
