/**
 * firewalld's companion for what it cannot express: per-source rate limits and connection caps
 * (docs/backends.md §3.3). An nft table of its own, `inet portcullis_limits`, that firewalld never
 * touches (it flushes and deletes only `table inet firewalld`), hooked at `priority filter`, so it
 * runs before firewalld's chains at `filter + 10`. It only drops or refuses what is over a limit;
 * everything else passes on to firewalld, which decides as before. It lives in
 * /etc/firewalld/portcullis/ (ignored by firewalld), so the backup and rollback of /etc/firewalld
 * carry it too; a small unit loads it at boot, before firewalld.
 */
import type { RuleSet } from "../../policy/resolve";
import { limitRules, limitSets } from "../shared/nft-limits";
import { commentBlock, headerLines } from "../shared/rules";
import type { RenderMeta, RuleFile } from "../types";

export const LIMITS_TABLE = "portcullis_limits";
export const LIMITS_PATH = "portcullis/limits.nft";
export const LIMITS_FILE = `/etc/firewalld/${LIMITS_PATH}`;
export const LIMITS_UNIT = "portcullis-firewalld-limits.service";
export const LIMITS_UNIT_FILE = `/etc/systemd/system/${LIMITS_UNIT}`;
/** Where the unit is enabled (what `systemctl enable` writes for WantedBy=multi-user.target). */
export const LIMITS_UNIT_LINK = `/etc/systemd/system/multi-user.target.wants/${LIMITS_UNIT}`;

/** The unit loading the companion at boot; it does nothing once the file is gone. */
export const LIMITS_UNIT_TEXT = [
  "[Unit]",
  `Description=Portcullis per-source limits beside firewalld (table inet ${LIMITS_TABLE})`,
  "DefaultDependencies=no",
  "Before=firewalld.service network-pre.target",
  "Wants=network-pre.target",
  `ConditionPathExists=${LIMITS_FILE}`,
  "",
  "[Service]",
  "Type=oneshot",
  "RemainAfterExit=yes",
  `ExecStart=/usr/sbin/nft -f ${LIMITS_FILE}`,
  "",
  "[Install]",
  "WantedBy=multi-user.target",
  "",
].join("\n");

/** The companion ruleset, or nothing when the profile has no limits. */
export function renderLimits(ruleSet: RuleSet, meta: RenderMeta): RuleFile | undefined {
  if (ruleSet.rateLimits.length === 0) return undefined;
  // firewalld filters IPv6 even when the profile leaves it off, so the limits hold in both families.
  const families = ["v4", "v6"] as const;
  const content = [
    "#!/usr/sbin/nft -f",
    commentBlock(headerLines(ruleSet, meta, "nftables companion to firewalld: per-source limits", [])),
    `# Replaces only table inet ${LIMITS_TABLE}; firewalld keeps its own table inet firewalld.`,
    "# Hooked before firewalld (filter + 10): over-limit packets are dropped here, the rest go on to firewalld.",
    "",
    `table inet ${LIMITS_TABLE}`,
    `delete table inet ${LIMITS_TABLE}`,
    `table inet ${LIMITS_TABLE} {`,
    ...limitSets(ruleSet, [...families]),
    "",
    "  chain input {",
    "    type filter hook input priority filter; policy accept;",
    '    iif "lo" accept',
    ...limitRules(ruleSet, [...families]),
    "  }",
    "}",
    "",
  ].join("\n");
  return { path: LIMITS_PATH, installPath: LIMITS_FILE, content, mode: 0o644, description: `Per-source rate limits and connection caps (nft table inet ${LIMITS_TABLE}), loaded beside firewalld` };
}
