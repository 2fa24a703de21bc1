/**
 * The live file's parser and the semantic comparison, on iptables-save text built from the
 * revision's own rendering: reordered rules and sets, other comments and another spelling of the
 * same rules are not drift; foreign chains are listed, not judged; each real change is named.
 */
import { describe, expect, test } from "vitest";
import { profileDocumentSchema } from "../policy/schema";
import { BASE, document, liveText, sets, v4, type Sections } from "@/tests/support/live-fixture";
import { formatVerdict } from "./format";
import { LIVE_FORMAT_LINE, MAX_LIVE_BYTES, parseLiveFile, type LiveFile } from "./live-file";
import { verifyAgainstRevisions, verifyLive } from "./compare";

function live(changes: Sections = {}): LiveFile {
  const r = parseLiveFile(liveText({ ...BASE, ...changes }));
  if (!r.ok) throw new Error(r.message);
  return r.live;
}
const drift = (l: LiveFile) => verifyLive(document, l).drift.map((d) => `[${d.kind}] ${d.message}`);

describe("parseLiveFile", () => {
  test.each([
    ["another format", "# portcullis-live format 2\n", /line 1: expected "# portcullis-live format 1"/],
    ["an unknown header key", liveText({}, "backend=iptables\nhost=a\ntime=2026-12-02T07:30:00Z\ngenerator=x\nread-only=yes\nextra=1"), /invalid header: .*extra/],
    ["a bad backend", liveText({}, "backend=pf\nhost=a\ntime=2026-12-02T07:30:00Z\ngenerator=x\nread-only=yes"), /invalid header: backend/],
    ["a truncated section", `${liveText({ managers: "" })}=== BEGIN apply ===\npending none\n`, /section "apply" never ends: the file is truncated/],
    ["a section twice", liveText({ managers: "" }) + "=== BEGIN managers ===\n=== END managers status=0 ===\n", /section "managers" appears twice/],
    ["an unknown section", liveText({ "run rm -rf": "" }), /unknown section/],
    ["a NUL byte", `${LIVE_FORMAT_LINE}\n\u0000`, /NUL byte/],
  ])("refuses %s with the line", (_, text, message) => {
    const r = parseLiveFile(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  test("refuses a file over the size cap before reading it", () => {
    const r = parseLiveFile(LIVE_FORMAT_LINE + "x".repeat(MAX_LIVE_BYTES));
    expect(r.ok ? "" : r.message).toMatch(/larger than 32 MB/);
  });

  test("reads the header and each section with its exit code", () => {
    const l = live({ "live ipset-save": ["", 127] });
    expect([l.backend, l.host, l.time]).toEqual(["iptables", "web1.example.com", "2026-12-02T07:30:00Z"]);
    expect(l.sections.get("live ipset-save")?.status).toBe(127);
    expect(l.sections.get("live iptables-save")?.text).toBe(v4.replace(/\n$/, ""));
  });
});

describe("verifyLive", () => {
  test("the revision as applied and saved: in sync", () => {
    const result = verifyLive(document, live());
    expect(result.drift).toEqual([]);
    expect(formatVerdict(result, { number: 4, matches: null })).toMatch(/^In sync with revision 4: web1.example.com \(iptables\)/);
  });

  test("reordered rules and sets, other comments, another spelling: not drift", () => {
    const lines = v4.split("\n");
    const ssh = lines.findIndex((l) => l.includes("--dport 22 "));
    const multi = lines.findIndex((l) => l.includes("--dports 25,80,443,587,993"));
    const respelled = [25, 80, 443, 587, 993].map((p) => `-A PORTCULLIS-IN -p tcp -m tcp --dport ${p} -m comment --comment "edited by hand" -j ACCEPT`);
    const swapped = [...lines.slice(0, ssh), ...respelled, lines[ssh]!.replace('"SSH"', '"admins"'), ...lines.slice(multi + 1)];
    const shuffled = sets.split("\n").reverse().sort((a, b) => Number(b.startsWith("create")) - Number(a.startsWith("create"))).join("\n");
    expect(drift(live({ "live iptables-save": swapped.join("\n"), "live ipset-save": shuffled }))).toEqual([]);
  });

  test("blocked entries compare by address range: merged or split networks are not drift", () => {
    expect(sets).toContain("add portcullis-block4 192.0.2.0/24");
    const split = sets.replace("add portcullis-block4 192.0.2.0/24", "add portcullis-block4 192.0.2.0/25\nadd portcullis-block4 192.0.2.128/25");
    expect(drift(live({ "live ipset-save": split }))).toEqual([]);
    const half = sets.replace("add portcullis-block4 192.0.2.0/24", "add portcullis-block4 192.0.2.0/25");
    expect(drift(live({ "live ipset-save": half }))).toEqual(["[blocked-missing] 1 address the revision blocks is not blocked on the server: 192.0.2.0/24."]);
  });

  test("Docker's and fail2ban's chains are listed as foreign and left out", () => {
    const withForeign = v4.replace(":OUTPUT ACCEPT [0:0]", ":OUTPUT ACCEPT [0:0]\n:DOCKER-USER - [0:0]\n:f2b-sshd - [0:0]")
      .replace("-A INPUT -j PORTCULLIS-IN", "-A INPUT -p tcp -m multiport --dports 22 -j f2b-sshd\n-A INPUT -j PORTCULLIS-IN\n-A f2b-sshd -s 192.0.2.9/32 -j REJECT\n-A f2b-sshd -j RETURN\n-A DOCKER-USER -j RETURN");
    const result = verifyLive(document, live({ "live iptables-save": withForeign }));
    expect(result.drift).toEqual([]);
    expect(result.foreign).toEqual(["chain DOCKER-USER in table filter (Docker)", "chain f2b-sshd in table filter (fail2ban)"]);
  });

  test("each change is named: a big blocklist as a count with samples, in address order", () => {
    const many = Array.from({ length: 25 }, (_, i) => `add portcullis-block4 203.0.113.${i + 1}`).join("\n");
    const [first] = drift(live({ "live ipset-save": `${sets}\n${many}` }));
    expect(first).toBe("[blocked-extra] 25 addresses are blocked on the server but not in the revision: 203.0.113.1, 203.0.113.2, 203.0.113.3, 203.0.113.4, 203.0.113.5, 203.0.113.6, 203.0.113.7, 203.0.113.8, 203.0.113.9, 203.0.113.10, and 15 more.");
    expect(drift(live({ "live iptables-save": v4.replace("--hashlimit-burst 10 ", "--hashlimit-burst 20 ") }))).toEqual([
      "[limits] 1 limit on the server is not in the revision: tcp 25 new 20/300s.",
      "[limits] 1 limit of the revision is not on the server: tcp 25 new 10/300s.",
    ]);
    expect(drift(live({ "live iptables-save": v4.replace("-A INPUT -j PORTCULLIS-IN\n", "") }))).toEqual(["[missing] Missing on the server: the jump from INPUT to PORTCULLIS-IN (IPv4)."]);
  });

  test("boot, other managers and a pending apply are named", () => {
    expect(drift(live({ "enabled netfilter-persistent": ["disabled", 1] }))).toEqual(["[not-persisted] Not persisted at boot: /etc/iptables/rules.v4 exists but netfilter-persistent does not start at boot (systemctl is-enabled: disabled)."]);
    expect(drift(live({ "file /etc/iptables/rules.v4": v4.replace(/^-A PORTCULLIS-IN .*--dports 25,80.*$/m, "") }))[0]).toMatch(/^\[boot-differs\] What loads at boot differs from the revision: tcp 25,80,443,587,993 is not open to anyone \(IPv4\)/);
    expect(drift(live({ managers: "firewalld (running)\nUFW (active)" }))).toEqual(["[other-manager] Another firewall manager is active: firewalld (running).", "[other-manager] Another firewall manager is active: UFW (active)."]);
    expect(drift(live({ apply: "pending 1764660000.42\nloaded yes\ntimer gone" }))).toEqual(["[pending-apply] An apply (1764660000.42) was never confirmed and its rollback timer is gone (a reboot during the confirmation window?): the rules running may not be the confirmed ones."]);
  });

  test("a newer revision: drift, and the older one it matches", () => {
    const next = profileDocumentSchema.parse({ ...document, policy: { ...document.policy, customRules: [{ id: "alt", label: "Alt web", ports: { from: 8080, to: 8080 }, tcp: true, udp: false, direction: "inbound", access: "anyone", sources: [] }] } });
    const verdict = verifyAgainstRevisions([{ revision: 7, document: next }, { revision: 6, document }], live());
    expect(verdict.revision).toBe(7);
    expect(verdict.matches).toBe(6);
    expect(verdict.result.drift[0]?.message).toBe("tcp 8080 is not open to anyone (IPv4) on the server, though the revision opens it.");
  });
});
