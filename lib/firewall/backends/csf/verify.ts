/**
 * CSF verify (docs/backends.md §16.2): /etc/csf's rule files, each address family on its own,
 * iptables-save for its chains, TESTING. Checked against real csf 15.11 in a namespace
 * (tests/fixtures/csf-live/).
 */
import { baseName } from "../../import/text";
import { chainsLoaded, IPTABLES_COMMANDS, readFileBackend } from "../shared/verify-read";
import type { VerifySpec } from "../types";
import { csfFamilyFiles } from "./verify-family";

const FILES = ["/etc/csf/csf.conf", "/etc/csf/csf.allow", "/etc/csf/csf.deny", "/etc/csf/portcullis.allow", "/etc/csf/portcullis.deny"];

export const csfVerify: VerifySpec = {
  commands: [...IPTABLES_COMMANDS, { id: "ipset-list", command: "ipset list -n" }],
  files: FILES,
  services: ["csf", "lfd"],
  expected: "profile",
  family: csfFamilyFiles,
  read(live) {
    return readFileBackend(live, {
      files: FILES,
      services: ["csf"],
      notRunning: (l) => chainsLoaded(l, "LOCALINPUT", "CSF"),
      testing: (files) => (/^TESTING\s*=\s*"1"/m.test(files.find((f) => baseName(f.path) === "csf.conf")?.text ?? "") ? 'CSF runs with TESTING = "1": the apply was not confirmed (csf flushes itself on a schedule until sh apply.sh --confirm).' : null),
    });
  },
};
