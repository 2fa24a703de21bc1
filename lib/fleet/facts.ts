/**
 * What the server list needs of one revision, worked out once when it is saved (pure): the
 * backend, the critical warnings, the address keys and the exposure rows. A row whose document
 * cannot be read still gets its address keys, so it is found by address.
 */
import { assessPolicy } from "@/lib/firewall/warnings";
import type { ProfileDocument } from "@/lib/firewall/policy/schema";
import { addressKey } from "./address-key";
import { exposureRows, type ExposureRow } from "./exposure-rows";

export type FleetFacts = {
  backend: string;
  ipv4Key: string;
  ipv6Key: string;
  /** Ids of the revision's critical warnings (an acknowledgement must cover them all). */
  critical: string[];
  exposure: ExposureRow[];
};

export function fleetFactsOf(doc: ProfileDocument | null, addresses: { ipv4: string; ipv6: string }): FleetFacts {
  const keys = { ipv4Key: addressKey(addresses.ipv4), ipv6Key: addressKey(addresses.ipv6) };
  if (!doc) return { backend: "", ...keys, critical: [], exposure: [] };
  return {
    backend: doc.policy.backend,
    ...keys,
    critical: assessPolicy(doc).filter((w) => w.severity === "critical").map((w) => w.id),
    exposure: exposureRows(doc),
  };
}
