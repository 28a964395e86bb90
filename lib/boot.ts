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
    await ensureDefaultConnection();
    await reencryptConnections();
  } catch (err) {
    // The portal still serves pages (and /api/health says what is wrong) if the database is down.
    log.error("boot: could not prepare connections", { error: (err as Error).message });
  }
  try {
    const { startJobs, stopJobs } = await import("@/lib/jobs");
    await startJobs();
    // Stop taking jobs as soon as the server is told to stop (npm start stops the database only
    // after this process has exited, so pg-boss never sees its connections cut).
    for (const sig of ["SIGINT", "SIGTERM"] as const) process.once(sig, () => void stopJobs().catch(() => {}));
  } catch (err) {
    // Without workers uploads are still recorded by callbacks; reconciliation waits for the next start.
    log.error("boot: background jobs did not start", { error: (err as Error).message });
  }
}
