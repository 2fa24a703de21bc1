/**
 * firewalld apply: back up /etc/firewalld, arm a timer that puts the backup back and reloads,
 * drop the XML in, `--check-config`, then `--reload`, then load the companion limits table
 * (docs/backends.md §3.3, §9.3, file-drop workflow). The XML is firewalld's permanent
 * configuration, so the daemon loads it at boot; the companion's boot unit is installed only once
 * the admin confirms. The rollback restores /etc/firewalld (the companion file included), reloads,
 * and puts the previous companion table back (or none).
 */
import type { RuleSet } from "../../policy/resolve";
import type { RenderMeta, RuleFile } from "../types";
import { armRollback, confirmArgument, confirmPrompt, preamble } from "../shared/apply-frame";
import { noteNeighbours, refuseOtherManagers } from "../shared/coexistence";
import { DROP_ZONE_TITLE } from "./render";
import { LIMITS_FILE, LIMITS_PATH, LIMITS_TABLE, LIMITS_UNIT, LIMITS_UNIT_FILE, LIMITS_UNIT_LINK } from "./limits";

/** Put the saved copy back in place (contents, so the folder itself, e.g. a mount point, stays). */
const RESTORE = 'find /etc/firewalld -mindepth 1 -delete && cp -a "$STATE/firewalld.previous/." /etc/firewalld/';
/** Load the companion table the files in /etc/firewalld describe, or remove it when there is none. */
const LOAD_LIMITS = `if [ -f ${LIMITS_FILE} ]; then nft -f ${LIMITS_FILE}; else nft delete table inet ${LIMITS_TABLE} 2>/dev/null || true; fi`;

/**
 * `firewall-cmd --reload` that waits out a slow reload. firewall-cmd stops waiting for the daemon's
 * answer after 25 s (D-Bus: "Did not receive a reply"), while firewalld may still be loading long
 * ipsets: 73 to 77 s for 100,000 blocked entries with firewalld 1.3 here (upstream issues #933,
 * #1227). The reload goes on in the daemon, so on that answer alone the function waits (at most 15
 * minutes) until `firewall-cmd --state` succeeds: the daemon serves D-Bus calls one at a time, so
 * `--state` is answered only after the reload, and while it runs it fails with the same no-reply
 * answer (after up to 50 s); any other answer (not running, failed, no bus) stops the wait. Then
 * `sets` (name and entry count of each ipset the bundle installs) must be in the runtime with that
 * many entries: only then has the reload taken effect (the daemon's `--permanent` view is of no
 * help here: it too is read from the files only by a reload). Any other failure stays a failure.
 * `loading` names what is being loaded: the rollback waits the same way for the previous files.
 */
function reloadFunction(sets: readonly [string, number][], loading: string): string[] {
  return [
    "reload_firewalld() {",
    "  if out=$(firewall-cmd --reload 2>&1); then return 0; fi",
    '  case "$out" in',
    '    *"Did not receive a reply"*) ;;',
    '    *) echo "$out" >&2; return 1 ;;',
    "  esac",
    `  echo "firewalld is still loading ${loading} (firewall-cmd stops waiting after 25 s): waiting for it to finish." >&2`,
    "  until_time=$(( $(date +%s) + 900 ))",
    "  until state=$(firewall-cmd --state 2>&1); do",
    '    case "$state" in',
    '      *"Did not receive a reply"*) ;;',
    '      *) echo "firewalld did not come back from the reload: $state" >&2; return 1 ;;',
    "    esac",
    '    [ "$(date +%s)" -lt "$until_time" ] || { echo "firewalld did not finish reloading within 15 minutes." >&2; return 1; }',
    "    sleep 1",
    "  done",
    ...sets.map(([name, n]) => `  [ "$(( $(firewall-cmd --ipset=${name} --get-entries 2>/dev/null | wc -l) ))" -eq ${n} ] || { echo "The runtime ipset ${name} does not hold its ${n} entries: the reload did not take effect." >&2; return 1; }`),
    '  echo "firewalld finished loading." >&2',
    "}",
  ];
}

/** Files only Portcullis writes (its prefix); the drop zone is ours when it carries our header. */
const STALE = ["/etc/firewalld/services/portcullis*.xml", "/etc/firewalld/ipsets/portcullis-*.xml", "/etc/firewalld/policies/portcullis-*.xml"];
const DROP_MARK = `Portcullis: ${DROP_ZONE_TITLE}`;

/** On confirmation: enable the boot unit when there are limits, remove it when there are none. */
function bootUnit(hasLimits: boolean): string[] {
  const install = [`install -m 0644 "$HERE/portcullis/${LIMITS_UNIT}" ${LIMITS_UNIT_FILE}`, `mkdir -p ${LIMITS_UNIT_LINK.slice(0, LIMITS_UNIT_LINK.lastIndexOf("/"))}`, `ln -sf ${LIMITS_UNIT_FILE} ${LIMITS_UNIT_LINK}`];
  const remove = [`rm -f ${LIMITS_UNIT_LINK} ${LIMITS_UNIT_FILE}`];
  return [
    "# The companion's boot unit (what systemctl enable writes), installed only once confirmed.",
    "install_boot() {",
    ...(hasLimits ? install : remove).map((l) => `  ${l}`),
    "  if [ -d /run/systemd/system ]; then systemctl daemon-reload || true; fi",
    "}",
  ];
}

export function firewalldApply(ruleSet: RuleSet, files: RuleFile[], meta: RenderMeta): string {
  const ours = files.filter((f) => f.installPath.startsWith("/etc/firewalld/"));
  const hasLimits = ours.some((f) => f.path === LIMITS_PATH);
  const copies = ours.map((f) => `install -m 0644 "$HERE/${f.path}" "/etc/firewalld/${f.path}"`);
  const dirs = [...new Set(ours.map((f) => f.path.split("/")[0]))].map((d) => `mkdir -p /etc/firewalld/${d}`);
  const sets = ours.flatMap((f): [string, number][] => {
    const name = /^ipsets\/(portcullis-[a-z0-9-]+)\.xml$/.exec(f.path)?.[1];
    return name ? [[name, f.content.split("<entry>").length - 1]] : [];
  });
  return [
    ...preamble(ruleSet, meta, "firewalld", [
      "usage: sh apply.sh [SECONDS] [--force-with-other-manager]   then confirm, or: sh apply.sh --confirm",
      "Replaces the public and drop zones with the generated ones; everything else in /etc/firewalld stays.",
      `Per-source limits: nft table inet ${LIMITS_TABLE} from ${LIMITS_FILE}, loaded at boot by ${LIMITS_UNIT_FILE}.`,
    ]),
    ...bootUnit(hasLimits),
    ...confirmArgument(["install_boot"]),
    ...refuseOtherManagers("firewalld"),
    'firewall-cmd --state >/dev/null || { echo "firewalld is not running" >&2; exit 1; }',
    '[ "$(firewall-cmd --get-default-zone)" = public ] || { echo "The default zone is not public; these rules are written for public." >&2; exit 1; }',
    ...(hasLimits ? ['command -v nft >/dev/null || { echo "nft (package nftables) is needed for the per-source limits beside firewalld" >&2; exit 1; }'] : []),
    'rm -rf "$STATE/firewalld.previous"',
    'cp -a /etc/firewalld "$STATE/firewalld.previous"',
    ...armRollback([...reloadFunction([], "the previous rules"), RESTORE, "reload_firewalld", LOAD_LIMITS], { services: ["firewalld.service"], restoreFiles: [RESTORE] }),
    ...dirs,
    "# What an earlier Portcullis apply wrote and this bundle does not carry goes (the copies below put back what it does).",
    `rm -f ${LIMITS_FILE} ${STALE.join(" ")}`,
    `if grep -qF '${DROP_MARK}' /etc/firewalld/zones/drop.xml 2>/dev/null; then rm -f /etc/firewalld/zones/drop.xml; fi`,
    ...copies,
    "if ! firewall-cmd --check-config; then",
    '  echo "Configuration check failed: restoring the previous files." >&2',
    `  ${RESTORE}`,
    "  exit 1",
    "fi",
    ...reloadFunction(sets, "the new rules"),
    "reload_firewalld",
    LOAD_LIMITS,
    ...(hasLimits ? [`nft list table inet ${LIMITS_TABLE} >/dev/null || { echo "The per-source limits (table inet ${LIMITS_TABLE}) did not load." >&2; exit 1; }`] : []),
    ...noteNeighbours("firewalld"),
    ...confirmPrompt(),
    "",
  ].join("\n");
}
