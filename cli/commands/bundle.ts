import { writeFile } from "node:fs/promises";
import { buildBundle } from "@/lib/firewall/bundle";
import { nodeDeflate } from "@/lib/firewall/bundle/node-deflate";
import { PRODUCT_VERSION } from "@/lib/firewall/bundle/version";
import { parseCommandArgs, usageError } from "../args";
import { loadProfileFile } from "../load-profile";
import { EXIT_OK, type Command } from "../types";

const USAGE = "bundle <PROFILE.json|-> [-o FILE.zip]";

/** The same ZIP the web app offers for download; named after the server unless -o is given. */
export const bundleCommand: Command = {
  name: "bundle",
  summary: "Write the download bundle (all backends, apply scripts, report) as a ZIP",
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { output: { type: "string", short: "o" } }, USAGE, io);
    if (positionals.length !== 1) usageError(io, "Give exactly one profile file.", USAGE);
    const doc = await loadProfileFile(positionals[0]!, io);
    const bundle = buildBundle(doc, { generatedAt: new Date().toISOString(), productVersion: PRODUCT_VERSION, deflate: nodeDeflate });
    const target = values.output ?? bundle.fileName;
    try {
      await writeFile(target, bundle.zip);
    } catch (error) {
      usageError(io, `Cannot write ${target}: ${error instanceof Error ? error.message : String(error)}`, USAGE);
    }
    io.out(`Wrote ${target} (${bundle.files.length} files, ${bundle.zip.length} bytes).`);
    return EXIT_OK;
  },
};
