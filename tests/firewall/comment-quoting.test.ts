/**
 * Labels keep `; & '` in generated comments (docs/backends.md §10.5): each backend's file loads in
 * its real tool, and the comment read back from the tool is the label as typed (UFW: `'` replaced,
 * since ufw refuses it). A label shaped like an injection stays one comment: the loaded rules are
 * the same as with a plain label.
 */
import { execFileSync } from "node:child_process";
import { afterAll, describe, expect, test } from "vitest";
import { BACKEND_MODULES } from "@/lib/firewall/backends";
import { parseIptablesSave } from "@/lib/firewall/backends/shared/iptables-parse";
import type { RuleFile } from "@/lib/firewall/backends/types";
import { labelSchema } from "@/lib/firewall/policy/schema";
import { Netns } from "../netns/netns";
import { applyIptables, withFiles } from "../support/apply";
import { LABEL_EDGE } from "../support/arbitrary";
import { checkFirewalld } from "../support/firewalld";
import { grammarProblems } from "../support/grammar";
import { makeProfile } from "../support/profile";
import { requires } from "../support/requires";
import { META, ruleSetOf } from "../support/samples";
import { UfwSandbox } from "../support/ufw";

const LABEL = "SMTP; submission & Bob's";
const INJECTION = "x'; -A INPUT -j ACCEPT; '";

/** One custom rule (port 2525, from one listed source) carrying `label`. */
function render(backend: keyof typeof BACKEND_MODULES, label: string): RuleFile[] {
  const doc = makeProfile({ name: "quoting" }, (d) => {
    d.policy.customRules = [{ id: "relay", label, ports: { from: 2525, to: 2525 }, tcp: true, udp: false, direction: "inbound", access: "list", sources: ["198.51.100.0/24"] }];
    d.policy.rateLimits = [{ id: "relay-limit", label, ports: { from: 2525, to: 2525 }, protocol: "tcp", newConnections: { count: 10, seconds: 60 } }];
  });
  return BACKEND_MODULES[backend].render(ruleSetOf(doc), META);
}

const namespaces: Netns[] = [];
afterAll(() => namespaces.forEach((n) => n.destroy()));
function fresh(): Netns {
  const ns = new Netns("q");
  namespaces.push(ns);
  return ns;
}

describe("labels with ; & ' in every backend's comments", () => {
  test.each(LABEL_EDGE)("%j passes the schema and renders only expected line shapes", (label) => {
    expect(labelSchema.safeParse(label).success).toBe(true);
    for (const id of Object.keys(BACKEND_MODULES) as (keyof typeof BACKEND_MODULES)[]) expect(grammarProblems(id, render(id, label)), id).toEqual([]);
  });

  test("kept where the format quotes them, replaced where it cannot (UFW: ', CSF: include)", () => {
    const text = (id: keyof typeof BACKEND_MODULES) => render(id, LABEL).map((f) => f.content).join("\n");
    expect(text("nftables")).toContain(`comment "${LABEL}"`);
    expect(text("iptables")).toContain(`--comment "${LABEL}"`);
    expect(text("firewalld")).toContain("SMTP; submission &amp; Bob&apos;s");
    expect(text("ufw")).toContain("'SMTP; submission & Bob_s'");
    expect(text("csf")).toContain(`# ${LABEL}`);
    expect(text("apf")).toContain(`# ${LABEL}`);
    expect(BACKEND_MODULES.csf.render(ruleSetOf(makeProfile({}, (d) => {
      d.policy.customRules = [{ id: "r", label: "Include; /etc/x", ports: { from: 9, to: 9 }, tcp: true, udp: false, direction: "inbound", access: "list", sources: ["198.51.100.1"] }];
    })), META).map((f) => f.content).join("\n")).not.toMatch(/include/i);
  });
});

describe("round trip through the real tools", () => {
  requires("root", "ip", "nft", "iptables-restore", "ip6tables-restore", "ipset", "firewall-offline-cmd", "ufw", "python3");

  test("nft -c -f accepts the file and lists the comments as typed; an injection-shaped label adds no rule", () => {
    const ns = fresh();
    const load = (label: string) => withFiles(render("nftables", label), (dir) => {
      const check = ns.exec("nft", ["-c", "-f", `${dir}/portcullis.nft`]);
      expect(check.stderr).toBe("");
      expect(ns.exec("nft", ["-f", `${dir}/portcullis.nft`]).code).toBe(0);
      const listed = JSON.parse(ns.must("nft", ["-j", "list", "table", "inet", "portcullis"])) as { nftables: { rule?: { comment?: string } }[] };
      return listed.nftables.flatMap((x) => (x.rule ? [x.rule.comment ?? ""] : []));
    });
    expect(load(LABEL)).toContain(LABEL);
    const plain = load("plain");
    const hostile = load(INJECTION);
    expect(hostile).toContain(INJECTION);
    expect(hostile.length).toBe(plain.length);
  });

  test("iptables-restore loads the file; iptables-save gives the comment back as typed; no injected rule", () => {
    const ns = fresh();
    const load = (label: string) => {
      expect(applyIptables(ns, render("iptables", label)).stderr).toBe("");
      const saved = ns.must("iptables-save", []);
      const rules = parseIptablesSave({ path: "iptables-save", text: saved }).flatMap((t) => [...t.chains.values()].flatMap((c) => c.rules));
      return { comments: rules.map((r) => r.comment ?? ""), count: (saved.match(/^-A /gm) ?? []).length };
    };
    expect(load(LABEL).comments).toContain(LABEL);
    const plain = load("plain");
    const hostile = load(INJECTION);
    expect(hostile.comments).toContain(INJECTION);
    expect(hostile.count).toBe(plain.count);
  });

  test("firewalld accepts the XML and an XML reader gives the label back", () => {
    const files = render("firewalld", LABEL);
    expect(checkFirewalld(files)).toEqual([]);
    const service = files.find((f) => f.path.startsWith("services/") && f.content.includes("Bob"));
    const short = execFileSync("python3", ["-c", "import sys, xml.etree.ElementTree as E; print(E.fromstring(sys.stdin.read().split('?>', 1)[1]).findtext('short'), end='')"], { input: service?.content ?? "" }).toString();
    expect(short).toBe(`Portcullis: ${LABEL}`);
  });

  test("ufw takes the comment (dry run) and stores it as typed, with ' replaced", () => {
    const sandbox = new UfwSandbox(true);
    try {
      const r = sandbox.runScript(render("ufw", LABEL), "--dry-run");
      expect(r.stderr).not.toMatch(/ERROR/);
      expect(r.code).toBe(0);
      const stored = [...r.stdout.matchAll(/comment=([0-9a-f]+)/g)].map((m) => Buffer.from(m[1]!, "hex").toString());
      expect(stored).toContain("SMTP; submission & Bob_s");
    } finally {
      sandbox.destroy();
    }
  });
});
