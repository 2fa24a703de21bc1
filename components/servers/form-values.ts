import type { ServerProfile } from "@/lib/data/server-profiles";
import type { SERVER_PROFILE_FIELDS } from "@/lib/validations/server-profile";

/** What the server form's fields hold: text, as typed. */
export type ServerFormValues = Record<(typeof SERVER_PROFILE_FIELDS)[number], string>;

export const EMPTY_SERVER_FORM: ServerFormValues = {
  name: "", hostname: "", ipv4: "", ipv6: "", os: "almalinux", panel: "cpanel", sshPort: "22", adminSources: "", notes: "", tags: "",
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
    tags: profile.tags.join(" "),
  };
}
