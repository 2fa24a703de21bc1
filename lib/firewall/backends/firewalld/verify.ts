/**
 * firewalld verify (docs/backends.md "Verify"): the permanent configuration (/etc/firewalld) is
 * compared; the runtime listing (`firewall-cmd --list-all-zones`) is recorded for the reader, and
 * a runtime that differs from the permanent one shows as firewalld's own `--check-config` only.
 */
import { sectionText } from "../../verify/live-file";
import { isEnabled } from "../../verify/read";
import { readFileBackend } from "../shared/verify-read";
import type { VerifySpec } from "../types";
import { LIMITS_FILE, LIMITS_TABLE, LIMITS_UNIT } from "./limits";

const FILES = ["/etc/firewalld/firewalld.conf", "/etc/firewalld/zones/*.xml", "/etc/firewalld/services/*.xml", "/etc/firewalld/ipsets/*.xml", "/etc/firewalld/policies/*.xml", LIMITS_FILE];
const LIMITS_SERVICE = LIMITS_UNIT.replace(/\.service$/, "");
const isLimitsFile = (f: { path: string }) => f.path.endsWith("/limits.nft");

export const firewalldVerify: VerifySpec = {
  commands: [
    { id: "firewalld-state", command: "firewall-cmd --state" },
    { id: "firewalld-runtime-zones", command: "firewall-cmd --list-all-zones" },
    { id: "firewalld-runtime-policies", command: "firewall-cmd --list-all-policies" },
    { id: "firewalld-limits", command: `nft list table inet ${LIMITS_TABLE}` },
    { id: "iptables-save", command: "iptables-save" },
  ],
  files: FILES,
  services: ["firewalld", LIMITS_SERVICE],
  expected: "rendered",
  blockedFromProfile: (blocked) => blocked,
  read(live) {
    const view = readFileBackend(live, {
      files: FILES,
      services: ["firewalld"],
      notRunning: (l) => (sectionText(l, "live firewalld-state")?.trim() === "running" ? null : "firewalld's rules (firewall-cmd --state: not running)"),
    });
    // The per-source limits live in the companion table, loaded from its file (docs/backends.md §3.3):
    // they run only while the table is loaded, and boot only with its unit enabled.
    if (live.sections.get("live firewalld-limits")?.status !== 0) view.running = view.running.filter((f) => !isLimitsFile(f));
    if ("files" in view.boot && !isEnabled(live, LIMITS_SERVICE)) view.boot = { files: view.boot.files.filter((f) => !isLimitsFile(f)) };
    return view;
  },
};
