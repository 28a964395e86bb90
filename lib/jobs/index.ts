// Background work on Postgres with pg-boss: every portal instance runs workers, and pg-boss's
// row locking hands each job to exactly one of them, so scaling out needs nothing else.
import PgBoss from "pg-boss";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { sweepCallbackAudit } from "@/lib/intake/callback-audit";
import { verifyUpload } from "@/lib/intake/verify";
import { pendingVerifications, reconcileOnce } from "./reconcile";

export const QUEUES = { verify: "verify-upload", reconcile: "reconcile-tokens", sweep: "verify-sweep", auditSweep: "callback-audit-sweep" } as const;

const globalForJobs = globalThis as unknown as { portalBoss?: PgBoss };

export async function startJobs(opts: { databaseUrl?: string; schedule?: boolean } = {}): Promise<PgBoss> {
  if (globalForJobs.portalBoss) return globalForJobs.portalBoss;
  const boss = new PgBoss({ connectionString: opts.databaseUrl ?? env().DATABASE_URL, schema: "pgboss", max: 4, application_name: "portal-jobs" });
  boss.on("error", (err) => log.error("jobs: pg-boss error", { error: err.message }));
  await boss.start();
  for (const name of Object.values(QUEUES)) await boss.createQueue(name, { name, retryLimit: 8, retryDelay: 15, retryBackoff: true });

  await boss.work<{ uploadId: string }>(QUEUES.verify, async ([job]) => {
    if (!job) return;
    const result = await verifyUpload(job.data.uploadId, { timeoutMs: 10_000 });
    // Thrown errors make pg-boss retry with backoff; "not_found" is final (never verified).
    if (result === "unavailable") throw new Error("TwentyThree unavailable; will retry");
    log.info("jobs: verification", { uploadId: job.data.uploadId, result });
  });
  await boss.work(QUEUES.reconcile, async () => {
    const r = await reconcileOnce();
    if (r.tokensChecked || r.expired) log.info("jobs: reconcile", r);
  });
  await boss.work(QUEUES.sweep, async () => {
    for (const id of await pendingVerifications()) await enqueueVerification(id, boss);
  });
  await boss.work(QUEUES.auditSweep, async () => {
    const removed = await sweepCallbackAudit();
    if (removed) log.info("jobs: swept rejected callback records past retention", { removed });
  });
  if (opts.schedule !== false) {
    // Cron granularity is one minute; pg-boss makes sure one instance runs each tick.
    await boss.schedule(QUEUES.reconcile, "* * * * *");
    await boss.schedule(QUEUES.sweep, "*/5 * * * *");
    // Hourly: the retention is counted in days, and each run deletes at most an hour's worth.
    await boss.schedule(QUEUES.auditSweep, "7 * * * *");
  }
  globalForJobs.portalBoss = boss;
  log.info("jobs: started");
  return boss;
}

export async function enqueueVerification(uploadId: string, boss = globalForJobs.portalBoss): Promise<void> {
  if (!boss) return; // no workers in this process (tests, scripts): the sweep picks it up later
  // singletonKey: one pending verification per upload, however many callbacks repeat.
  await boss.send(QUEUES.verify, { uploadId }, { singletonKey: uploadId, retryLimit: 8, retryDelay: 15, retryBackoff: true });
}

export async function stopJobs(): Promise<void> {
  await globalForJobs.portalBoss?.stop({ graceful: true, wait: true });
  globalForJobs.portalBoss = undefined;
}
