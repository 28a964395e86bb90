// Values the e2e web server is started with, shared with the tests that must never see them.
export const E2E_AUTH_SECRET = "e2e-auth-secret-0123456789abcdef0123456789";
export const EMULATOR_SECRETS = ["emu-demo-consumer-secret", "emu-demo-access-secret", "emu-demo-access-token", "emu-super-consumer-secret", "emu-super-access-secret"];
