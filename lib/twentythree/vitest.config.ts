// Standalone config for this folder: the root config's globalSetup starts Postgres, which the
// TwentyThree client tests do not need. Run: npx vitest run lib/twentythree --config lib/twentythree/vitest.config.ts
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname, "../..") } },
  test: {
    root: path.resolve(import.meta.dirname, "../.."),
    include: ["lib/twentythree/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    pool: "forks",
  },
});
