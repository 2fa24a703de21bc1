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
    // next/link prefetches its target as a page; a JSON route answered that prefetch with a body the
    // router never read, so the request stayed open (a page that never went network-idle). Plain <a>.
    files: ["app/**/*.tsx", "components/**/*.tsx"],
    rules: {
      "no-restricted-syntax": ["error", {
        selector: "JSXOpeningElement[name.name='Link'] > JSXAttribute[name.name='href'] Literal[value=/^\\/api\\//]",
        message: "Link to a JSON route: use a plain <a>, so the router does not prefetch it as a page.",
      }, {
        selector: "JSXOpeningElement[name.name='Link'] > JSXAttribute[name.name='href'] TemplateElement[value.raw=/^\\/api\\//]",
        message: "Link to a JSON route: use a plain <a>, so the router does not prefetch it as a page.",
      }],
    },
  },
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
