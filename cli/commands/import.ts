import { z } from "zod";
import { importFirewall, ImportInputError, type Finding } from "@/lib/firewall/import";
import { serializeProfileDocument } from "@/lib/firewall/policy/document";
import { BACKENDS, osSchema, panelSchema, serverSchema } from "@/lib/firewall/policy/schema";
import { assessPolicy } from "@/lib/firewall/warnings";
import { parseCommandArgs, usageError } from "../args";
import { readImportPaths } from "../import-files";
import { EXIT_OK, EXIT_USAGE, type Command } from "../types";

const USAGE = `import --from <${BACKENDS.join("|")}> PATH... [--panel cpanel|froxlor|other] [--os almalinux|rocky|cloudlinux|ubuntu|debian] [--name NAME]`;

const argsSchema = z.object({
  from: z.enum(BACKENDS, { error: `--from must be one of ${BACKENDS.join(", ")}.` }),
  panel: panelSchema.optional(),
  os: osSchema.optional(),
  name: serverSchema.shape.name.default("imported"),
  paths: z.array(z.string().min(1)).min(1, "Give at least one file, folder or .tar.gz to import."),
});

const formatFinding = (f: Finding) => `${f.file}${f.line > 0 ? `:${f.line}` : ""}: ${f.severity}: ${f.message}`;

export const importCommand: Command = {
  name: "import",
  summary: "Read another firewall's configuration into a profile (JSON to stdout, findings to stderr)",
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { from: { type: "string" }, panel: { type: "string" }, os: { type: "string" }, name: { type: "string" } }, USAGE, io);
    const parsed = argsSchema.safeParse({ ...values, paths: positionals });
    if (!parsed.success) usageError(io, parsed.error.issues.map((i) => `${i.path.length > 0 ? `--${String(i.path[0])}: ` : ""}${i.message}`).join("\n"), USAGE);
    const { from, name, paths } = parsed.data;
    // CSF and APF mostly run on cPanel servers; UFW on Ubuntu. Both are only starting points.
    const panel = parsed.data.panel ?? (from === "csf" || from === "apf" ? "cpanel" : "other");
    const os = parsed.data.os ?? (from === "ufw" ? "ubuntu" : "almalinux");
    let read;
    try {
      read = await readImportPaths(paths);
    } catch (error) {
      if (!(error instanceof ImportInputError)) throw error;
      io.err(`Cannot import: ${error.message}`);
      return EXIT_USAGE;
    }
    const result = importFirewall(from, read.files, { panel, os, name });
    if (!result.ok) {
      io.err(`Cannot import: ${result.message}`);
      return EXIT_USAGE;
    }
    io.out(serializeProfileDocument(result.document));
    const lines = [
      ...read.skipped.map((p) => `${p}: info: not a regular text file; skipped.`),
      ...result.findings.map(formatFinding),
    ];
    const warnings = assessPolicy(result.document);
    io.err([
      `Imported from ${from}: ${result.findings.length} finding(s) about what the profile does not carry over.`,
      ...lines,
      ...(warnings.length > 0 ? ["", "Warnings the imported profile raises:", ...warnings.map((w) => `  ${w.severity}: ${w.title} [${w.id}]`)] : []),
    ].join("\n"));
    return EXIT_OK;
  },
};
