/** Where a visitor goes after signing in when no (acceptable) callbackUrl was given. */
export const DEFAULT_CALLBACK = "/servers";

// Any C0 control character or DEL, and the backslash: browsers strip tabs and newlines from URLs and
// read "\" as "/", so "/\t/evil.example" or "/\\evil.example" would leave the site after checking out.
const UNSAFE = /[\u0000-\u001f\u007f\\]/;
const BASE = new URL("http://portcullis.invalid");

/**
 * A path on this site to send a visitor to after sign-in, or DEFAULT_CALLBACK. The value is parsed
 * as a browser would (relative to our origin) and kept only if it stays on that origin; what is
 * returned is the parsed path, query and fragment, never the raw input, so nothing the browser would
 * reinterpret survives. Safe to put in a Location header (no control characters).
 */
export function safeCallback(value: string | string[] | undefined | null): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw || !raw.startsWith("/") || UNSAFE.test(raw)) return DEFAULT_CALLBACK;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return DEFAULT_CALLBACK;
  }
  // "/..//evil.example" parses to the path "//evil.example", which a browser reads as another host.
  if (url.origin !== BASE.origin || url.pathname.startsWith("//")) return DEFAULT_CALLBACK;
  return `${url.pathname}${url.search}${url.hash}`;
}
