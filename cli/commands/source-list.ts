import { webprosSourceList } from "@/lib/firewall/source-lists/references";
import { awsSourceList, readAwsIpRanges } from "@/lib/firewall/source-lists/aws-ip-ranges";
import { idSchema } from "@/lib/firewall/policy/schema";
import { parseCommandArgs, usageError } from "../args";
import { EXIT_OK, EXIT_USAGE, type Command } from "../types";

const USAGE = "source-list webpros | source-list aws <ip-ranges.json|-> --service NAME [--service NAME]... [--region NAME]... [--id ID]";

/**
 * Prints one entry for a profile's `policy.sourceLists` (docs/profile-format.md): the WebPros SEO
 * scanner preset, or AWS ranges filtered from an ip-ranges.json, for people who edit profiles
 * by hand. The same functions build them in the matrix.
 */
export const sourceListCommand: Command = {
  name: "source-list",
  summary: "Print a named source list (WebPros SEO scanner, or AWS ranges from ip-ranges.json) for policy.sourceLists",
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      service: { type: "string", multiple: true }, region: { type: "string", multiple: true }, id: { type: "string" },
    }, USAGE, io);
    const [kind, file, ...extra] = positionals;
    if (kind === "webpros" && file === undefined) {
      io.out(JSON.stringify(webprosSourceList(), null, 2));
      return EXIT_OK;
    }
    if (kind !== "aws" || file === undefined || extra.length > 0) usageError(io, "Give webpros, or aws and one file.", USAGE);
    const id = values.id ?? "aws-1";
    if (!idSchema.safeParse(id).success) usageError(io, `"${id}" is not a valid id ([a-z][a-z0-9-]{0,30}).`, USAGE);
    const read = readAwsIpRanges(await io.readText(file));
    if (!read.ok) {
      io.err(read.message);
      return EXIT_USAGE;
    }
    const list = awsSourceList(read.value, { services: values.service ?? [], regions: values.region ?? [] }, id);
    if (!list.ok) {
      io.err(`${list.message}\nServices in the file: ${read.value.services.join(", ")}`);
      return EXIT_USAGE;
    }
    io.out(JSON.stringify(list.value, null, 2));
    return EXIT_OK;
  },
};
