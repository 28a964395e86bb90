// Values the e2e web server is started with, shared with the tests that must never see them.
export const E2E_AUTH_SECRET = "e2e-auth-secret-0123456789abcdef0123456789";
// Every secret the emulator seeds, from its own seed data (test/emulator-seed.ts).
export { EMULATOR_SECRETS } from "../test/emulator-seed";
