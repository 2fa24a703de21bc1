import type { ServerProfile } from "@/lib/data/server-profiles";
import type { ServerFormValues } from "./server-form";

export const EMPTY_SERVER_FORM: ServerFormValues = {
  name: "", hostname: "", ipv4: "", ipv6: "", os: "almalinux", panel: "cpanel", sshPort: "22", adminSources: "", notes: "",
};

export function toFormValues(profile: ServerProfile): ServerFormValues {
  return {
    name: profile.name,
    hostname: profile.hostname,
    ipv4: profile.ipv4,
    ipv6: profile.ipv6,
    os: profile.os,
    panel: profile.panel,
    sshPort: String(profile.sshPort),
    adminSources: profile.adminSources.join("\n"),
    notes: profile.notes,
  };
}
