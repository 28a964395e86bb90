import { db } from "@/lib/db";
import { ensureDefaultConnection, reencryptConnections } from "@/lib/connections";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

export async function boot() {
  try {
    env();
  } catch (err) {
    log.error("settings are invalid", { error: (err as Error).message });
    throw err;
  }
  try {
    await ensureDefaultConnection(db());
    await reencryptConnections(db());
  } catch (err) {
    // The portal still serves pages (and /api/health says what is wrong) if the database is down.
    log.error("boot: could not prepare connections", { error: (err as Error).message });
  }
  try {
    const { startJobs } = await import("@/lib/jobs");
    await startJobs();
  } catch (err) {
    // Without workers uploads are still recorded by callbacks; reconciliation waits for the next start.
    log.error("boot: background jobs did not start", { error: (err as Error).message });
  }
}
