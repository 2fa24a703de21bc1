/**
 * Test support: a valid profile built from the panel's defaults, changed by a callback and
 * validated again, so every test exercises a document the schema accepts.
 */
import { createDefaultDocument } from "@/lib/firewall/policy/defaults";
import { profileDocumentSchema, type ProfileDocument, type ProfileDocumentInput, type ServiceChoice } from "@/lib/firewall/policy/schema";

export type Mutate = (doc: ProfileDocument) => void;
export type ServerPatch = Partial<ProfileDocumentInput["server"]>;

export function makeProfile(server: ServerPatch = {}, mutate?: Mutate): ProfileDocument {
  const doc = createDefaultDocument({ name: "test-server", os: "almalinux", panel: "cpanel", ...server });
  mutate?.(doc);
  return profileDocumentSchema.parse(doc);
}

/** Patch one service choice (creating it from an enabled inbound TCP default if absent). */
export function setService(doc: ProfileDocument, id: string, patch: Partial<ServiceChoice>): void {
  const current = doc.policy.services[id] ?? {
    enabled: true, tcp: true, udp: false, inbound: true, outbound: false, localhostOnly: false, access: "anyone" as const, sources: [],
  };
  doc.policy.services[id] = { ...current, ...patch };
}
