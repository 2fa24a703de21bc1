/**
 * firewalld verify (docs/backends.md "Verify"): the permanent configuration (/etc/firewalld) is
 * compared; the runtime listing (`firewall-cmd --list-all-zones`) is recorded for the reader, and
 * a runtime that differs from the permanent one shows as firewalld's own `--check-config` only.
 */
import { sectionText } from "../../verify/live-file";
import { readFileBackend } from "../shared/verify-read";
import type { VerifySpec } from "../types";

const FILES = ["/etc/firewalld/firewalld.conf", "/etc/firewalld/zones/*.xml", "/etc/firewalld/services/*.xml", "/etc/firewalld/ipsets/*.xml", "/etc/firewalld/policies/*.xml"];

export const firewalldVerify: VerifySpec = {
  commands: [
    { id: "firewalld-state", command: "firewall-cmd --state" },
    { id: "firewalld-runtime-zones", command: "firewall-cmd --list-all-zones" },
    { id: "firewalld-runtime-policies", command: "firewall-cmd --list-all-policies" },
    { id: "iptables-save", command: "iptables-save" },
  ],
  files: FILES,
  services: ["firewalld"],
  expected: "rendered",
  read(live) {
    return readFileBackend(live, {
      files: FILES,
      services: ["firewalld"],
      notRunning: (l) => (sectionText(l, "live firewalld-state")?.trim() === "running" ? null : "firewalld's rules (firewall-cmd --state: not running)"),
    });
  },
};
