import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { bundleEntries } from "@/lib/firewall/bundle";
import { PRODUCT_VERSION } from "@/lib/firewall/bundle/version";
import { getCatalog } from "@/lib/firewall/catalog";
import { resolvePolicy } from "@/lib/firewall/policy/resolve";
import { BACKENDS, type Backend } from "@/lib/firewall/policy/schema";
import { BACKEND_MODULES } from "@/lib/firewall/backends";
import { assessPolicy } from "@/lib/firewall/warnings";
import { parseCommandArgs, usageError } from "../args";
import { loadProfileFile } from "../load-profile";
import { EXIT_OK, type Command } from "../types";

const USAGE = `render <PROFILE.json|-> [--backend ${BACKENDS.join("|")}] [--out DIR]`;

/**
 * Without --out the rule files go to standard output (one file as is, several with a `==> path <==`
 * line before each); with --out DIR the backend's whole folder (rules, apply.sh, README.md) is written.
 */
export const renderCommand: Command = {
  name: "render",
  summary: "Print or write the rule files of one firewall backend",
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { backend: { type: "string", short: "b" }, out: { type: "string" } }, USAGE, io);
    if (positionals.length !== 1) usageError(io, "Give exactly one profile file.", USAGE);
    if (values.backend !== undefined && !(BACKENDS as readonly string[]).includes(values.backend)) {
      usageError(io, `Unknown backend "${values.backend}". Choose one of: ${BACKENDS.join(", ")}.`, USAGE);
    }
    const doc = await loadProfileFile(positionals[0]!, io);
    const backend = (values.backend ?? doc.policy.backend) as Backend;
    const generatedAt = new Date().toISOString();
    if (values.out === undefined) {
      const warnings = assessPolicy(doc);
      const files = BACKEND_MODULES[backend].render(resolvePolicy(doc, getCatalog(doc.server.panel)), { generatedAt, productVersion: PRODUCT_VERSION, warnings });
      io.out(files.length === 1 ? files[0]!.content : files.map((f) => `==> ${f.path} (${f.installPath}) <==\n${f.content}`).join("\n"));
      return EXIT_OK;
    }
    const entries = bundleEntries(doc, { generatedAt, productVersion: PRODUCT_VERSION, backends: [backend] });
    const prefix = entries[0]?.path.split("/").slice(0, 2).join("/") ?? "";
    for (const e of entries.filter((x) => x.path.startsWith(`${prefix}/`))) {
      const target = join(values.out, e.path.slice(prefix.length + 1));
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, e.content, { mode: e.mode });
      io.out(target);
    }
    return EXIT_OK;
  },
};
