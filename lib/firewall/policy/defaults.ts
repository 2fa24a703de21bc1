/**
 * The profile a new server starts from. Choices, and why:
 * - backend: what cPanel recommends for the OS (nftables on the EL family, iptables on Ubuntu);
 *   Debian ships nftables as its default framework, so it gets nftables too;
 * - IPv6 filtering is always on, even when no IPv6 address is recorded: a host can gain an
 *   address by router advertisement without anyone noticing, and an unfiltered family is an
 *   open door. Rules for a family the host does not use cost nothing;
 * - outbound allow-all: restricting egress breaks updates, licensing and spam checks in ways that
 *   are hard to diagnose, so it is an explicit opt-in (the warnings then say what is missing);
 * - services: the catalog's starting choices, with rows that do not apply to the OS switched off;
 *   administrator logins (SSH, WHM) start limited to the administrator sources when the server
 *   lists any: whoever typed them in has said where administrators work from;
 * - the port-25 SMTP rate limit whenever SMTP is open inbound.
 */
import { getCatalog } from "../catalog";
import { OS_TABLE } from "./os";
import { SMTP_RATE_LIMIT } from "../catalog/presets";
import type { CatalogService } from "../catalog/types";
import { defaultChoice } from "./resolve";
import {
  PROFILE_FORMAT,
  PROFILE_VERSION,
  profileDocumentSchema,
  serverSchema,
  type Backend,
  type OperatingSystem,
  type Policy,
  type ProfileDocument,
  type Server,
  type ServiceChoice,
} from "./schema";
import type { z } from "zod";

/** The firewall backend cPanel's documentation (or the distribution, for Debian) recommends. */
export function recommendedBackend(os: OperatingSystem): Backend {
  return OS_TABLE[os].recommendedBackend;
}

/** Does this catalog row apply on that operating system? */
export function appliesTo(service: CatalogService, os: OperatingSystem): boolean {
  return !service.onlyOn || service.onlyOn.includes(os);
}

function startingChoice(service: CatalogService, server: Server): ServiceChoice {
  const choice = defaultChoice(service);
  if (!appliesTo(service, server.os)) choice.enabled = false;
  if (service.isAdminLogin && server.adminSources.length > 0) choice.access = "admins";
  if (service.configurableRange) choice.ports = { ...service.port };
  return choice;
}

export function defaultPolicy(server: Server): Policy {
  const catalog = getCatalog(server.panel);
  const services: Record<string, ServiceChoice> = {};
  for (const service of catalog.services) services[service.id] = startingChoice(service, server);
  const smtp = services.smtp;
  const smtpOpen = smtp !== undefined && smtp.enabled && smtp.inbound && !smtp.localhostOnly;
  return {
    backend: recommendedBackend(server.os),
    inboundDefault: "deny",
    outbound: "allow-all",
    ipv6: true,
    services,
    customRules: [],
    blocked: [],
    rateLimits: smtpOpen ? [structuredClone(SMTP_RATE_LIMIT)] : [],
    hardening: { eximReverseDns: "off" },
  };
}

/**
 * A complete, valid profile for a new server. `server` is validated (and canonicalised) with the
 * profile schema, so invalid input throws a ZodError the caller can report field by field.
 */
export function createDefaultDocument(server: z.input<typeof serverSchema>): ProfileDocument {
  const parsed = serverSchema.parse(server);
  return profileDocumentSchema.parse({
    format: PROFILE_FORMAT,
    version: PROFILE_VERSION,
    server: parsed,
    policy: defaultPolicy(parsed),
  });
}
