// The emulator's seeded credentials in the portal's shape, read from the emulator package's own
// SEED (the one place they are written). Only the seed module is loaded, so Playwright specs can
// use this without starting or importing the emulator's server.
import { SEED } from "@twentythree-portal/emulator/seed";

export type EmulatorLevel = "write" | "super" | "read";

/** The emulator's seeded credentials for `level`, shaped like the portal's TwentyThree config. */
export function emulatorCredentials(level: EmulatorLevel = "write") {
  const c = SEED.credentials.find((x) => x.level === level);
  if (!c) throw new Error(`the emulator seeds no ${level} credentials`);
  return { consumerKey: c.consumerKey, consumerSecret: c.consumerSecret, accessToken: c.accessToken, accessTokenSecret: c.accessSecret };
}

/** Every secret the emulator seeds: none may ever reach a page, a log or an error message. */
export const EMULATOR_SECRETS: string[] = SEED.credentials.flatMap((c) => [c.consumerSecret, c.accessToken, c.accessSecret]);
