// The one bootstrap for integration tests that go through the portal's own modules: a fresh
// database cloned from the migrated template (test/db.ts), optionally the emulator in-process,
// the settings the portal reads (set before any @/lib module loads, since lib/env.ts parses once),
// and optionally the demo data `npm start` seeds, and the mail catcher as the SMTP server.
// Call it from beforeAll; close() in afterAll.
import type { EmulatorOptions } from "@twentythree-portal/emulator";
import type { PrismaClient } from "@/generated/prisma/client";
import { startMailCatcher, type MailCatcher } from "@/mailcatcher/catcher";
import { createTestDatabase } from "@/test/db";
import { startTestEmulator, type TestEmulator } from "@/test/emulator";

export type PortalOptions = {
  /** APP_URL the portal would run at (its callback URLs are built from it); unset: the default. */
  appUrl?: string;
  /** AUTH_SECRET (sessions and the signed callback state). */
  authSecret: string;
  /** Seed the demo link and default connection as `npm start` does (default true). */
  seed?: boolean;
  /** An existing database instead of a fresh clone (e.g. a cluster the test stops itself). */
  databaseUrl?: string;
  logLevel?: string;
  /** Further settings the portal reads (e.g. INVITE_REMINDER_HOUR_SECONDS, MAIL_FROM). */
  settings?: Record<string, string>;
  /** Emulator options (e.g. transcodeSeconds: 0 for videos that are ready at once). */
  emulator?: Partial<EmulatorOptions>;
};

export type Portal = { db: PrismaClient; databaseUrl: string; close(): Promise<void> };
export type PortalWithEmulator = Portal & { emu: TestEmulator };
export type PortalWithMail = PortalWithEmulator & { catcher: MailCatcher };

async function boot(opts: PortalOptions, emu?: TestEmulator): Promise<Portal> {
  const fresh = opts.databaseUrl ? undefined : await createTestDatabase();
  const databaseUrl = opts.databaseUrl ?? fresh!.url;
  const env: Record<string, string> = { DATABASE_URL: databaseUrl, AUTH_SECRET: opts.authSecret, ...opts.settings };
  if (opts.appUrl) env.APP_URL = opts.appUrl;
  if (emu) env.EMULATOR_PORT = String(emu.port);
  if (opts.logLevel) env.LOG_LEVEL = opts.logLevel;
  Object.assign(process.env, env);
  const db = (await import("@/lib/db")).db();
  if (opts.seed !== false) await (await import("@/lib/seed")).seedDemo(db, { admin: false });
  return {
    db,
    databaseUrl,
    async close() {
      await db.$disconnect();
      await fresh?.drop();
    },
  };
}

/** The portal's modules on a fresh database (db() is that database), without TwentyThree. */
export function startPortal(opts: PortalOptions): Promise<Portal> {
  return boot(opts);
}

/** The portal's modules on a fresh database, with the emulator as its default TwentyThree site. */
export async function startPortalWithEmulator(opts: PortalOptions): Promise<PortalWithEmulator> {
  const emu = await startTestEmulator(opts.emulator);
  const portal = await boot(opts, emu);
  return {
    ...portal,
    emu,
    async close() {
      await portal.close();
      await emu.close();
    },
  };
}

/** As startPortalWithEmulator, with the mail catcher as the portal's SMTP server (SMTP_URL). */
export async function startPortalWithMail(opts: PortalOptions): Promise<PortalWithMail> {
  const catcher = await startMailCatcher({ smtpPort: 0, webPort: 0 });
  const portal = await startPortalWithEmulator({ ...opts, settings: { SMTP_URL: `smtp://localhost:${catcher.smtpPort}`, ...opts.settings } });
  return {
    ...portal,
    catcher,
    async close() {
      await portal.close();
      await catcher.close();
    },
  };
}
