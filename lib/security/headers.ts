/**
 * The Content-Security-Policy of every page and the cross-site test for state-changing API calls.
 * Pure (no Next.js imports) so both are unit-tested; proxy.ts applies them.
 */

/**
 * Scripts run only with this request's nonce (Next.js stamps it on its own tags when it sees the
 * policy on the request) or when loaded by such a script ('strict-dynamic'): no inline script.
 * Styles allow inline attributes, which React and Next emit; they cannot run code.
 */
export function contentSecurityPolicy(nonce: string, options: { isDev: boolean; isHttps: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.isDev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.isHttps ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** For responses the proxy does not see (static files): nothing may run, embed or frame them. */
export const STATIC_CSP = "default-src 'none'; frame-ancestors 'none'";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

type RequestFacts = { method: string; secFetchSite: string | null; origin: string | null; host: string | null; allowedOrigins: readonly string[] };

/**
 * True for a state-changing request a browser sent from another site. Browsers send
 * Sec-Fetch-Site (or at least Origin) on every POST/PUT/DELETE; tools such as curl send neither,
 * carry no ambient cookies, and are let through to the role check.
 */
export function isCrossSiteWrite({ method, secFetchSite, origin, host, allowedOrigins }: RequestFacts): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  if (secFetchSite) return secFetchSite !== "same-origin" && secFetchSite !== "none";
  if (!origin) return false;
  if (origin === "null") return true;
  try {
    const url = new URL(origin);
    return url.host !== host && !allowedOrigins.includes(url.origin);
  } catch {
    return true;
  }
}

/** Two years, the preload list's minimum; no includeSubDomains: other hosts of the domain are not ours. */
export const HSTS_VALUE = "max-age=63072000";

/**
 * Whether a request reached us over HTTPS, for Strict-Transport-Security: the configured public URL
 * is https, or a trusted reverse proxy (PORTCULLIS_PROXY_HOPS > 0) says so in X-Forwarded-Proto.
 * Without a proxy the header is the client's own word and is not trusted.
 */
export function isServedOverHttps({ publicUrl, forwardedProto, trustedHops }: { publicUrl: string | undefined; forwardedProto: string | null; trustedHops: number }): boolean {
  if (publicUrl?.startsWith("https://")) return true;
  // Each proxy may append its own: the one nearest to us is the last.
  const nearest = forwardedProto?.split(",").at(-1)?.trim().toLowerCase();
  return trustedHops > 0 && nearest === "https";
}
