// ESLint: the Next.js rules (React, hooks, a11y, import, Core Web Vitals) and typescript-eslint's recommended rules.
// `npm run lint` must pass with no warnings; a rule turned off or down here says why.
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  // Report a disable comment whose rule no longer fires there, so none outlives its reason.
  { linterOptions: { reportUnusedDisableDirectives: "error" } },
  {
    rules: {
      // Values only the browser has (localStorage, the reader's time zone) are read in a mount effect so the
      // server's HTML and the first client render agree; a picker's text and an edit draft follow a live prop.
      // The rule's alternatives (useSyncExternalStore, state adjusted during render) would change when these
      // components render, for no bug fixed.
      "react-hooks/set-state-in-effect": "off",
      // Leaving fields out by destructuring the rest (`{ secret: _secret, ...shown }`) is deliberate.
      "@typescript-eslint/no-unused-vars": ["warn", { ignoreRestSiblings: true }],
    },
  },
  {
    // Tests read JSON bodies and socket payloads off the wire (`api<T = any>`) and assert on their shape:
    // `expect` is the check there, and typing every payload would repeat the DTOs for no safety.
    files: ["e2e/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  globalIgnores([
    "lib/generated/**",
    ".next/**",
    "node_modules/**",
    "test-results/**",
    "playwright-report/**",
    ".conn-data/**",
    ".conn-test-data/**",
    "next-env.d.ts",
  ]),
]);
