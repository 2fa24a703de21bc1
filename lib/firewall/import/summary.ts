/**
 * The proposed profile of an import, reduced to what the review step shows: which services and
 * custom rules open what to whom, blocked addresses, limits, outbound mode and IPv6. Long lists
 * are cut to a sample with their full count, so a 200,000-entry deny list reviews quickly.
 */
import { getCatalog } from "../catalog";
import { servicePorts } from "../policy/resolve";
import type { PortRange, ProfileDocument } from "../policy/schema";

export type OpenEntry = {
  name: string;
  ports: string;
  protocols: string;
  /** `in`, `out` or `in and out`. */
  direction: string;
  /** `anyone`, or the first sources of the list. */
  sources: "anyone" | string[];
  sourceCount: number;
};

export type ProfileSummary = {
  backend: string;
  ipv6: boolean;
  outbound: "allow-all" | "restricted";
  services: OpenEntry[];
  customRules: OpenEntry[];
  blocked: { count: number; sample: { address: string; comment: string }[] };
  limits: { ports: string; text: string }[];
};

export const SAMPLE_SIZE = 50;

const portText = (r: PortRange) => (r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`);
const protocolText = (tcp: boolean, udp: boolean) => [tcp ? "TCP" : "", udp ? "UDP" : ""].filter(Boolean).join("+");
const directionText = (inbound: boolean, outbound: boolean) => (inbound && outbound ? "in and out" : inbound ? "in" : "out");
const sourcesOf = (access: string, sources: readonly string[]) => (access === "anyone" ? "anyone" as const : sources.slice(0, SAMPLE_SIZE));

export function summarizeProfile(doc: ProfileDocument): ProfileSummary {
  const { policy, server } = doc;
  const catalog = getCatalog(server.panel);
  const services = catalog.services.flatMap((service): OpenEntry[] => {
    const choice = policy.services[service.id];
    if (!choice?.enabled) return [];
    return [{
      name: service.name, ports: portText(servicePorts(service, choice, server.sshPort)), protocols: protocolText(choice.tcp, choice.udp),
      direction: directionText(choice.inbound, choice.outbound && policy.outbound === "restricted"),
      sources: sourcesOf(choice.access, choice.sources), sourceCount: choice.access === "anyone" ? 0 : choice.sources.length,
    }];
  });
  const customRules = policy.customRules.map((r): OpenEntry => ({
    name: r.label || `Custom ${portText(r.ports)}`, ports: portText(r.ports), protocols: protocolText(r.tcp, r.udp),
    direction: r.direction === "inbound" ? "in" : "out",
    sources: r.direction === "inbound" ? sourcesOf(r.access, r.sources) : "anyone", sourceCount: r.access === "anyone" ? 0 : r.sources.length,
  }));
  const limits = policy.rateLimits.map((l) => ({
    ports: `${l.protocol.toUpperCase()} ${portText(l.ports)}`,
    text: [l.newConnections ? `${l.newConnections.count} new connections per ${l.newConnections.seconds} s` : "", l.concurrent !== undefined ? `at most ${l.concurrent} at once` : ""]
      .filter(Boolean).join(", ") + " per source",
  }));
  return {
    backend: policy.backend, ipv6: policy.ipv6, outbound: policy.outbound, services, customRules,
    blocked: { count: policy.blocked.length, sample: policy.blocked.slice(0, SAMPLE_SIZE) },
    limits,
  };
}
