import { describeIssues } from "@/lib/firewall/policy/document";
import { createDefaultDocument } from "@/lib/firewall/policy/defaults";
import { serializeProfileDocument } from "@/lib/firewall/policy/document";
import { serverSchema } from "@/lib/firewall/policy/schema";
import { parseCommandArgs, usageError } from "../args";
import { EXIT_OK, EXIT_USAGE, type Command } from "../types";

const USAGE =
  "init --panel <cpanel|froxlor|other> --os <almalinux|rocky|cloudlinux|ubuntu|debian> --name NAME [--ssh-port N] [--hostname HOST] [--ipv4 ADDR] [--ipv6 ADDR] [--admin ADDR]...";

/** Schema field → the option that sets it, so errors name what the user typed. */
const OPTION_OF: Record<string, string> = {
  name: "--name", os: "--os", panel: "--panel", sshPort: "--ssh-port", hostname: "--hostname", ipv4: "--ipv4", ipv6: "--ipv6", adminSources: "--admin",
};

export const initCommand: Command = {
  name: "init",
  summary: "Print a new profile with the panel's starting choices, as JSON",
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        panel: { type: "string" }, os: { type: "string" }, name: { type: "string" }, "ssh-port": { type: "string" },
        hostname: { type: "string" }, ipv4: { type: "string" }, ipv6: { type: "string" }, admin: { type: "string", multiple: true },
      },
      USAGE,
      io,
    );
    if (positionals.length > 0) usageError(io, `Unexpected argument "${positionals[0]}".`, USAGE);
    const sshPort = values["ssh-port"];
    const input = {
      name: values.name, os: values.os, panel: values.panel, hostname: values.hostname, ipv4: values.ipv4, ipv6: values.ipv6,
      adminSources: values.admin,
      sshPort: sshPort === undefined ? undefined : /^\d+$/.test(sshPort) ? Number(sshPort) : Number.NaN,
    };
    const parsed = serverSchema.safeParse(input);
    if (!parsed.success) {
      const lines = describeIssues(parsed.error.issues).map((i) => {
        const [field = "", ...rest] = i.path.split(/(?=[.[])/);
        return `  ${OPTION_OF[field] ?? field}${rest.join("")}: ${i.message}`;
      });
      io.err(`Cannot create the profile:\n${lines.join("\n")}\n\nUsage: ${USAGE}`);
      return EXIT_USAGE;
    }
    io.out(serializeProfileDocument(createDefaultDocument(parsed.data)));
    return EXIT_OK;
  },
};
