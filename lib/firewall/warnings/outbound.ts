/**
 * Restricted outbound traffic: what the panel and the enabled features must still reach.
 * Checked against the resolved outbound rules, so custom rules and the always-allowed essentials
 * (DNS, NTP) count.
 */
import type { Protocol } from "../policy/resolve";
import type { Context } from "./context";
import type { PortConcern, Warning } from "./types";

type Need = { port: number; protocol: Protocol };

function missing(ctx: Context, needs: readonly Need[]): PortConcern[] {
  return needs.filter((n) => !ctx.outboundAllows(n.port, n.protocol)).map((n) => ({ from: n.port, to: n.port, protocol: n.protocol }));
}

function list(ports: PortConcern[]): string {
  return ports.map((p) => `${p.from}/${p.protocol}`).join(", ");
}

const CPANEL_CORE: readonly Need[] = [
  { port: 53, protocol: "udp" },
  { port: 53, protocol: "tcp" },
  { port: 2089, protocol: "tcp" },
];

export function checkCpanelOutbound(ctx: Context): Warning[] {
  if (ctx.server.panel !== "cpanel" || ctx.policy.outbound !== "restricted") return [];
  const gaps = missing(ctx, CPANEL_CORE);
  if (gaps.length === 0) return [];
  return [{
    id: "outbound-cpanel-core",
    severity: "critical",
    title: "Outbound rules block what cPanel needs to run",
    explanation: `Outbound traffic is restricted and ${list(gaps)} may not leave the server. cPanel resolves names over DNS (53) for almost everything, and checks its license on port 2089; when the license check fails, cPanel and WHM stop working.`,
    remediation: "Switch on outbound for DNS and for cPanel licensing (2089), or allow all outbound traffic.",
    concerns: { services: ["dns", "cpanel-licensing-2089"], ports: gaps },
  }];
}

type Feature = {
  id: string;
  name: string;
  why: string;
  needs: readonly Need[];
  active(ctx: Context): boolean;
};

const isOn = (ctx: Context, id: string) => ctx.choice(id)?.enabled === true && ctx.service(id) !== undefined;
const spamassassin = (ctx: Context) => ctx.server.panel === "cpanel" && isOn(ctx, "spamassassin");

const FEATURES: readonly Feature[] = [
  {
    id: "autossl", name: "AutoSSL", needs: [{ port: 443, protocol: "tcp" }],
    why: "AutoSSL orders and renews the sites' certificates over HTTPS; without it certificates expire.",
    active: (ctx) => ctx.server.panel === "cpanel" && ctx.inboundOf("https").length > 0,
  },
  {
    id: "updates", name: "System and panel updates", needs: [{ port: 80, protocol: "tcp" }, { port: 443, protocol: "tcp" }],
    why: "Package repositories and panel updates are downloaded over HTTP and HTTPS; without them security updates stop.",
    active: () => true,
  },
  {
    id: "mail-delivery", name: "Sending mail", needs: [{ port: 25, protocol: "tcp" }],
    why: "The mail server delivers outgoing mail to other mail servers on port 25; without it mail stays in the queue.",
    active: (ctx) => ["smtp", "submission", "smtps"].some((id) => ctx.inboundOf(id).length > 0),
  },
  {
    id: "razor", name: "SpamAssassin Razor checks", needs: [{ port: 2703, protocol: "tcp" }],
    why: "SpamAssassin asks the Razor network about each message; blocked, the check times out and spam scores get worse.",
    active: spamassassin,
  },
  {
    id: "pyzor", name: "SpamAssassin Pyzor checks", needs: [{ port: 24441, protocol: "udp" }],
    why: "SpamAssassin asks the Pyzor servers about each message; blocked, the check times out.",
    active: spamassassin,
  },
  {
    id: "dcc", name: "SpamAssassin DCC checks", needs: [{ port: 6277, protocol: "udp" }],
    why: "SpamAssassin asks the DCC network about each message; blocked, the check times out.",
    active: spamassassin,
  },
  {
    id: "apt-keys", name: "apt repository keys", needs: [{ port: 11371, protocol: "tcp" }],
    why: "Ubuntu fetches the signing keys of apt repositories from key servers on port 11371; without them new repositories fail to verify.",
    active: (ctx) => ctx.server.os === "ubuntu" && ctx.server.panel === "cpanel",
  },
];

export function checkFeatureOutbound(ctx: Context): Warning[] {
  if (ctx.policy.outbound !== "restricted") return [];
  return FEATURES.filter((f) => f.active(ctx)).flatMap((feature) => {
    const gaps = missing(ctx, feature.needs);
    if (gaps.length === 0) return [];
    return [{
      id: `outbound-needs:${feature.id}`,
      severity: "warning" as const,
      title: `${feature.name} needs outbound ${list(gaps)}`,
      explanation: `Outbound traffic is restricted and ${list(gaps)} is not allowed out. ${feature.why}`,
      remediation: `Switch on outbound for ${list(gaps)} (in the matrix or as a custom outbound rule), or allow all outbound traffic.`,
      concerns: { ports: gaps },
    }];
  });
}
