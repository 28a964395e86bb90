import { defineConfig, devices } from "@playwright/test";
import { findChromium, systemProbes } from "./scripts/lib/browser";

// Chromium: the one `npm test` provisioned (PLAYWRIGHT_CHROMIUM_EXECUTABLE), else whatever
// scripts/lib/browser.ts finds on this machine (system Chromium/Chrome, Playwright's own browser).
const found = findChromium(systemProbes());
const executablePath = found && "executable" in found ? found.executable : undefined;

const port = Number(process.env.E2E_PORT ?? 3100);
// One database per run, named here so that the web server (e2e/server.ts) and the tests (e2e/db.ts)
// agree; workers inherit it from the main process.
process.env.E2E_DB_NAME ??= `e2e_${Date.now()}`;
const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
// The recorder specs only: Chromium's fake camera and microphone (a test pattern and a beep),
// permission granted without a prompt, or refused for the fallback spec.
const fakeMedia = ["--use-fake-device-for-media-stream", "--auto-select-desktop-capture-source=Entire screen"];
const recorderSpecs = /recorder(-denied|-details)?\.spec\.ts/;

export const emulatorUrl = `http://localhost:${process.env.E2E_EMULATOR_PORT ?? 4123}`;

export default defineConfig({
  testDir: "e2e",
  testMatch: /.*\.spec\.ts/,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.PW_JSON_OUTPUT ? [["list"], ["json", { outputFile: process.env.PW_JSON_OUTPUT }]] : [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath,
      args: chromiumArgs,
    },
  },
  projects: [
    { name: "setup", testMatch: /first-run\.setup\.ts/, use: { ...devices["Desktop Chrome"] } },
    { name: "chromium", dependencies: ["setup"], testIgnore: recorderSpecs, use: { ...devices["Desktop Chrome"] } },
    {
      name: "recorder",
      dependencies: ["setup"],
      testMatch: /recorder(-details)?\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], launchOptions: { executablePath, args: [...chromiumArgs, ...fakeMedia, "--use-fake-ui-for-media-stream"] } },
    },
    {
      name: "recorder-denied",
      dependencies: ["setup"],
      testMatch: /recorder-denied\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], launchOptions: { executablePath, args: [...chromiumArgs, ...fakeMedia, "--deny-permission-prompts"] } },
    },
  ],
  webServer: {
    command: "node --import tsx e2e/server.ts",
    url: `http://localhost:${port}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
  },
});
