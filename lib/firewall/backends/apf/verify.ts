/**
 * APF verify (docs/backends.md "Verify"): conf.apf and the trust files (rfxn and Debian paths) with
 * the companion (portcullis/companion.*: the IPv4 blocklist and limits, all of IPv6), iptables-save,
 * ip6tables-save and ipset save, DEVEL_MODE. The companion's files count as running only while its
 * chains are hooked into INPUT, and at boot only while postroute.rules loads it. The files are
 * compared with the revision, and the rules loaded in the kernel with the files (loaded.ts).
 */
import { baseName } from "../../import/text";
import type { ImportFile } from "../../import/types";
import { sectionText, type LiveFile } from "../../verify/live-file";
import { CHAIN_IN } from "../iptables/render";
import { setsOfFamily } from "../shared/sets";
import { chainsLoaded, IPTABLES_COMMANDS, readFileBackend } from "../shared/verify-read";
import type { VerifySpec } from "../types";
import { APF_DIRS, COMPANION_DIR, HOOK_MARK } from "./facts";
import { loadedDrift } from "./loaded";

const DIRS = [APF_DIRS.rhel, APF_DIRS.debian];
const NAMES = ["conf.apf", "allow_hosts.rules", "deny_hosts.rules", ...["v4", "v6", "ipset"].map((x) => `${COMPANION_DIR}/companion.${x}`)];
const FILES = DIRS.flatMap((d) => NAMES.map((n) => `${d}/${n}`));
const POSTROUTE = DIRS.map((d) => `${d}/postroute.rules`);

const isCompanion = (f: ImportFile) => baseName(f.path).startsWith("companion.");
const hooked = (live: LiveFile, tool: string) => new RegExp(`^-A INPUT -j ${CHAIN_IN}$`, "m").test(sectionText(live, `live ${tool}`) ?? "");

/** The companion files of a family whose chain is not hooked (the sets count while either family uses them). */
function unloaded(live: LiveFile): (f: ImportFile) => boolean {
  const v4 = hooked(live, "iptables-save");
  const v6 = hooked(live, "ip6tables-save");
  return (f) => isCompanion(f) && (f.path.endsWith(".v6") ? !v6 : f.path.endsWith(".v4") ? !v4 : !v4 && !v6);
}

/**
 * One family's files: IPv6 is the companion's alone (APF 9.x has none), IPv4 everything else;
 * each with its own family's sets of the companion.
 * Merged, a port APF no longer opens would still count as open through the IPv6 companion.
 */
function familyFiles(files: readonly ImportFile[], family: "IPv4" | "IPv6"): ImportFile[] {
  const v6 = files.filter((f) => f.path.endsWith("/companion.v6") || f.path === "companion.v6");
  const own = (f: ImportFile) => (baseName(f.path) === "companion.ipset" ? { ...f, text: setsOfFamily(f.text, family) } : f);
  if (family === "IPv6") return v6.length === 0 ? [] : [...v6, ...files.filter((f) => baseName(f.path) === "companion.ipset")].map(own);
  return files.filter((f) => !v6.includes(f)).map((f) => (/^(allow|deny)_hosts\.rules$/.test(baseName(f.path)) ? { ...f, text: withoutIpv6(f.text) } : own(f)));
}

/** The trust-file lines for IPv4 only: APF 9.x skips the IPv6 ones, which the companion enforces. */
function withoutIpv6(text: string): string {
  return text.split("\n").filter((l) => !/\[[0-9a-f:.]*:[0-9a-f:./]*\]|^\s*[0-9a-f]*:[0-9a-f:.]*(\/\d+)?\s*(#.*)?$/i.test(l)).join("\n");
}

export const apfVerify: VerifySpec = {
  commands: [...IPTABLES_COMMANDS, { id: "ipset-save", command: "ipset save" }],
  files: [...FILES, ...POSTROUTE, "/etc/default/apf-firewall"],
  services: ["apf", "apf-firewall"],
  expected: "profile",
  family: familyFiles,
  blockedFromProfile: (blocked) => blocked,
  loaded: loadedDrift,
  read(live) {
    const view = readFileBackend(live, {
      files: FILES,
      services: ["apf", "apf-firewall"],
      notRunning: (l) => chainsLoaded(l, "TALLOW", "APF"),
      testing: (files) => (/^DEVEL_MODE="?1"?/m.test(files.find((f) => baseName(f.path) === "conf.apf")?.text ?? "") ? "APF runs with DEVEL_MODE=1: the apply was not confirmed (apf flushes itself every 5 minutes until sh apply.sh --confirm)." : null),
    });
    const off = unloaded(live);
    view.running = view.running.filter((f) => !off(f));
    // APF loads the companion from postroute.rules at every start: without that line, not at boot.
    const loadsAtBoot = POSTROUTE.some((p) => (sectionText(live, `file ${p}`) ?? "").includes(HOOK_MARK));
    if ("files" in view.boot && !loadsAtBoot) view.boot = { files: view.boot.files.filter((f) => !isCompanion(f)) };
    if (/^RUN="no"/m.test(sectionText(live, "file /etc/default/apf-firewall") ?? "")) view.boot = { problem: 'RUN="no" in /etc/default/apf-firewall: APF does not start at boot.' };
    return view;
  },
};
