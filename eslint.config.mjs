// ESLint flat config: Next's rules (core web vitals + its TypeScript set, which brings
// typescript-eslint) for the portal. The emulator is linted with the same rules; generated
// code and build output are not ours to lint. Formatting is Prettier's job (npm run format).
import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...next,
  ...nextTs,
  {
    ignores: [
      "node_modules/**",
      "generated/**",
      ".next/**",
      ".next-*/**",
      ".data/**",
      "test-results/**",
      "playwright-report/**",
      "bench/results/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      // The React Compiler's rules police code written for the compiler, which this project does
      // not use: server components read the clock per request on purpose (purity), and the
      // uploader keeps the latest items in a ref for its async steps (refs). Rules of hooks and
      // exhaustive deps stay on.
      "react-hooks/purity": "off",
      "react-hooks/refs": "off",
      "react-hooks/set-state-in-effect": "off",
      // `_`-prefixed names are deliberately unused (positional parameters, omitted fields).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
  },
  {
    // Tests read untyped JSON answers from the emulator and the portal and assert on their shape.
    files: ["**/*.test.ts", "emulator/test/**", "e2e/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
];
export default config;
