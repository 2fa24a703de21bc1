import { z } from "zod";
import { formatVerdict, LiveInputError, parseLiveFile, verifyLive } from "@/lib/firewall/verify";
import { parseCommandArgs, usageError } from "../args";
import { loadProfileFile } from "../load-profile";
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type Command } from "../types";

const USAGE = "verify PROFILE.json LIVE.txt [--json]   (LIVE.txt: the file the bundle's verify.sh wrote on the server)";

const argsSchema = z.object({
  json: z.boolean().default(false),
  paths: z.tuple([z.string().min(1), z.string().min(1)], { error: "Give the profile and the live file verify.sh wrote." }),
});

export const verifyCommand: Command = {
  name: "verify",
  summary: "Compare a server's live state (verify.sh) with a profile: exit 0 in sync, 1 drift, 2 unreadable input",
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { json: { type: "boolean" } }, USAGE, io);
    const parsed = argsSchema.safeParse({ ...values, paths: positionals });
    if (!parsed.success) usageError(io, parsed.error.issues.map((i) => i.message).join("\n"), USAGE);
    const [profilePath, livePath] = parsed.data.paths;
    const document = await loadProfileFile(profilePath, io);
    let text: string;
    try {
      text = await io.readText(livePath);
    } catch (error) {
      io.err(`Cannot read ${livePath}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : String(error)}`);
      return EXIT_USAGE;
    }
    const live = parseLiveFile(text);
    if (!live.ok) {
      io.err(`Cannot verify: ${livePath}: ${live.message}`);
      return EXIT_USAGE;
    }
    let result;
    try {
      result = verifyLive(document, live.live);
    } catch (error) {
      if (!(error instanceof LiveInputError)) throw error;
      io.err(`Cannot verify: ${livePath}: ${error.message}`);
      return EXIT_USAGE;
    }
    io.out(parsed.data.json ? JSON.stringify(result, null, 2) : formatVerdict(result));
    return result.inSync ? EXIT_OK : EXIT_FINDINGS;
  },
};
