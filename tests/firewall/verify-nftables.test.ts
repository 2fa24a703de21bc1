/**
 * Verify on real nftables (docs/backends.md "Verify"): apply the bundle in a namespace and confirm,
 * run its verify.sh there, and compare: in sync. Then one change by hand at a time, each named
 * exactly. The boot configuration is a private /etc/nftables.conf and a systemctl that answers.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { profileDocumentSchema } from "@/lib/firewall/policy/schema";
import { verifyAgainstRevisions, verifyLive } from "@/lib/firewall/verify";
import { ApplyHarness, eventually, fakeCommands, unpack, type Cleanups } from "../support/apply-script";
import { requires } from "../support/requires";
import { oneSetLayout } from "../support/nft-one-set";
import { SAMPLE_RULESETS, ruleSetOf } from "../support/samples";
import { driftLines, runVerifyScript } from "../support/verify-live";

const cleanups: Cleanups = [];
afterAll(() => cleanups.forEach((c) => c()));
const sample = SAMPLE_RULESETS.find((s) => s.id === "blocks-and-limits")!.document;
const document = profileDocumentSchema.parse({ ...sample, policy: { ...sample.policy, backend: "nftables" } });

describe("nftables verify.sh in a namespace", () => {
  requires("root", "ip", "nft", "setsid", "pgrep", "mount");
  let h: ApplyHarness;
  let folder: string;
  let prelude: string;
  let conf: string;
  const verify = (extra = "") => driftLines(document, runVerifyScript(h, folder, cleanups, prelude, extra).live);
  const nft = (args: string) => h.ns.must("nft", args.split(" "));
  const nftScript = (lines: string) => h.ns.must("nft", ["-f", "-"], lines);

  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), "pc-boot-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    conf = join(dir, "nftables.conf");
    writeFileSync(conf, "#!/usr/sbin/nft -f\nflush ruleset\n");
    const fake = fakeCommands({ systemctl: 'if [ "$1" = is-enabled ]; then echo "${FAKE_ENABLED:-enabled}"; [ "${FAKE_ENABLED:-enabled}" = enabled ]; else exit 3; fi' }, cleanups);
    prelude = `export PATH='${fake}':$PATH\nmount --bind '${conf}' /etc/nftables.conf || exit 97`;
    h = new ApplyHarness(cleanups, prelude);
    folder = unpack(document, "nftables", cleanups);
    const r = h.apply(folder, "120", "yes\n");
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toContain("Confirmed");
  });

  test("not saved for boot yet: exactly that", () => {
    expect(verify()).toEqual(["[not-persisted] Not persisted at boot: /etc/nftables.conf neither defines nor includes table inet portcullis: it does not load at boot."]);
  });

  test("saved for boot and the service enabled: in sync; the service disabled: named", () => {
    writeFileSync(conf, `#!/usr/sbin/nft -f\nflush ruleset\n${readFileSync(join(folder, "portcullis.nft"), "utf8")}`);
    expect(verify()).toEqual([]);
    expect(verify("export FAKE_ENABLED=disabled")).toEqual(["[not-persisted] Not persisted at boot: the nftables service does not start at boot (systemctl is-enabled nftables: disabled)."]);
  });

  test("a server applied with a bundle from before the split sets (one set per family): in sync", () => {
    const current = readFileSync(join(folder, "portcullis.nft"), "utf8");
    const old = oneSetLayout(current, ruleSetOf(document).blocked);
    expect(old).not.toContain("blocknet");
    expect(old).toContain("ip6 saddr @block_v6 drop");
    nftScript(old);
    writeFileSync(conf, `#!/usr/sbin/nft -f\nflush ruleset\n${old}`);
    expect(nft("list set inet portcullis block_v4")).toContain("flags interval");
    expect(verify()).toEqual([]);
    nftScript(current);
    writeFileSync(conf, `#!/usr/sbin/nft -f\nflush ruleset\n${current}`);
    expect(verify()).toEqual([]);
  });

  test("a deleted rule, an opened port, a blocked address: each named exactly", () => {
    const handle = /ip6 saddr @src_1_v6 tcp dport 22 accept comment "SSH" # handle (\d+)/.exec(nft("-a list chain inet portcullis input"))?.[1];
    expect(handle).toBeDefined();
    nft(`delete rule inet portcullis input handle ${handle}`);
    expect(verify()).toEqual(["[open-missing] tcp 22 is not open to 2001:db8:a::/48 (IPv6) on the server, though the revision opens it."]);
    nft(`insert rule inet portcullis input ip6 saddr @src_1_v6 tcp dport 22 accept`);
    nft("insert rule inet portcullis input tcp dport 8081 accept");
    expect(verify()).toEqual(["[open-extra] tcp 8081 is open to anyone (IPv4 and IPv6) on the server, not in the revision."]);
    const extra = /tcp dport 8081 accept # handle (\d+)/.exec(nft("-a list chain inet portcullis input"))?.[1];
    nft(`delete rule inet portcullis input handle ${extra}`);
    nft("add element inet portcullis block_v4 { 203.0.113.99 }");
    expect(verify()).toEqual(["[blocked-extra] 1 address is blocked on the server but not in the revision: 203.0.113.99."]);
    nft("delete element inet portcullis block_v4 { 203.0.113.99 }");
    nft("add element inet portcullis blocknet_v4 { 233.252.0.0/24 }");
    expect(verify()).toEqual(["[blocked-extra] 1 address is blocked on the server but not in the revision: 233.252.0.0/24."]);
    nft("delete element inet portcullis blocknet_v4 { 233.252.0.0/24 }");
    expect(verify()).toEqual([]);
  });

  test("a revision saved after the apply: the live rules match the one before it", () => {
    const next = profileDocumentSchema.parse({ ...document, policy: { ...document.policy, blocked: [...document.policy.blocked, { address: "203.0.113.77", comment: "" }] } });
    const verdict = verifyAgainstRevisions([{ revision: 1, document }, { revision: 2, document: next }], runVerifyScript(h, folder, cleanups, prelude).live);
    // The boot file holds revision 1 too, so it differs from revision 2 as well.
    expect(verdict.result.drift.map((d) => d.kind)).toEqual(["blocked-missing", "boot-differs"]);
    expect(verdict.matches).toBe(1);
  });

  test("Docker's and fail2ban's tables are foreign; another table that filters is named", () => {
    nftScript("add table ip docker-nat\nadd table inet f2b-table\nadd chain inet f2b-table f2b-chain { type filter hook input priority -1; }\nadd rule inet f2b-table f2b-chain ip saddr 192.0.2.7 drop\n");
    const { live } = runVerifyScript(h, folder, cleanups, prelude);
    expect(driftLines(document, live)).toEqual([]);
    expect(verifyLive(document, live).foreign).toEqual(["table inet f2b-table (fail2ban)", "table ip docker-nat (Docker)"]);
    nftScript("add table ip custom\nadd chain ip custom in { type filter hook input priority 10; }\nadd rule ip custom in tcp dport 9000 accept\n");
    expect(verify()).toEqual(["[extra-table] Not ours and filtering traffic: table ip custom (1 rules on the input hook)."]);
    nftScript("delete table ip custom\ndelete table ip docker-nat\ndelete table inet f2b-table\n");
  });

  test("another manager active, and an apply waiting for confirmation: named", async () => {
    const ufw = fakeCommands({ ufw: 'echo "Status: active"' }, cleanups);
    expect(verify(`export PATH='${ufw}':$PATH`)).toEqual(["[other-manager] Another firewall manager is active: UFW (active)."]);
    const run = h.start(folder, "300");
    expect(await eventually(() => run.out().includes("Applied."))).toBe(true);
    const lines = verify();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[pending-apply\] An apply \(\d+\.\d+\) is waiting for confirmation: its rollback timer is running/);
    run.answer("yes\n");
    expect(await run.exited).toBe(0);
    expect(verify()).toEqual([]);
  });

  test("everything flushed, as a failed boot would leave it: exactly that", () => {
    nft("flush ruleset");
    expect(verify()).toEqual(["[missing] Missing on the server: table inet portcullis (nothing of ours is loaded: flushed, or never applied)."]);
  });
});
