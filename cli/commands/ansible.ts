import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { ANSIBLE_FOLDER, ansibleEntries } from "@/lib/firewall/ansible";
import { PRODUCT_VERSION } from "@/lib/firewall/bundle/version";
import { parseCommandArgs, usageError } from "../args";
import { loadProfileFile } from "../load-profile";
import { EXIT_OK, type Command } from "../types";

const USAGE = "ansible <PROFILE.json>... --out DIR";

/** The Ansible project for a fleet (inventory, site.yml, roles, each host's files) written to DIR. */
export const ansibleCommand: Command = {
  name: "ansible",
  summary: "Write an Ansible project that applies each profile on its server safely",
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { out: { type: "string", short: "o" } }, USAGE, io);
    if (positionals.length === 0) usageError(io, "Give at least one profile file.", USAGE);
    if (values.out === undefined) usageError(io, "Give the folder to write with --out DIR.", USAGE);
    const docs = [];
    for (const p of positionals) docs.push(await loadProfileFile(p, io));
    let entries;
    try {
      entries = await ansibleEntries(docs, { generatedAt: new Date().toISOString(), productVersion: PRODUCT_VERSION });
    } catch (error) {
      usageError(io, error instanceof Error ? error.message : String(error), USAGE);
    }
    try {
      for (const e of entries) {
        const path = join(values.out, relative(ANSIBLE_FOLDER, e.path));
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, e.content, { mode: e.mode });
      }
    } catch (error) {
      usageError(io, `Cannot write ${values.out}: ${error instanceof Error ? error.message : String(error)}`, USAGE);
    }
    io.out(`Wrote ${values.out} (${docs.length} host${docs.length === 1 ? "" : "s"}, ${entries.length} files). Next: cd ${values.out} && ansible-playbook site.yml --check --diff`);
    return EXIT_OK;
  },
};
