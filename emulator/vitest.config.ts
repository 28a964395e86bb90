import { defineConfig } from "vitest/config";

// Standalone config for the emulator's own tests (no portal globalSetup needed).
export default defineConfig({
  test: {
    include: ["emulator/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
  },
});
