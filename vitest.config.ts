// One Vitest configuration, three projects:
// - unit: no database, no servers (`*.test.ts` outside emulator/ that are not integration tests);
// - integration: `*.integration.test.ts`, against a throwaway PostgreSQL (test/global-setup.ts)
//   and, where they need TwentyThree, the emulator in-process (test/integration.ts);
// - emulator: the emulator package's own tests (emulator/test), which need neither.
// `npx vitest run --project unit` runs one of them; `npm test -- unit` runs all three.
import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
const ignored = ["**/node_modules/**", "e2e/**", ".next/**", ".next-*/**", ".data/**", "**/.data/**"];

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // `import "server-only"` throws outside React's server build; tests run server modules in Node.
      "server-only": path.resolve(root, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["**/*.test.ts"], exclude: [...ignored, "emulator/**", "**/*.integration.test.ts"] },
      },
      {
        extends: true,
        // next-auth imports "next/server" without an extension, which Node's ESM loader refuses;
        // inlined, Vite resolves it as Next's own bundler does.
        test: {
          name: "integration",
          server: { deps: { inline: ["next-auth", "@auth/core"] } },
          include: ["**/*.integration.test.ts"],
          exclude: [...ignored, "emulator/**"],
          globalSetup: ["./test/global-setup.ts"],
        },
      },
      {
        extends: true,
        test: { name: "emulator", root: path.join(root, "emulator"), include: ["test/**/*.test.ts"], exclude: ignored, hookTimeout: 30_000 },
      },
    ],
  },
});
