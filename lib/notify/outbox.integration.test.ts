// Issue #16: the event outbox. When queueing work fails at the moment an upload's state changes
// (here pg-boss's pool is closed, as when its database connection drops), the event is still
// stored with the change, and the minute sweep later sends its mail and webhook exactly once.
// Real Postgres and pg-boss, the emulator over HTTP, the mail catcher over SMTP, a real receiver.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import PgBoss from "pg-boss";
import type { MailCatcher } from "@/mailcatcher/catcher";
import type { TestEmulator } from "@/test/emulator";
import { readFixture } from "@/test/fixtures";
import { startPortalWithMail, type PortalWithMail } from "@/test/integration";

const clip = readFixture("clip.mp4");
let portal: PortalWithMail;
let emu: TestEmulator;
let catcher: MailCatcher;
let dbUrl: string;
let dbm: typeof import("@/lib/db");
let jobs: typeof import("@/lib/jobs");
let queue: typeof import("@/lib/jobs/queue");
let swept: string | undefined; // the first test's upload, its events sent

const hooks: Array<{ id: string; body: string }> = [];
const receiver = http.createServer((req, res) => {
  let body = "";
  req.on("data", (c: Buffer) => (body += c.toString()));
  req.on("end", () => {
    hooks.push({ id: String(req.headers["webhook-id"]), body });
    res.writeHead(204).end();
  });
});

beforeAll(async () => {
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  portal = await startPortalWithMail({
    appUrl: "http://localhost:3993",
    authSecret: "outbox-test-secret-0123456789abcdef012345",
    logLevel: "error",
    emulator: { transcodeSeconds: 0 },
    settings: { MAIL_FROM: "Portal <portal@example.com>" },
  });
  ({ emu, catcher, databaseUrl: dbUrl } = portal);
  dbm = await import("@/lib/db");
  jobs = await import("@/lib/jobs");
  queue = await import("@/lib/jobs/queue");
  const link = await dbm.db().intakeLink.update({ where: { slug: "demo" }, data: { notifyEmails: ["team@example.com"], notifyMode: "EACH" } });
  const { createEndpoint } = await import("@/lib/webhooks/endpoints");
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  const created = await createEndpoint({ connectionId: link.connectionId, url, events: ["upload.verified"] });
  if (!created.ok) throw new Error(created.message);
});
afterAll(async () => {
  await jobs?.stopJobs();
  await portal?.close();
  receiver.close();
});

/** A visitor's upload reaches TwentyThree, calls back and is verified (the verify job's work). */
async function uploadAndVerify(who: string): Promise<string> {
  const { mintToken } = await import("@/lib/intake/mint");
  const { receiveCallback } = await import("@/lib/intake/receive");
  const { verifyUpload } = await import("@/lib/intake/verify");
  const link = await dbm.db().intakeLink.findUniqueOrThrow({ where: { slug: "demo" } });
  const minted = await mintToken({ link, details: { name: who, email: "v@example.com", title: `${who}'s story`, description: undefined, consent: true } });
  if (!minted.ok) throw new Error(minted.message);
  const form = new FormData();
  form.set("upload_token", minted.uploadToken);
  form.set("file", new Blob([new Uint8Array(clip)], { type: "video/mp4" }), "clip.mp4");
  const res = await fetch(`${emu.url}/api/photo/redeem-upload-token`, { method: "POST", body: form, redirect: "manual" });
  const params = Object.fromEntries(new URL(res.headers.get("location")!).searchParams.entries());
  expect((await receiveCallback("GET", params, "198.51.100.20")).status).toBe(303);
  const row = await dbm.db().upload.findFirstOrThrow({ where: { contributorName: who } });
  expect(await verifyUpload(row.id)).toBe("verified");
  return row.id;
}

async function until(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("event outbox", () => {
  it("an event whose job could not be queued is stored with the change, and the sweep sends its mail and webhook exactly once", async () => {
    // pg-boss started, then its pool closed: every send at the state change fails.
    const broken = new PgBoss({ connectionString: dbUrl, schema: "pgboss", max: 1 });
    await broken.start();
    await broken.stop({ graceful: false, wait: true });
    queue.setRunningBoss(broken);
    await expect(queue.enqueueUploadEvents("00000000-0000-4000-8000-000000000000")).rejects.toThrow();

    const id = await uploadAndVerify("Mary Jackson");
    swept = id;
    const stored = await dbm.db().uploadEvent.findMany({ where: { uploadId: id }, orderBy: { createdAt: "asc" } });
    expect(stored.map((e) => [e.type, e.dispatchedAt])).toEqual([
      ["upload.received", null],
      ["upload.verified", null],
    ]);
    expect(catcher.messages).toHaveLength(0);
    expect(hooks).toHaveLength(0);

    // The jobs come back; a minute later the sweep runs (its 30 s grace is moved past here).
    queue.setRunningBoss(undefined);
    const boss = await jobs.startJobs({ databaseUrl: dbUrl, schedule: false });
    await dbm.db().uploadEvent.updateMany({ where: { uploadId: id }, data: { createdAt: new Date(Date.now() - 60_000) } });
    await boss.send(queue.QUEUES.eventSweep, {});
    // The team's mail, and the contributor's receipt (issue #17), each once.
    const team = () => catcher.messages.filter((m) => m.to.includes("team@example.com"));
    await until("the mails and the webhook", () => catcher.messages.length === 2 && team().length === 1 && hooks.length === 1);

    const mail = team()[0]!;
    expect(mail.to).toEqual(["team@example.com"]);
    expect(mail.subject).toBe("New upload: Mary Jackson's story");
    expect(mail.text).toContain(`http://localhost:3993/admin/uploads/${id}`);
    const verified = stored[1]!;
    expect(hooks[0]!.id).toBe(`msg_${verified.id}`); // the event row's id is the webhook-id
    expect(JSON.parse(hooks[0]!.body)).toMatchObject({ type: "upload.verified", data: { upload_id: id } });

    // The sweep again, and the upload's own dispatch job arriving late: nothing more is queued.
    const { dispatchPendingEvents } = await import("@/lib/notify/dispatch");
    expect(await dispatchPendingEvents()).toBe(0);
    await dbm.db().uploadEvent.updateMany({ where: { uploadId: id }, data: { dispatchedAt: null } }); // as if the mark was lost
    expect(await dispatchPendingEvents({ uploadId: id })).toBe(2);
    await until("the outbox to be dispatched", async () => (await dbm.db().uploadEvent.count({ where: { uploadId: id, dispatchedAt: null } })) === 0);
    expect(await dbm.db().mailMessage.count({ where: { uploadId: id, kind: "new_upload" } })).toBe(1);
    expect(await dbm.db().mailMessage.count({ where: { uploadId: id, kind: "receipt" } })).toBe(1);
    expect(await dbm.db().webhookDelivery.count({ where: { uploadId: id } })).toBe(1);
    expect(catcher.messages).toHaveLength(2);
    expect(hooks).toHaveLength(1);
  });

  it("while another instance holds an upload's first event, neither its job nor the sweep sends the later one before it", async () => {
    const { dispatchPendingEvents } = await import("@/lib/notify/dispatch");
    if (!swept) throw new Error("this test goes on from the first one's upload");
    const id = swept;
    await dbm.db().uploadEvent.updateMany({ where: { uploadId: id }, data: { dispatchedAt: null } }); // both to send again
    // The first test moved both to one instant; received happened first.
    await dbm.db()
      .$executeRaw`UPDATE upload_events SET created_at = created_at - interval '1 second' WHERE upload_id = ${id}::uuid AND type = 'upload.received'`;
    const events = () => dbm.db().uploadEvent.findMany({ where: { uploadId: id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    const [received] = await events();
    expect(received!.type).toBe("upload.received");

    // The other instance, mid-dispatch: its transaction holds the first event's row, as
    // dispatchPendingEvents does while it fans that event out.
    const other = new pg.Client({ connectionString: dbUrl });
    await other.connect();
    try {
      const otherPid = (await other.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
      await other.query("BEGIN");
      await other.query("SELECT id FROM upload_events WHERE id = $1 FOR UPDATE", [received!.id]);
      // The sweep skips the held row, and the upload's later event with it.
      expect(await dispatchPendingEvents()).toBe(0);
      // The upload's own job (a second instance's) waits for the held row instead of going on.
      let settled = false;
      const job = dispatchPendingEvents({ uploadId: id }).finally(() => (settled = true));
      // Asked outside `other`'s transaction, which would keep one snapshot of the sessions.
      const waiting = async () =>
        (
          await dbm.db().$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE ${otherPid}::int = ANY (pg_blocking_pids(pid))`
        )[0]!.n > 0;
      await until("the job to wait for the held row, or to finish without it", async () => settled || (await waiting()));
      expect(settled).toBe(false);
      expect((await events()).map((e) => e.dispatchedAt)).toEqual([null, null]);
      // The other instance sends its event and commits; the job then sends the later one.
      const sent = await other.query<{ at: Date }>("UPDATE upload_events SET dispatched_at = clock_timestamp() WHERE id = $1 RETURNING dispatched_at AS at", [
        received!.id,
      ]);
      await other.query("COMMIT");
      expect(await job).toBe(1); // the later event only
      const [first, second] = await events();
      expect(first!.dispatchedAt).toEqual(sent.rows[0]!.at); // the other instance's send, not repeated
      expect(second!.dispatchedAt!.getTime()).toBeGreaterThanOrEqual(sent.rows[0]!.at.getTime());
    } finally {
      await other.end();
    }
    expect(await dbm.db().webhookDelivery.count({ where: { uploadId: id } })).toBe(1); // sent again, queued once
  });

  it("an upload's later event written by an instance whose clock is an hour behind still comes after its earlier one, and that instance's job sends both", async () => {
    const { recordUploadEvent } = await import("@/lib/processing/events");
    const uploadId = randomUUID(); // the outbox holds ids only; nothing dispatches this one here
    await dbm.db().$transaction((tx) => recordUploadEvent(tx, "upload.verified", uploadId)); // this instance
    // An upload's events are at least a TwentyThree call apart; apart here too, past the column's millisecond.
    await new Promise((r) => setTimeout(r, 20));
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() - 3_600_000); // another instance, its clock an hour behind
    try {
      await dbm.db().$transaction((tx) => recordUploadEvent(tx, "upload.ready", uploadId));
      // That instance's job for the upload takes both, though by its clock they are from the future.
      const { dispatchPendingEvents } = await import("@/lib/notify/dispatch");
      expect(await dispatchPendingEvents({ uploadId })).toBe(2);
    } finally {
      vi.useRealTimers();
    }
    // In the order dispatchPendingEvents sent them.
    const rows = await dbm.db().$queryRaw<
      Array<{ type: string }>
    >`SELECT type FROM upload_events WHERE upload_id = ${uploadId}::uuid ORDER BY dispatched_at, created_at, id`;
    expect(rows.map((r) => r.type)).toEqual(["upload.verified", "upload.ready"]);
  });

  it("an event written by a transaction that began first but changed the upload last comes after the other", async () => {
    // As when a job's transaction waits for the upload's row while another changes it: dated at
    // the transaction's start, its event would sort first although it happened second.
    const { recordUploadEvent } = await import("@/lib/processing/events");
    const uploadId = randomUUID(); // the outbox holds ids only; nothing dispatches this one here
    let began!: () => void;
    const started = new Promise<void>((r) => (began = r));
    let go!: () => void;
    const otherDone = new Promise<void>((r) => (go = r));
    const first = dbm.db().$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1`; // the transaction has begun
      began();
      await otherDone;
      await recordUploadEvent(tx, "upload.moderated", uploadId);
    });
    await started;
    await new Promise((r) => setTimeout(r, 20)); // past the column's millisecond
    await dbm.db().$transaction((tx) => recordUploadEvent(tx, "upload.ready", uploadId));
    await new Promise((r) => setTimeout(r, 20));
    go();
    await first;
    const rows = await dbm.db().$queryRaw<Array<{ type: string }>>`SELECT type FROM upload_events WHERE upload_id = ${uploadId}::uuid ORDER BY created_at, id`;
    expect(rows.map((r) => r.type)).toEqual(["upload.ready", "upload.moderated"]);
  });
});
