/**
 * Ready-made entries a user can add with one click: trusted source lists and hardening rate
 * limits. They are plain data in the profile's own shapes, so adding one is an array append.
 */
import type { RateLimit } from "../policy/schema";
import type { TrustedPreset } from "./types";

/** WebPros' SEO scanner (cPanel's SEO tools crawl sites from these addresses). */
export const WEBPROS_SEO_SCANNERS: TrustedPreset = {
  id: "webpros-seo-scanner",
  label: "WebPros SEO scanner",
  description: "Addresses WebPros uses to crawl hosted sites for cPanel's SEO features. Allow them on HTTP and HTTPS if those ports are restricted.",
  addresses: [
    "78.138.117.141",
    "78.138.117.142",
    "78.138.117.168",
    "78.138.117.169",
    "78.138.117.179",
    "78.138.117.180",
    "78.138.117.214",
    "78.138.117.215",
  ],
};

export const TRUSTED_PRESETS: readonly TrustedPreset[] = [WEBPROS_SEO_SCANNERS];

export const SMTP_RATE_COUNT = 10;
export const SMTP_RATE_SECONDS = 300;

/**
 * New SMTP connections per source on port 25: 10 per 300 s. Legitimate mail servers reconnect
 * rarely (they send several messages per connection and back off on errors); bots trying
 * addresses or passwords open connection after connection.
 */
export const SMTP_RATE_LIMIT: RateLimit = {
  id: "smtp-rate",
  label: "SMTP new connections per source",
  ports: { from: 25, to: 25 },
  protocol: "tcp",
  newConnections: { count: SMTP_RATE_COUNT, seconds: SMTP_RATE_SECONDS },
};

/**
 * Concurrent connections per source on the SMTP ports: 20. That is Postfix's default
 * per-destination concurrency, the largest a well-behaved sending server normally uses, and far
 * above what a mail client or an office behind NAT submits at once; floods open dozens.
 */
export const SMTP_CONCURRENT_CAP = 20;
export const SMTP_CONCURRENT_LIMITS: readonly RateLimit[] = [25, 465, 587].map((p) => ({
  id: `smtp-concurrent-${p}`,
  label: `SMTP concurrent connections per source (${p})`,
  ports: { from: p, to: p },
  protocol: "tcp",
  concurrent: SMTP_CONCURRENT_CAP,
}));

export type HardeningPreset = { id: string; label: string; description: string; rateLimits: readonly RateLimit[] };

export const HARDENING_PRESETS: readonly HardeningPreset[] = [
  {
    id: "smtp-rate",
    label: "SMTP connection rate (port 25)",
    description: `At most ${SMTP_RATE_COUNT} new connections per source every ${SMTP_RATE_SECONDS} seconds on port 25.`,
    rateLimits: [SMTP_RATE_LIMIT],
  },
  {
    id: "smtp-concurrent",
    label: "SMTP concurrent connections (25, 465, 587)",
    description: `At most ${SMTP_CONCURRENT_CAP} simultaneous connections per source on each SMTP port.`,
    rateLimits: SMTP_CONCURRENT_LIMITS,
  },
];
