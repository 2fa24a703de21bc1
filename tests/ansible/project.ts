/** Test support: write the Ansible export of some profiles to a temp folder (removed by the cleanups). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { ANSIBLE_FOLDER, ansibleEntries } from "@/lib/firewall/ansible";
import type { ProfileDocument } from "@/lib/firewall/policy/schema";

export async function writeProject(documents: ProfileDocument[], cleanups: (() => void)[], generatedAt = "2026-11-22T12:00:00Z"): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "pc-ansible-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  for (const e of await ansibleEntries(documents, { generatedAt, productVersion: "test" })) {
    const path = join(dir, e.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, e.content, { mode: e.mode });
  }
  return join(dir, ANSIBLE_FOLDER);
}
