// Over 200 lines: every queue's worker is registered here, the one module that imports the handlers (anything else queues through ./queue.ts without import cycles).
// Background work on Postgres with pg-boss: every portal instance runs workers, and pg-boss's
// row locking hands each job to exactly one of them, so scaling out needs nothing else.
import PgBoss from "pg-boss";
import pLimit from "p-limit";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { sweepCallbackAudit } from "@/lib/intake/callback-audit";
import { verifyUpload } from "@/lib/intake/verify";
import { announceUploadEvents } from "@/lib/processing/events";
import { followProcessing, pendingProcessing } from "@/lib/processing/follow";
import { dispatchPendingEvents, pruneDispatchedEvents } from "@/lib/notify/dispatch";
import { deliverWebhook, deliveryEndpoints, dueWebhooks } from "@/lib/webhooks/deliver";
import { deliverMail, queueDigests, unsentMail } from "@/lib/mail/outbox";
import { createChapters, pendingChapters } from "@/lib/recording/chapters";
import { dueReminders, sendDueReminder } from "@/lib/invitations/sending";
import { confirmingReplacements, recheckReplacement } from "@/lib/contributor/replace-confirm";
import { pendingVerifications, reconcileOnce } from "./reconcile";
import {
  callbackBurst,
  CHAPTERS_QUEUE,
  DIGEST_QUEUE,
  enqueueChapters,
  enqueueFollow,
  enqueueMail,
  enqueueReminder,
  enqueueReplaceCheck,
  enqueueVerifications,
  enqueueWebhook,
  EVENT_QUEUE,
  FOLLOW_QUEUE,
  MAIL_MAX_ATTEMPTS,
  MAIL_QUEUE,
  QUEUES,
  REMINDER_QUEUE,
  REMINDER_SWEEP_QUEUE,
  REPLACE_CHECK_QUEUE,
  runningBoss,
  setRunningBoss,
  WEBHOOK_QUEUE,
} from "./queue";

export { enqueueFollow, enqueueMail, enqueueUploadEvents, enqueueVerifications, enqueueWebhook, QUEUES } from "./queue";

type JobOptions = {
  databaseUrl?: string;
  schedule?: boolean;
  /** Seconds between a worker's polls (pg-boss's default, 2); tests lengthen it to see what one poll takes. */
  pollSeconds?: number;
  /** The longest a fetched batch waits for a burst of callbacks to pass (afterBurst; default 30). */
  burstHoldSeconds?: number;
};

/**
 * Jobs that hold a database transaction for their whole run and ask the pool for a second
 * connection inside it (a mail's SMTP send, an event's fan-out and the event sweep, a recording's
 * chapters). The pool has 10 (lib/db.ts), shared with the pages: ten such jobs at once would hold
 * all ten while each waits for an eleventh, until the pool's time-out fails them all (seen with a
 * burst of twelve uploads' mail). At most three at once per instance: six connections, plus the
 * webhook sends' two (one each, nothing nested), so the pages always have some.
 */
const holdingTransaction = pLimit(3);
const holding =
  <J>(handle: (job: J) => Promise<void>) =>
  (job: J) =>
    holdingTransaction(() => handle(job));

/**
 * A worker that takes up to `size` jobs per poll and runs them side by side. pg-boss 10 fetches
 * `batchSize` jobs (default 1) and then waits out its polling interval, so a worker of one job per
 * poll drains 0.5 jobs a second per instance: after a burst of uploads at an event, the team would
 * hear of them (verification, then the mail) many minutes late. A job that throws is failed on its
 * own, so pg-boss retries it with its queue's back-off; the others complete as usual.
 */
async function workEach<T extends object>(
  boss: PgBoss,
  queue: string,
  size: number,
  poll: number | undefined,
  handle: (job: PgBoss.Job<T>) => Promise<void>,
  opts: { holdForBurst?: boolean } = {},
) {
  const worker: { id?: string } = {};
  worker.id = await boss.work<T>(queue, { batchSize: size, ...(poll ? { pollingIntervalSeconds: poll } : {}) }, async (jobs) => {
    if (opts.holdForBurst) await afterBurst();
    const failed: Failed = [];
    await Promise.all(
      jobs.map(async (job) => {
        try {
          await handle(job);
        } catch (err) {
          failed.push([job.id, (err as Error).message.slice(0, 500)]);
        }
      }),
    );
    await failAtEnd(boss, queue, failed);
    againIfFull(boss, worker, jobs.length, size);
  });
}

/**
 * While callbacks pour in at this instance (ten recorded or repeated within a second,
 * lib/jobs/queue.ts callbackBurst), the verification worker holds the batch it fetched until
 * they stop, at most `burstHold.ms` (30 s), and then runs it; it holds one batch at a time, so no
 * other verification starts meanwhile. Each verification (the upload's events' dispatch, a call
 * to TwentyThree, several statements through Prisma) then runs after the burst, when the backlog
 * is drained at once (againIfFull), instead of taking the cores the callbacks need: in the
 * bench, unique callbacks at c = 16 ran at 0.70–1.14 of the floor in four runs with the hold,
 * 0.64–0.80 in five without (docs/benchmarks.md, tenth round). Only that worker is held: mail,
 * webhooks, reminders and the rest keep their pace. A hold that reached its cap is not followed
 * by another for as long (a burst that never ends still has its uploads verified, half of the
 * time at the polling pace); a job is held well within pg-boss's expiry (15 minutes); stopping
 * the workers ends every hold at once.
 */
const burstHold = { ms: 30_000, stopping: false, cappedAt: -Infinity };
async function afterBurst(): Promise<void> {
  const start = performance.now();
  if (start - burstHold.cappedAt < burstHold.ms) return;
  while (!burstHold.stopping && callbackBurst()) {
    if (performance.now() - start >= burstHold.ms) {
      burstHold.cappedAt = performance.now();
      return;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * pg-boss 10 waits out what is left of its polling interval after every fetch, even one that came
 * back full: a worker of 20 jobs per 2 s poll verified a burst of 3 000 uploads in five minutes
 * (the bench's drains, docs/benchmarks.md). A full fetch means more is waiting, so the worker is
 * told to fetch again as soon as this batch ends (notifyWorker skips that wait once), unless
 * callbacks are still arriving in a burst (lib/jobs/queue.ts callbackBurst): then the worker
 * fetches at its polling pace (pg-boss fetches at once when the batch outlasted the interval,
 * as one held to its cap does). Still at most one batch at once per worker (20 calls to
 * TwentyThree for the verifications). Called as a batch ends, before pg-boss waits.
 */
function againIfFull(boss: PgBoss, worker: { id?: string }, fetched: number, size: number) {
  if (fetched >= size && worker.id && !callbackBurst()) boss.notifyWorker(worker.id);
}

type Failed = Array<[id: string, message: string]>;
/**
 * Jobs that threw are failed (pg-boss retries them with back-off) when their batch ends, not as
 * each throws: pg-boss completes every job of a batch still active when the handler returns, so a
 * retry failed early, fetched again elsewhere and still running would be marked done by this batch.
 */
async function failAtEnd(boss: PgBoss, queue: string, failed: Failed) {
  for (const [id, message] of failed) await boss.fail(queue, id, { message });
}

/**
 * A worker for queues whose order matters per key (an upload's events, an endpoint's webhooks):
 * up to `size` jobs per poll, grouped by `keyOf`; a group's jobs run one after another, oldest
 * first (pg-boss hands a batch out unordered), and groups run side by side, at most `parallel` at
 * once. `once`: one run of the handler serves every job of its group (the event jobs, which each
 * ask "dispatch what this upload has pending": one dispatch after the fetch covers them all).
 * A group that throws is failed (pg-boss retries it with back-off); the other groups complete.
 * Written here because pg-boss has no per-key ordering for a batch (its `stately` policy only
 * limits a key to one active job).
 */
async function workInOrder<T extends object>(
  boss: PgBoss,
  queue: string,
  opts: { size: number; poll?: number; parallel: number; once?: boolean; keyOf: (jobs: PgBoss.JobWithMetadata<T>[]) => Promise<Map<string, string>> },
  handle: (job: PgBoss.JobWithMetadata<T>) => Promise<void>,
) {
  const worker: { id?: string } = {};
  worker.id = await boss.work<T>(
    queue,
    { batchSize: opts.size, includeMetadata: true, ...(opts.poll ? { pollingIntervalSeconds: opts.poll } : {}) },
    async (jobs) => {
      const keys = await opts.keyOf(jobs);
      const groups = new Map<string, PgBoss.JobWithMetadata<T>[]>();
      const oldestFirst = [...jobs].sort((a, b) => a.createdOn.getTime() - b.createdOn.getTime() || a.id.localeCompare(b.id));
      for (const job of oldestFirst) {
        const key = keys.get(job.id) ?? job.id;
        groups.set(key, [...(groups.get(key) ?? []), job]);
      }
      const failed: Failed = [];
      const runGroup = async (group: PgBoss.JobWithMetadata<T>[]) => {
        const runs = opts.once ? [group] : group.map((job) => [job]);
        for (const [i, run] of runs.entries()) {
          try {
            await handle(run[0]!);
          } catch (err) {
            // This job and the group's later ones (their order depends on it) go back for a retry.
            const message = (err as Error).message.slice(0, 500);
            for (const j of runs.slice(i).flat()) failed.push([j.id, message]);
            return;
          }
        }
      };
      const queued = [...groups.values()];
      const lanes = Array.from({ length: Math.min(opts.parallel, queued.length) }, async () => {
        for (let group = queued.shift(); group; group = queued.shift()) await runGroup(group);
      });
      await Promise.all(lanes);
      await failAtEnd(boss, queue, failed);
      againIfFull(boss, worker, jobs.length, opts.size);
    },
  );
}

async function startOnce(opts: JobOptions): Promise<PgBoss> {
  const running = runningBoss();
  if (running) return running;
  const boss = new PgBoss({ connectionString: opts.databaseUrl ?? env().DATABASE_URL, schema: "pgboss", max: 4, application_name: "portal-jobs" });
  boss.on("error", (err) => log.error("jobs: pg-boss error", { error: err.message }));
  try {
    await boss.start();
    await setUp(boss, opts);
  } catch (err) {
    await boss.stop({ graceful: false, wait: true }).catch(() => {});
    throw err;
  }
  setRunningBoss(boss);
  log.info("jobs: started");
  return boss;
}

/**
 * Start pg-boss and its workers. Instances starting together on one database create the same
 * queues at the same moment, and PostgreSQL may pick one of them as a deadlock victim: that
 * attempt is stopped and tried again after a short random pause, so every instance ends up with
 * its workers (the e2e scale-out test starts two at once).
 */
export async function startJobs(opts: JobOptions = {}): Promise<PgBoss> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(opts);
    } catch (err) {
      if (attempt >= 5) throw err;
      log.warn("jobs: start failed, trying again", { attempt, error: (err as Error).message });
      await new Promise((r) => setTimeout(r, 500 + Math.random() * 1500 * attempt));
    }
  }
}

async function setUp(boss: PgBoss, opts: JobOptions): Promise<void> {
  const poll = opts.pollSeconds;
  burstHold.ms = (opts.burstHoldSeconds ?? 30) * 1000;
  burstHold.stopping = false;
  burstHold.cappedAt = -Infinity;
  for (const name of Object.values(QUEUES)) await boss.createQueue(name, { name, retryLimit: 8, retryDelay: 15, retryBackoff: true });
  await boss.createQueue(MAIL_QUEUE, { name: MAIL_QUEUE, retryLimit: MAIL_MAX_ATTEMPTS, retryDelay: 30, retryBackoff: true });
  // Retries follow the Standard Webhooks schedule (lib/webhooks/deliver.ts), queued by the job itself.
  await boss.createQueue(WEBHOOK_QUEUE, { name: WEBHOOK_QUEUE, retryLimit: 2, retryDelay: 60 });
  await boss.createQueue(DIGEST_QUEUE, { name: DIGEST_QUEUE, retryLimit: 3 });
  await boss.createQueue(EVENT_QUEUE, { name: EVENT_QUEUE, retryLimit: 8, retryDelay: 15, retryBackoff: true });
  await boss.createQueue(FOLLOW_QUEUE, { name: FOLLOW_QUEUE, policy: "stately", retryLimit: 8, retryDelay: 15, retryBackoff: true });
  await boss.createQueue(CHAPTERS_QUEUE, { name: CHAPTERS_QUEUE, retryLimit: 8, retryDelay: 10, retryBackoff: true });

  await workEach<{ uploadId: string }>(
    boss,
    QUEUES.verify,
    20,
    poll,
    async (job) => {
      const { uploadId } = job.data;
      // The callback's "upload.received" goes out from this job, before TwentyThree is asked, so an
      // accepted callback queues one job, not a verification and a dispatch of its own. A dispatch
      // that fails is handed to the event queue (the sweep is the net behind it) and does not hold
      // up the verification.
      await holdingTransaction(() => dispatchPendingEvents({ uploadId })).catch(async (err: Error) => {
        log.warn("jobs: dispatch before verification failed; queued on its own", { uploadId, error: err.message.slice(0, 200) });
        await announceUploadEvents(uploadId);
      });
      const result = await verifyUpload(uploadId, { timeoutMs: 10_000 });
      // Thrown errors make pg-boss retry with backoff; "not_found" is final (never verified).
      if (result === "unavailable") throw new Error("TwentyThree unavailable; will retry");
      log.info("jobs: verification", { uploadId, result });
      // The confirmation recorded and announced its "upload.verified" event (the outbox).
      if (result === "verified") await enqueueFollow(uploadId, 0, boss);
    },
    { holdForBurst: true },
  );
  await workEach<{ uploadId: string; attempt?: number }>(boss, FOLLOW_QUEUE, 20, poll, async (job) => {
    const attempt = job.data.attempt ?? 0;
    // A change of state records and announces its own event (the outbox).
    const r = await followProcessing(job.data.uploadId);
    if (r.kind === "unavailable") throw new Error("TwentyThree unavailable; will retry");
    // Not final yet: look again later, backing off (the time-out in followProcessing ends it).
    if (r.kind === "followed" && r.state === "PROCESSING") await enqueueFollow(job.data.uploadId, attempt + 1, boss);
  });
  // An upload's events go out in order (one dispatch per upload at a time, oldest event first);
  // different uploads' side by side. One job per poll was 0.5 events a second per instance: after a
  // burst of uploads the team's "new upload" mail and the webhooks came minutes late.
  await workInOrder<{ uploadId: string }>(
    boss,
    EVENT_QUEUE,
    { size: 50, poll, parallel: 2, once: true, keyOf: async (jobs) => new Map(jobs.map((j) => [j.id, j.data.uploadId])) },
    holding(async (job) => {
      await dispatchPendingEvents({ uploadId: job.data.uploadId });
    }),
  );
  // The outbox's net: events whose dispatch job was never queued (or failed) go out within a minute or two.
  await boss.work(QUEUES.eventSweep, async () => {
    const n = await holdingTransaction(() => dispatchPendingEvents({ olderThanMs: 30_000 }));
    if (n) log.info("jobs: dispatched events that missed their job", { events: n });
    await pruneDispatchedEvents();
  });
  await workEach<{ uploadId: string }>(
    boss,
    CHAPTERS_QUEUE,
    5,
    poll,
    holding(async (job) => {
      const r = await createChapters(job.data.uploadId);
      // Thrown: pg-boss retries with backoff (createChapters gives up after its own attempt count).
      if (r.kind === "retry" || r.kind === "busy") throw new Error(`chapters: ${r.kind === "retry" ? r.error : "another worker holds this upload"}`);
    }),
  );
  await workEach<{ messageId: string }>(
    boss,
    MAIL_QUEUE,
    10,
    poll,
    holding(async (job) => {
      await deliverMail(job.data.messageId); // throws on SMTP failure: pg-boss retries with back-off
    }),
  );
  // First attempts reach an endpoint one at a time, oldest first (per instance; a failed attempt
  // is retried on its own schedule, after newer ones); different endpoints side by side, so a slow
  // or dead one holds up only its own. A send holds one connection (its transaction, nothing
  // nested) for up to its 10 s time-out: two at once, outside the limit above, so a dead
  // endpoint does not hold up the mail.
  await workInOrder<{ deliveryId: string }>(
    boss,
    WEBHOOK_QUEUE,
    {
      size: 10,
      poll,
      parallel: 2,
      keyOf: async (jobs) =>
        deliveryEndpoints(jobs.map((j) => j.data.deliveryId)).then((m) => new Map(jobs.map((j) => [j.id, m.get(j.data.deliveryId) ?? j.id]))),
    },
    async (job) => {
      const r = await deliverWebhook(job.data.deliveryId);
      if (r.kind === "retry") await enqueueWebhook(job.data.deliveryId, r.inSeconds, boss);
    },
  );
  await boss.work(DIGEST_QUEUE, async () => {
    for (const id of await queueDigests()) await enqueueMail(id, boss);
  });
  await boss.createQueue(REMINDER_QUEUE, { name: REMINDER_QUEUE, retryLimit: 5, retryDelay: 30, retryBackoff: true });
  await boss.createQueue(REMINDER_SWEEP_QUEUE, { name: REMINDER_SWEEP_QUEUE, retryLimit: 1 });
  // Issue #17: a reminder job sends if still due and wanted, then schedules the next one.
  const remind = async (invitationId: string) => {
    const r = await sendDueReminder(invitationId);
    if (r.nextAt) await enqueueReminder(invitationId, (r.nextAt.getTime() - Date.now()) / 1000, boss);
  };
  await workEach<{ invitationId: string }>(boss, REMINDER_QUEUE, 10, poll, async (job) => {
    await remind(job.data.invitationId);
  });
  await boss.work(REMINDER_SWEEP_QUEUE, async () => {
    for (const id of await dueReminders()) await remind(id);
  });
  await boss.createQueue(REPLACE_CHECK_QUEUE, { name: REPLACE_CHECK_QUEUE, policy: "stately", retryLimit: 12, retryDelay: 5, retryBackoff: true });
  await workEach<{ replacementId: string }>(boss, REPLACE_CHECK_QUEUE, 5, poll, async (job) => {
    const r = await recheckReplacement(job.data.replacementId);
    // Thrown: pg-boss asks again later, backing off (recheckReplacement gives up after days).
    if (r === "retry") throw new Error("TwentyThree unavailable; will confirm the replacement later");
    log.info("jobs: replacement re-checked", { replacementId: job.data.replacementId, result: r });
  });
  await boss.work(QUEUES.reconcile, async () => {
    const { confirmed, ...r } = await reconcileOnce();
    if (r.tokensChecked || r.expired) log.info("jobs: reconcile", r);
    for (const id of confirmed) await enqueueFollow(id, 0, boss);
  });
  await boss.work(QUEUES.sweep, async () => {
    await enqueueVerifications(await pendingVerifications(), boss);
    for (const id of await pendingProcessing()) await enqueueFollow(id, 0, boss);
    for (const id of await pendingChapters()) await enqueueChapters(id, boss);
    for (const id of await unsentMail()) await enqueueMail(id, boss);
    for (const id of await dueWebhooks()) await enqueueWebhook(id, 0, boss);
    for (const id of await confirmingReplacements()) await enqueueReplaceCheck(id, boss);
  });
  await boss.work(QUEUES.auditSweep, async () => {
    const removed = await sweepCallbackAudit();
    if (removed) log.info("jobs: swept rejected callback records past retention", { removed });
  });
  if (opts.schedule !== false) {
    // Cron granularity is one minute; pg-boss makes sure one instance runs each tick.
    await boss.schedule(QUEUES.reconcile, "* * * * *");
    await boss.schedule(QUEUES.sweep, "*/5 * * * *");
    await boss.schedule(QUEUES.eventSweep, "* * * * *");
    // Hourly: the retention is counted in days, and each run deletes at most an hour's worth.
    await boss.schedule(QUEUES.auditSweep, "7 * * * *");
    // Daily digests of the day before (UTC), at 08:00 UTC.
    await boss.schedule(DIGEST_QUEUE, "0 8 * * *");
    await boss.schedule(REMINDER_SWEEP_QUEUE, "*/5 * * * *");
  }
}

export async function stopJobs(): Promise<void> {
  burstHold.stopping = true; // a batch held for a burst runs now, so the stop does not wait for it
  await runningBoss()?.stop({ graceful: true, wait: true });
  setRunningBoss(undefined);
}
