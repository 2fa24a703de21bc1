/**
 * Active-mode FTP under restricted outbound (docs/backends.md §10.3): the data connection leaves the
 * server from port 20 to a port the client listens on. Every backend renders an allowance for it;
 * through the real nftables, iptables and ufw in a namespace, a connect from source port 20 to a
 * client port that no outbound rule opens gets through, the same connect from any other source
 * port is refused, and without FTP in the profile port 20 gets nothing either.
 */
import { afterAll, describe, expect, test } from "vitest";
import { BACKEND_MODULES } from "@/lib/firewall/backends";
import { iptablesRenderer } from "@/lib/firewall/backends/iptables/render";
import { nftablesRenderer } from "@/lib/firewall/backends/nftables/render";
import { ufwRenderer } from "@/lib/firewall/backends/ufw/render";
import type { RuleSet } from "@/lib/firewall/policy/resolve";
import type { ProfileDocument } from "@/lib/firewall/policy/schema";
import type { RuleFile } from "@/lib/firewall/backends/types";
import { applyIptables, applyNft } from "../support/apply";
import { Lab } from "../support/behaviour";
import { requires } from "../support/requires";
import { SAMPLE_ADDRESSES } from "../support/sample-profiles";
import { META, ruleSetOf, SAMPLE_RULESETS } from "../support/samples";
import { UfwSandbox } from "../support/ufw";
import type { Netns, RunResult } from "../netns/netns";
import { runProbes } from "../netns/traffic";

const labs: Lab[] = [];
const sandboxes: UfwSandbox[] = [];
afterAll(() => {
  labs.forEach((l) => l.destroy());
  sandboxes.forEach((s) => s.destroy());
});

/** A port on the client that no outbound rule of the locked-down sample opens. */
const CLIENT_PORT = 40021;
const lockedDown = SAMPLE_RULESETS.find((s) => s.id === "locked-down")!.document;
const withFtp: ProfileDocument = {
  ...lockedDown,
  policy: {
    ...lockedDown.policy,
    services: { ...lockedDown.policy.services, ftp: { enabled: true, tcp: true, udp: false, inbound: true, outbound: false, localhostOnly: false, access: "anyone", sources: [] } },
  },
};
const FTP = ruleSetOf(withFtp);
const NO_FTP = ruleSetOf(lockedDown);

describe("every backend renders the active-mode FTP allowance only when FTP is on and outbound restricted", () => {
  const expected: Record<string, RegExp> = {
    nftables: /^ {4}tcp sport 20 accept comment "FTP active-mode data/m,
    iptables: /^-A PORTCULLIS-OUT -p tcp --sport 20 .*-j ACCEPT$/m,
    ufw: /^\$UFW 'allow' 'out' 'proto' 'tcp' 'from' 'any' 'port' '20' /m,
    firewalld: /^ {2}<source-port protocol="tcp" port="20"\/>$/m,
    csf: /^USE_FTPHELPER = "21"$/m,
    apf: /^-A PORTCULLIS-OUT -p tcp --sport 20 -j ACCEPT$/m,
  };
  const text = (rs: RuleSet, id: keyof typeof BACKEND_MODULES) => BACKEND_MODULES[id].render(rs, META).map((f) => f.content).join("\n");
  test.each(Object.keys(BACKEND_MODULES) as (keyof typeof BACKEND_MODULES)[])("%s", (id) => {
    expect(text(FTP, id)).toMatch(expected[id]!);
    expect(text(NO_FTP, id)).not.toMatch(expected[id]!);
    expect(text({ ...FTP, outboundPolicy: "allow-all", outbound: [] }, id)).not.toMatch(expected[id]!);
  });
});

type Apply = (rs: RuleSet, ns: Netns) => RunResult;

const BACKENDS: [string, Apply][] = [
  ["nftables", (rs, ns) => applyNft(ns, nftablesRenderer.render(rs, META))],
  ["iptables", (rs, ns) => applyIptables(ns, iptablesRenderer.render(rs, META))],
  [
    "ufw",
    (rs, ns) => {
      const sandbox = new UfwSandbox(rs.ipv6);
      sandboxes.push(sandbox);
      return sandbox.apply(ufwRenderer.render(rs, META) as RuleFile[], ns);
    },
  ],
];

/** Connects from the server to the client's CLIENT_PORT, from source port 20 and from an ephemeral port. */
async function dataConnections(rs: RuleSet, apply: Apply): Promise<Record<string, string>> {
  const lab = new Lab();
  labs.push(lab);
  await lab.listen(lab.pair.client, { tcp: [CLIENT_PORT] });
  const applied = apply(rs, lab.pair.server);
  if (applied.code !== 0) throw new Error(`apply failed: ${applied.stderr}`);
  const out: Record<string, string> = {};
  for (const dst of [SAMPLE_ADDRESSES.ordinary.v4, SAMPLE_ADDRESSES.ordinary.v6]) {
    // One at a time: both v4 and v6 connects bind local port 20.
    for (const srcPort of [20, undefined]) {
      const id = `${dst} from ${srcPort ?? "ephemeral"}`;
      out[id] = runProbes(lab.pair.server, [{ id, src: "", dst, port: CLIENT_PORT, proto: "tcp", srcPort }]).get(id) ?? "none";
    }
  }
  return out;
}

describe("a real active-mode data connection (server port 20 to the client) under restricted outbound", () => {
  requires("root", "ip", "nft", "iptables-restore", "ip6tables-restore", "ipset", "ufw");
  test.each(BACKENDS)("%s: from port 20 it gets through, from any other port it is refused", async (_id, apply) => {
    const r = await dataConnections(FTP, apply);
    const { v4, v6 } = SAMPLE_ADDRESSES.ordinary;
    expect(r).toEqual({ [`${v4} from 20`]: "open", [`${v4} from ephemeral`]: expect.not.stringMatching(/^open$/), [`${v6} from 20`]: "open", [`${v6} from ephemeral`]: expect.not.stringMatching(/^open$/) });
  });

  test.each(BACKENDS)("%s: without FTP in the profile, port 20 gets nothing either", async (_id, apply) => {
    const r = await dataConnections(NO_FTP, apply);
    expect(Object.values(r).filter((x) => x === "open")).toEqual([]);
  });
});
