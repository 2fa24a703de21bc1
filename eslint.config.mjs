import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: [".next/**", "node_modules/**", "generated/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  {
    // The core must run in the browser, the CLI and route handlers alike.
    files: ["lib/firewall/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["next", "next/*", "react", "react-dom", "react/*"], message: "lib/firewall is framework-free." },
            { group: ["@prisma/*", "**/generated/**", "@/lib/db", "server-only"], message: "lib/firewall does not touch the database." },
          ],
        },
      ],
    },
  },
];
export default config;
