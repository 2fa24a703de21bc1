/**
 * The chosen firewall backend: fit with the OS and the panel, and rate limits it can only
 * approximate (docs/backends.md §0 and §10.4).
 */
import { BACKEND_FACTS } from "../backends/facts";
import { CSF_MAX_BLOCKED_PER_FAMILY, CSF_MAX_SET_ENTRIES, portfloodAllowed } from "../backends/csf/facts";
import { OS_TABLE } from "../policy/os";
import type { Backend, RateLimit } from "../policy/schema";
import { portText, type Context } from "./context";
import type { Warning } from "./types";

const THIRD_PARTY: readonly Backend[] = ["csf", "apf", "ufw"];

const label = (backend: Backend) => BACKEND_FACTS[backend].label;

export function checkBackendFit(ctx: Context): Warning[] {
  const { backend } = ctx.policy;
  const { os } = ctx.server;
  const out: Warning[] = [];
  if ((backend === "csf" || backend === "apf") && OS_TABLE[os].shipsFirewalld) {
    out.push({
      id: "csf-apf-firewalld",
      severity: "warning",
      title: `${label(backend)} cannot run next to firewalld`,
      explanation: `${OS_TABLE[os].label} ships firewalld, and ${label(backend)} refuses to work while it runs: both rewrite the same kernel tables.`,
      remediation: `Stop, disable and remove firewalld before installing ${label(backend)} (systemctl disable --now firewalld; dnf remove firewalld), or choose nftables.`,
      concerns: {},
    });
  }
  const over = (["v4", "v6"] as const).filter((f) => (f === "v4" || ctx.policy.ipv6) && ctx.blockedIndex[f].texts.length > CSF_MAX_BLOCKED_PER_FAMILY);
  if (backend === "csf" && over.length > 0) {
    out.push({
      id: "csf-set-capacity",
      severity: "critical",
      title: "CSF cannot hold the whole blocked list",
      explanation: `CSF's sets are sized to at most ${CSF_MAX_SET_ENTRIES} entries (some kept for lfd); the ${over.map((f) => (f === "v4" ? "IPv4" : "IPv6")).join(" and ")} list is longer, so its last entries would not be blocked, and csf reports no error.`,
      remediation: "Shorten the list (merge addresses into networks) or choose nftables or iptables, which load large sets in one step.",
      concerns: {},
    });
  }
  const recommended = OS_TABLE[os].recommendedBackend;
  if (backend !== recommended) {
    out.push({
      id: "backend-not-recommended",
      severity: "info",
      title: `${label(recommended)} is the recommended firewall on ${OS_TABLE[os].label}`,
      explanation: ctx.server.panel === "cpanel"
        ? `This profile uses ${label(backend)}. cPanel recommends ${label(recommended)} on ${OS_TABLE[os].label}; other choices work but get less testing with cPanel there.`
        : `This profile uses ${label(backend)}. ${label(recommended)} is the firewall framework ${OS_TABLE[os].label} servers are usually managed with; other choices work too.`,
      remediation: `Keep ${label(backend)} if you already manage the server with it; otherwise prefer ${label(recommended)}.`,
      concerns: {},
    });
  }
  if (ctx.server.panel === "cpanel" && THIRD_PARTY.includes(backend)) {
    out.push({
      id: "host-access-control-ignored",
      severity: "info",
      title: "WHM Host Access Control rules stop applying",
      explanation: `Once a separate firewall application such as ${label(backend)} manages the server, cPanel ignores the rules entered in WHM's Host Access Control.`,
      remediation: "Re-create any Host Access Control rules you rely on in this profile (sources per service, or the blocked list).",
      concerns: {},
    });
  }
  return out;
}

function limitText(limit: RateLimit): string {
  return portText(limit.ports.from, limit.ports.to, limit.protocol);
}

/**
 * Why `backend` cannot enforce `limit` as written; empty when it can. nftables and iptables
 * enforce both kinds per source, and so does UFW, because its bundle carries the limits as
 * iptables rules in before.rules (the `ufw limit` command alone is fixed at 6 per 30 s), and
 * firewalld, because its bundle carries them in a companion nft table (firewalld/limits.ts).
 */
function approximations(backend: Backend, limit: RateLimit): string[] {
  const rate = limit.newConnections;
  const notes: string[] = [];
  switch (backend) {
    case "csf":
      if (rate) {
        notes.push("CSF's PORTFLOOD counts connections in a sliding window and, once a source reaches the limit, blocks it until it has been quiet for the whole window: stricter than a steady rate.");
        const allowed = portfloodAllowed(rate.count);
        if (allowed < rate.count) notes.push(`Its hit count is capped at 20 and the connection that reaches it is already dropped, so at most ${allowed} per window can be allowed, not ${rate.count}.`);
      }
      if (limit.concurrent !== undefined && limit.protocol === "udp") notes.push("CSF's CONNLIMIT counts TCP connections only, so the UDP cap is not enforced.");
      break;
    // APF: the bundle's companion enforces both kinds per source (docs/backends.md §6.3).
    default:
      break;
  }
  return notes;
}

export function checkRateLimitSupport(ctx: Context): Warning[] {
  const backend = ctx.policy.backend;
  return ctx.policy.rateLimits.flatMap((limit) => {
    const notes = approximations(backend, limit);
    if (notes.length === 0) return [];
    return [{
      id: `rate-limit-approx:${limit.id}`,
      severity: "warning" as const,
      title: `${label(backend)} can only approximate the rate limit on ${limitText(limit)}`,
      explanation: notes.join(" "),
      remediation: "Accept the difference, or choose nftables or iptables, which enforce the limit per source as written.",
      concerns: { ports: [{ ...limit.ports, protocol: limit.protocol }], entries: [limit.id] },
    }];
  });
}

export function checkSmtpRateLimit(ctx: Context): Warning[] {
  const open = ctx.inboundCovering(25, "tcp").some((r) => r.sources === "anyone");
  if (!open) return [];
  const limited = ctx.policy.rateLimits.some(
    (l) => l.protocol === "tcp" && l.newConnections && l.ports.from <= 25 && 25 <= l.ports.to,
  );
  if (limited) return [];
  return [{
    id: "smtp-no-rate-limit",
    severity: "warning",
    title: "SMTP (25) is open without a connection rate limit",
    explanation: "Spam bots and password-guessing scripts open connection after connection on port 25. Without a per-source limit, one host can tie up the mail server's connection slots and slow down legitimate mail.",
    remediation: "Add the SMTP rate-limit preset (10 new connections per 300 seconds per source on port 25).",
    concerns: { services: ["smtp"], ports: [{ from: 25, to: 25, protocol: "tcp" }] },
  }];
}
