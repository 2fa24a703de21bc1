import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Data flows app -> components -> lib: nothing below app/ imports from it (shared types live in lib).
const NOT_FROM_APP = { regex: "^(@/|(\\.\\.?/)+)app(/|$)", message: "components/ and lib/ do not import from app/: move what is shared into lib/." };
// The core must run in the browser, the CLI and route handlers alike.
const FRAMEWORK_FREE = [
  { group: ["next", "next/*", "react", "react-dom", "react/*"], message: "lib/firewall is framework-free." },
  { group: ["@prisma/*", "**/generated/**", "@/lib/db", "server-only"], message: "lib/firewall does not touch the database." },
  { group: ["@/tests/*", "**/tests/**"], message: "lib/firewall is production code: samples and fixtures live in tests/support." },
];

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: [".next/**", "node_modules/**", "generated/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  {
    files: ["components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: [NOT_FROM_APP] }] },
  },
  {
    files: ["lib/firewall/**/*.ts"],
    ignores: ["lib/firewall/**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [NOT_FROM_APP, ...FRAMEWORK_FREE] }] },
  },
  {
    // Tests beside the core use the shared test support, never the framework.
    files: ["lib/firewall/**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [NOT_FROM_APP, ...FRAMEWORK_FREE.slice(0, 2)] }] },
  },
];
export default config;
