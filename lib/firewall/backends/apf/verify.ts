/** APF verify (docs/backends.md "Verify"): conf.apf and the trust files (rfxn and Debian paths), iptables-save, DEVEL_MODE. */
import { baseName } from "../../import/text";
import { sectionText } from "../../verify/live-file";
import { chainsLoaded, IPTABLES_COMMANDS, readFileBackend } from "../shared/verify-read";
import type { VerifySpec } from "../types";

const NAMES = ["conf.apf", "allow_hosts.rules", "deny_hosts.rules"];
const FILES = [...NAMES.map((n) => `/etc/apf/${n}`), ...NAMES.map((n) => `/etc/apf-firewall/${n}`)];

export const apfVerify: VerifySpec = {
  commands: IPTABLES_COMMANDS,
  files: [...FILES, "/etc/default/apf-firewall"],
  services: ["apf", "apf-firewall"],
  expected: "profile",
  read(live) {
    const view = readFileBackend(live, {
      files: FILES,
      services: ["apf", "apf-firewall"],
      notRunning: (l) => chainsLoaded(l, "TALLOW", "APF"),
      testing: (files) => (/^DEVEL_MODE="?1"?/m.test(files.find((f) => baseName(f.path) === "conf.apf")?.text ?? "") ? "APF runs with DEVEL_MODE=1: the apply was not confirmed (apf flushes itself every 5 minutes until sh apply.sh --confirm)." : null),
    });
    if (/^RUN="no"/m.test(sectionText(live, "file /etc/default/apf-firewall") ?? "")) view.boot = { problem: 'RUN="no" in /etc/default/apf-firewall: APF does not start at boot.' };
    return view;
  },
};
