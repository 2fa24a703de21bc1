import path from "node:path";
import { z } from "zod";

const DEFAULT_DATABASE_URL = "file:./data/portcullis.db";

const HOPS_MESSAGE = "PORTCULLIS_PROXY_HOPS must be a whole number from 0 to 5";

const HOURS_MESSAGE = "PORTCULLIS_SESSION_HOURS must be a whole number of hours from 1 to 720";
const IDLE_MESSAGE = "PORTCULLIS_SESSION_IDLE_MINUTES must be a whole number of minutes from 5 to 1440";

/** A whole number from 0 (no bound) up, for a retention setting. */
function count(name: string, fallback: number) {
  const message = `${name} must be a whole number, 0 or more (0: no limit)`;
  return z.coerce.number(message).int(message).min(0, message).max(1_000_000_000, message).default(fallback);
}

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^file:.+/, "DATABASE_URL must be an SQLite file URL such as file:./data/portcullis.db")
    .default(DEFAULT_DATABASE_URL),
  // Optional here because `next build` runs without it; scripts/start.ts always provides one.
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters").optional(),
  NEXTAUTH_URL: z.url().optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  // Reverse proxies in front that append to X-Forwarded-For. 0 (the default, no proxy): the client's
  // address is the socket's and the header is ignored, since any client can write it. N: the sign-in
  // limits read the entry N from the right.
  PORTCULLIS_PROXY_HOPS: z.coerce.number().int(HOPS_MESSAGE).min(0, HOPS_MESSAGE).max(5, HOPS_MESSAGE).default(0),
  // A session ends this long after sign-in whatever happens (lib/auth/sessions.ts)…
  PORTCULLIS_SESSION_HOURS: z.coerce.number().int(HOURS_MESSAGE).min(1, HOURS_MESSAGE).max(720, HOURS_MESSAGE).default(8),
  // …and earlier after this long without a request.
  PORTCULLIS_SESSION_IDLE_MINUTES: z.coerce.number().int(IDLE_MESSAGE).min(5, IDLE_MESSAGE).max(1440, IDLE_MESSAGE).default(60),
  // Retention (lib/data/retention.ts): a revision of a profile, or an audit event, is removed once
  // it is beyond the newest KEEP and older than KEEP_DAYS; 0 switches that bound off (both 0: keep
  // everything). A profile's current revision is always kept.
  PORTCULLIS_REVISIONS_KEEP: count("PORTCULLIS_REVISIONS_KEEP", 100),
  PORTCULLIS_REVISIONS_KEEP_DAYS: count("PORTCULLIS_REVISIONS_KEEP_DAYS", 365),
  PORTCULLIS_AUDIT_KEEP: count("PORTCULLIS_AUDIT_KEEP", 100_000),
  PORTCULLIS_AUDIT_KEEP_DAYS: count("PORTCULLIS_AUDIT_KEEP_DAYS", 365),
});

export type Env = z.infer<typeof envSchema>;

/** Validates the environment; throws one readable message listing every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty variable (`NEXTAUTH_SECRET=`) means "not set", as in most shells' .env habits.
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return result.data;
}

export const env = parseEnv(process.env);

/** Absolute path of the SQLite file named by a `file:` URL (relative paths start at the cwd). */
export function databaseFilePath(url: string = env.DATABASE_URL): string {
  return path.resolve(url.replace(/^file:/, "").replace(/\?.*$/, ""));
}
