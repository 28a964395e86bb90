// Putting work on pg-boss's queues, apart from the workers (lib/jobs/index.ts) so that any module
// can queue a job without importing every handler (which would make import cycles). The instance
// is the one lib/jobs/index.ts started in this process; without one (tests, scripts) nothing is
// queued and the sweeps pick the work up later.
import type PgBoss from "pg-boss";
import { log } from "@/lib/log";

export const QUEUES = {
  verify: "verify-upload",
  reconcile: "reconcile-tokens",
  sweep: "verify-sweep",
  auditSweep: "callback-audit-sweep",
  eventSweep: "event-sweep",
} as const;
/** Seconds until the follow job looks again: 2, 4, 8 … capped at 5 minutes. */
export const followDelaySeconds = (attempt: number) => Math.min(300, 2 ** Math.min(attempt + 1, 9));

/** "stately": at most one queued and one running follow job per upload (singletonKey), so a job
 * can queue its own successor while the sweep and verification never add a second one. */
export const FOLLOW_QUEUE = "follow-processing";
/** Dispatches an upload's recorded events (the outbox, lib/processing/events.ts) to e-mail and webhooks. */
export const EVENT_QUEUE = "upload-event";
export const MAIL_QUEUE = "send-mail";
export const DIGEST_QUEUE = "mail-digest";
export const WEBHOOK_QUEUE = "deliver-webhook";
/** Issue #15: chapters of a confirmed one-take recording, one job per upload at a time. */
export const CHAPTERS_QUEUE = "recording-chapters";
/** Issue #17: one delayed job per invitation's next reminder, and a sweep for reminders whose job was lost. */
export const REMINDER_QUEUE = "invitation-reminder";
export const REMINDER_SWEEP_QUEUE = "invitation-reminder-sweep";
/** Issue #17: a replace callback TwentyThree could not confirm at once, asked again with backoff
 * (5–10 s, then doubling: about 11 hours over its 12 tries; the 5-minute sweep queues it again after). */
export const REPLACE_CHECK_QUEUE = "replace-confirm";
const replaceCheckJob = (replacementId: string) => ({ singletonKey: replacementId, retryLimit: 12, retryDelay: 5, retryBackoff: true });

/** Attempts for one e-mail before it is marked failed (lib/mail/outbox.ts counts them). */
export const MAIL_MAX_ATTEMPTS = 10;

const globalForJobs = globalThis as unknown as { portalBoss?: PgBoss };
export const runningBoss = (): PgBoss | undefined => globalForJobs.portalBoss;
export const setRunningBoss = (boss: PgBoss | undefined) => {
  globalForJobs.portalBoss = boss;
};

// singletonKey names the upload, but pg-boss enforces it only on its short, singleton and stately
// queues: on this standard one the sweep can queue an upload again while its first job still
// waits (a TwentyThree outage). Both run; once one has confirmed the row, the other finds it no
// longer RECEIVED and skips (after dispatching nothing: the event is already out).
const verifyJob = (uploadId: string) => ({ singletonKey: uploadId, retryLimit: 8, retryDelay: 15, retryBackoff: true });
const eventJob = { retryLimit: 8, retryDelay: 15, retryBackoff: true };

/** Verifications in one statement (the sweep's, after an outage: one insert, not one per upload). */
export async function enqueueVerifications(uploadIds: string[], boss = runningBoss()): Promise<void> {
  if (!boss || !uploadIds.length) return; // no workers in this process (tests, scripts): the sweep picks them up later
  await boss.insert(uploadIds.map((uploadId) => ({ name: QUEUES.verify, data: { uploadId }, ...verifyJob(uploadId) })));
}

// Jobs queued from the callback's hot path (issue #20), sent together: whatever accepted callbacks
// queue within BATCH_MS goes to PostgreSQL as one boss.insert (one statement for many jobs, where
// each boss.send was a statement of its own). insert writes the same rows as send (same table,
// same ON CONFLICT DO NOTHING). Not awaited by the request, as before; a
// crash inside the window loses what a lost fire-and-forget send lost: the verify sweep queues
// any verification again. 50 ms (was 5): at a few hundred callbacks a second one insert then
// carries ten or more callbacks' jobs instead of one or two, and each insert is a transaction of
// its own in PostgreSQL (the third round: PostgreSQL's CPU per callback, docs/benchmarks.md). The
// workers poll every 2 s, so the wait is never what delays a job.
const BATCH_MS = 50;
let pending: PgBoss.JobInsert[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;

function flush(boss: PgBoss) {
  const jobs = pending;
  pending = [];
  timer = undefined;
  boss.insert(jobs).catch((err: Error) => log.warn("jobs: queueing after callbacks failed", { jobs: jobs.length, error: err.message.slice(0, 200) }));
}

/**
 * Whether callbacks are arriving in a burst at this instance: BURST_COUNT recorded or repeated
 * within the last second (lib/intake/receive.ts; refused ones, which anyone can send, do not
 * count). While they are, the verification worker holds the batch it fetched (at most 30 s) and
 * no worker fetches again at once (lib/jobs/index.ts afterBurst, againIfFull), so the follow-up
 * does not take the cores the callbacks themselves need; once the burst has passed, a worker
 * whose fetch came back full fetches again at once, and the backlog drains at the speed of the
 * work instead of one batch per poll. The last BURST_COUNT arrival times, in a ring.
 */
const BURST_COUNT = 10;
// On globalThis, as the running instance above: Next bundles the route that notes a callback and
// the instrumentation that runs the workers separately, each with its own copy of this module.
// Times are performance.now(): monotonic (a clock stepped back would otherwise look like a burst
// until it caught up) and one origin for the whole process, whichever bundle reads it.
const globalForBurst = globalThis as unknown as { portalCallbackArrivals?: { times: number[]; n: number } };
const arrivals = () => (globalForBurst.portalCallbackArrivals ??= { times: [], n: 0 });
export function callbackBurst(now = performance.now()): boolean {
  const { times, n } = arrivals();
  const oldest = times[n % BURST_COUNT]; // the BURST_COUNT-th most recent, once there are that many
  return oldest !== undefined && now - oldest < 1000;
}
export function noteCallback(now = performance.now()): void {
  const a = arrivals();
  a.times[a.n++ % BURST_COUNT] = now;
}

/** An accepted callback's follow-up: one verification job, which dispatches the upload's
 * "upload.received" and then checks ownership (lib/jobs/index.ts; lib/intake/receive.ts). */
export function enqueueReceived(uploadId: string, boss = runningBoss()): void {
  if (!boss) return; // no workers here: the verify sweep picks it up
  pending.push({ name: QUEUES.verify, data: { uploadId }, ...verifyJob(uploadId) });
  timer ??= setTimeout(() => flush(boss), BATCH_MS);
}

/** Follow an upload's processing on TwentyThree, after `attempt` looks (0 = now). */
export async function enqueueFollow(uploadId: string, attempt = 0, boss = runningBoss()): Promise<void> {
  if (!boss) return; // no workers here: the sweep queues it
  await boss.send(
    FOLLOW_QUEUE,
    { uploadId, attempt },
    { singletonKey: uploadId, startAfter: attempt ? followDelaySeconds(attempt) : 0, retryLimit: 8, retryDelay: 15, retryBackoff: true },
  );
}

/** Dispatch an upload's undispatched events now (they are stored: without a job, the event sweep does it). */
export async function enqueueUploadEvents(uploadId: string, boss = runningBoss()): Promise<void> {
  if (!boss) return;
  await boss.send(EVENT_QUEUE, { uploadId }, eventJob);
}

export async function enqueueMail(messageId: string, boss = runningBoss()): Promise<void> {
  if (!boss) return; // the sweep sends what is still pending
  await boss.send(MAIL_QUEUE, { messageId }, { retryLimit: MAIL_MAX_ATTEMPTS, retryDelay: 30, retryBackoff: true });
}

export async function enqueueWebhook(deliveryId: string, inSeconds = 0, boss = runningBoss()): Promise<void> {
  if (!boss) return; // the sweep sends what is due
  await boss.send(WEBHOOK_QUEUE, { deliveryId }, { startAfter: inSeconds, retryLimit: 2, retryDelay: 60 });
}

/** Create a one-take recording's chapters (lib/recording/chapters.ts); retried with backoff. */
export async function enqueueChapters(uploadId: string, boss = runningBoss()): Promise<void> {
  if (!boss) return; // the sweep queues it
  await boss.send(CHAPTERS_QUEUE, { uploadId }, { singletonKey: uploadId, retryLimit: 8, retryDelay: 10, retryBackoff: true });
}

/** The invitation's next reminder, when it is due (the job checks again that it still should go). */
export async function enqueueReminder(invitationId: string, inSeconds: number, boss = runningBoss()): Promise<void> {
  if (!boss) return; // the sweep sends what is due
  await boss.send(REMINDER_QUEUE, { invitationId }, { startAfter: Math.max(0, Math.ceil(inSeconds)), retryLimit: 5, retryDelay: 30, retryBackoff: true });
}

/** Ask TwentyThree again whether a replacement happened (lib/contributor/replace-confirm.ts). */
export async function enqueueReplaceCheck(replacementId: string, boss = runningBoss()): Promise<void> {
  if (!boss) return; // the sweep queues it
  await boss.send(REPLACE_CHECK_QUEUE, { replacementId }, replaceCheckJob(replacementId));
}
