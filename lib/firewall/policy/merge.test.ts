import { describe, expect, test } from "vitest";
import { BACKEND_FACTS } from "../backends/facts";
import { makeProfile, setService, type Mutate } from "@/tests/support/profile";
import { conflictKey, isFullyChosen, mergePolicies, mergeSet } from "./merge";
import { conflictSentence, describeConflict } from "./merge-labels";
import { policySchema, type Policy } from "./schema";

const BASE = makeProfile({}, (d) => {
  d.policy.customRules.push({ id: "rule-1", label: "Node exporter", ports: { from: 9100, to: 9100 }, tcp: true, udp: false, direction: "inbound", access: "list", sources: ["198.51.100.1"] });
  d.policy.rateLimits.push({ id: "limit-1", label: "SSH", ports: { from: 22, to: 22 }, protocol: "tcp", newConnections: { count: 30, seconds: 60 } });
  d.policy.blocked.push({ address: "192.0.2.1", comment: "" }, { address: "192.0.2.2", comment: "scanner" });
  setService(d, "mysql", { enabled: true, inbound: true, access: "list", sources: ["198.51.100.7", "198.51.100.8"] });
});
const SERVER = BASE.server;

/** The base policy changed by `mutate` (on a copy, validated like every saved profile). */
function edit(mutate: Mutate): Policy {
  return makeProfile({}, (d) => {
    d.policy = structuredClone(BASE.policy);
    mutate(d);
  }).policy;
}

const merge = (mine: Mutate, theirs: Mutate, choices = {}) => mergePolicies(BASE.policy, edit(mine), edit(theirs), choices);
const expectValid = (policy: Policy) => expect(policySchema.safeParse(policy).success).toBe(true);

describe("changes that do not touch the same field combine", () => {
  test.each<[string, Mutate, Mutate, (p: Policy) => void]>([
    ["two services", (d) => setService(d, "mysql", { inbound: false }), (d) => setService(d, "ftp", { enabled: true, inbound: true }),
      (p) => { expect(p.services.mysql?.inbound).toBe(false); expect(p.services.ftp).toMatchObject({ enabled: true, inbound: true }); }],
    ["two flags of one service", (d) => setService(d, "mysql", { udp: true }), (d) => setService(d, "mysql", { access: "anyone" }),
      (p) => expect(p.services.mysql).toMatchObject({ udp: true, access: "anyone", inbound: true })],
    ["a setting and a service", (d) => { d.policy.ipv6 = !d.policy.ipv6; }, (d) => { d.policy.backend = "nftables"; },
      (p) => { expect(p.ipv6).toBe(!BASE.policy.ipv6); expect(p.backend).toBe("nftables"); }],
    ["a custom rule's label and ports", (d) => { d.policy.customRules[0]!.label = "Exporter"; }, (d) => { d.policy.customRules[0]!.ports = { from: 9101, to: 9101 }; },
      (p) => expect(p.customRules[0]).toMatchObject({ label: "Exporter", ports: { from: 9101, to: 9101 } })],
    ["a rate limit removed and a setting changed", (d) => { d.policy.rateLimits = []; }, (d) => { d.policy.outbound = "restricted"; },
      (p) => { expect(p.rateLimits).toEqual([]); expect(p.outbound).toBe("restricted"); }],
    ["the same change on both sides", (d) => setService(d, "mysql", { inbound: false }), (d) => setService(d, "mysql", { inbound: false }),
      (p) => expect(p.services.mysql?.inbound).toBe(false)],
  ])("%s", (_, mine, theirs, check) => {
    const result = merge(mine, theirs);
    expect(result.conflicts).toEqual([]);
    check(result.policy);
    expectValid(result.policy);
  });

  test("nothing changed on one side gives the other side exactly", () => {
    const theirs = edit((d) => setService(d, "ftp", { enabled: true }));
    expect(mergePolicies(BASE.policy, BASE.policy, theirs).policy).toEqual(theirs);
    expect(mergePolicies(BASE.policy, theirs, BASE.policy).policy).toEqual(theirs);
  });
});

describe("lists merge as sets by key", () => {
  test("blocked addresses: additions on both sides stay, removals on either side go", () => {
    const result = merge(
      (d) => { d.policy.blocked.push({ address: "203.0.113.5", comment: "" }); d.policy.blocked.shift(); },
      (d) => { d.policy.blocked.push({ address: "203.0.113.9", comment: "bots" }); },
    );
    expect(result.conflicts).toEqual([]);
    expect(result.policy.blocked.map((b) => b.address)).toEqual(["192.0.2.2", "203.0.113.9", "203.0.113.5"]);
  });

  test("sources: each side's additions and removals apply", () => {
    const result = merge(
      (d) => setService(d, "mysql", { sources: ["198.51.100.7", "198.51.100.8", "203.0.113.1"] }),
      (d) => setService(d, "mysql", { sources: ["198.51.100.8", "203.0.113.2"] }),
    );
    expect(result.conflicts).toEqual([]);
    expect(result.policy.services.mysql?.sources).toEqual(["198.51.100.8", "203.0.113.2", "203.0.113.1"]);
  });

  test("mergeSet keeps what both kept and everything added", () => {
    expect(mergeSet(["a", "b", "c"], ["a", "c", "d"], ["b", "c", "e"])).toEqual(["c", "e", "d"]);
  });

  test("custom rules both added under the same id are both kept; yours gets a new id", () => {
    const rule = (label: string, port: number) => ({ id: "rule-2", label, ports: { from: port, to: port }, tcp: true, udp: false, direction: "inbound" as const, access: "anyone" as const, sources: [] });
    const result = merge((d) => { d.policy.customRules.push(rule("Mine", 8001)); }, (d) => { d.policy.customRules.push(rule("Theirs", 8002)); });
    expect(result.conflicts).toEqual([]);
    expect(result.renamed).toEqual([{ list: "customRules", from: "rule-2", to: "rule-3" }]);
    expect(result.policy.customRules.map((r) => [r.id, r.label])).toEqual([["rule-1", "Node exporter"], ["rule-2", "Theirs"], ["rule-3", "Mine"]]);
    expectValid(result.policy);
  });

  test("an entry removed on one side and left alone on the other is removed", () => {
    const result = merge((d) => { d.policy.customRules = []; }, (d) => { d.policy.blocked.pop(); });
    expect(result.conflicts).toEqual([]);
    expect(result.policy.customRules).toEqual([]);
    expect(result.policy.blocked.map((b) => b.address)).toEqual(["192.0.2.1"]);
  });
});

describe("real conflicts are listed with paths and resolved by choice", () => {
  const limit = (d: { policy: Policy }) => d.policy.rateLimits.find((r) => r.id === "limit-1")!;
  const mine: Mutate = (d) => {
    setService(d, "mysql", { inbound: false, access: "admins" });
    d.policy.backend = "ufw";
    d.policy.blocked[1]!.comment = "mine";
    limit(d).newConnections = { count: 10, seconds: 60 };
  };
  const theirs: Mutate = (d) => {
    setService(d, "mysql", { udp: true, access: "anyone" });
    d.policy.backend = "csf";
    d.policy.blocked[1]!.comment = "theirs";
    limit(d).newConnections = { count: 20, seconds: 60 };
  };
  const PATHS = [["services", "mysql", "access"], ["backend"], ["blocked", "192.0.2.2", "comment"], ["rateLimits", "limit-1", "newConnections"]];

  test("each field changed differently on both sides is one conflict; the rest combines", () => {
    const result = merge(mine, theirs);
    expect(result.conflicts.map((c) => c.path)).toEqual(PATHS);
    expect(result.conflicts[0]).toEqual({ path: PATHS[0], base: "list", mine: "admins", theirs: "anyone" });
    expect(result.policy.services.mysql).toMatchObject({ inbound: false, udp: true });
    expectValid(result.policy);
  });

  test("unchosen conflicts take theirs; choices pick per field", () => {
    const unchosen = merge(mine, theirs);
    expect(unchosen.policy.backend).toBe("csf");
    expect(isFullyChosen(unchosen.conflicts, {})).toBe(false);

    const choices = { [conflictKey(PATHS[0]!)]: "mine", [conflictKey(PATHS[1]!)]: "mine", [conflictKey(PATHS[2]!)]: "theirs", [conflictKey(PATHS[3]!)]: "mine" } as const;
    const chosen = merge(mine, theirs, choices);
    expect(isFullyChosen(chosen.conflicts, choices)).toBe(true);
    expect(chosen.policy.backend).toBe("ufw");
    expect(chosen.policy.services.mysql).toMatchObject({ inbound: false, udp: true, access: "admins" });
    expect(chosen.policy.blocked[1]).toEqual({ address: "192.0.2.2", comment: "theirs" });
    expect(chosen.policy.rateLimits.find((r) => r.id === "limit-1")?.newConnections).toEqual({ count: 10, seconds: 60 });
    expectValid(chosen.policy);
  });

  test("an entry removed on one side and edited on the other is a conflict about the whole entry", () => {
    const result = merge((d) => { d.policy.customRules = []; }, (d) => { d.policy.customRules[0]!.label = "Renamed"; });
    expect(result.conflicts.map((c) => c.path)).toEqual([["customRules", "rule-1"]]);
    expect(result.policy.customRules[0]?.label).toBe("Renamed");
    const mineWins = merge((d) => { d.policy.customRules = []; }, (d) => { d.policy.customRules[0]!.label = "Renamed"; }, { [conflictKey(["customRules", "rule-1"])]: "mine" });
    expect(mineWins.policy.customRules).toEqual([]);
  });

  test("a field-by-field merge that would be invalid or contradictory becomes a whole-entry conflict", () => {
    const switched = merge((d) => { d.policy.customRules[0]!.udp = true; d.policy.customRules[0]!.tcp = false; }, (d) => { d.policy.customRules[0]!.label = "x"; });
    expect(switched.conflicts).toEqual([]);
    expect(switched.policy.customRules[0]).toMatchObject({ tcp: false, udp: true, label: "x" });
    const noProtocol = mergePolicies(
      edit((d) => { d.policy.customRules[0]!.udp = true; }),
      edit((d) => { d.policy.customRules[0]!.udp = true; d.policy.customRules[0]!.tcp = false; }),
      edit((d) => { d.policy.customRules[0]!.udp = false; }),
    );
    expect(noProtocol.conflicts.map((c) => c.path)).toEqual([["customRules", "rule-1"]]);
    expectValid(noProtocol.policy);
    const opposite = merge((d) => setService(d, "mysql", { localhostOnly: true, inbound: false }), (d) => setService(d, "mysql", { inbound: true, access: "anyone" }));
    expect(opposite.conflicts).toEqual([]);
    const both = mergePolicies(edit((d) => setService(d, "mysql", { inbound: false })),
      edit((d) => setService(d, "mysql", { inbound: true })), edit((d) => setService(d, "mysql", { localhostOnly: true, inbound: false })));
    expect(both.conflicts.map((c) => c.path)).toEqual([["services", "mysql"]]);
  });
});

describe("conflicts in words", () => {
  test.each<[string[], unknown, unknown, string]>([
    [["services", "mysql", "inbound"], true, false, "MySQL 3306 · inbound: yours on, theirs off"],
    [["services", "ssh", "access"], "admins", "anyone", "SSH 22 · allowed from: yours administrator sources, theirs anyone"],
    [["backend"], "iptables", "nftables", `Settings · Firewall backend: yours ${BACKEND_FACTS.iptables.label}, theirs ${BACKEND_FACTS.nftables.label}`],
    [["outbound"], "restricted", "allow-all", "Settings · Outbound traffic: yours restricted, theirs allow all"],
    [["hardening", "eximReverseDns"], "strict", "off", "Settings · Exim reverse DNS check: yours strict, theirs off"],
    [["blocked", "192.0.2.2", "comment"], "mine", "", "Blocked address 192.0.2.2 · comment: yours \"mine\", theirs (none)"],
    [["rateLimits", "limit-1", "newConnections"], { count: 10, seconds: 60 }, { count: 20, seconds: 60 }, "Rate limit limit-1 · new connections: yours 10 per 60 s, theirs 20 per 60 s"],
    [["customRules", "rule-1"], undefined, BASE.policy.customRules[0], "Custom rule \"Node exporter\" (rule-1): yours removed, theirs 9100 TCP inbound, from listed sources (198.51.100.1) (\"Node exporter\")"],
  ])("%j", (path, mine, theirs, sentence) => {
    expect(conflictSentence({ path, base: undefined, mine, theirs }, SERVER)).toBe(sentence);
  });

  test("a whole service reads as its state", () => {
    const text = describeConflict({ path: ["services", "ftp"], base: undefined, mine: undefined, theirs: { ...BASE.policy.services.mysql!, sources: [] } }, SERVER);
    expect(text.title).toBe("FTP 21");
    expect(text.theirs).toBe("on (TCP; inbound; from listed sources (none))");
  });
});
