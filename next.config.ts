import type { NextConfig } from "next";
import { STATIC_CSP } from "./lib/security/headers";
import { REQUEST_BODY_LIMIT_BYTES } from "./lib/validations/import";

const nextConfig: NextConfig = {
  // Native modules stay outside the server bundle.
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2"],
  poweredByHeader: false,
  typedRoutes: false,
  // forbidden() in requireUser: a page the role does not allow answers 403 with app/forbidden.tsx.
  // One limit for every body (lib/validations/import.ts): an import at the format's maximum comes
  // through the import form's action or POST /api/import, both behind proxy.ts, whose body copy
  // Next cuts at 10 MiB unless told otherwise (the route would then read a truncated file).
  experimental: {
    authInterrupts: true,
    serverActions: { bodySizeLimit: REQUEST_BODY_LIMIT_BYTES },
    proxyClientMaxBodySize: REQUEST_BODY_LIMIT_BYTES,
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          // Stricter than strict-origin-when-cross-origin: other sites learn nothing, not even the origin.
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
        ],
      },
      // Pages get a per-request nonce policy from proxy.ts; files it does not see get this one.
      { source: "/_next/static/:path*", headers: [{ key: "Content-Security-Policy", value: STATIC_CSP }] },
      { source: "/:file(favicon.ico|robots.txt|icon.svg|logo.svg)", headers: [{ key: "Content-Security-Policy", value: STATIC_CSP }] },
    ];
  },
};

export default nextConfig;
