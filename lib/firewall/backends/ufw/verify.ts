/** UFW verify (docs/backends.md "Verify"): `ufw status verbose`, its files, iptables-save for the foreign chains. */
import { sectionText } from "../../verify/live-file";
import { IPTABLES_COMMANDS, readFileBackend } from "../shared/verify-read";
import type { VerifySpec } from "../types";

const FILES = ["/etc/default/ufw", "/etc/ufw/ufw.conf", "/etc/ufw/user.rules", "/etc/ufw/user6.rules", "/etc/ufw/before.rules", "/etc/ufw/before6.rules", "/etc/ufw/after.rules", "/etc/ufw/after6.rules"];

export const ufwVerify: VerifySpec = {
  commands: [{ id: "ufw-status", command: "ufw status verbose" }, ...IPTABLES_COMMANDS],
  files: FILES,
  services: ["ufw"],
  expected: "profile",
  read(live) {
    const view = readFileBackend(live, {
      files: FILES,
      services: ["ufw"],
      notRunning: (l) => (/^Status: active/m.test(sectionText(l, "live ufw-status") ?? "") ? null : "UFW's rules (ufw status: not active)"),
    });
    const status = sectionText(live, "live ufw-status");
    // What runs is what `ufw status` lists; the files are what loads at boot.
    if (status !== null && view.missing.length === 0) view.running = [{ path: "ufw-status.txt", text: status }, ...view.running.filter((f) => f.path === "/etc/default/ufw")];
    return view;
  },
};
