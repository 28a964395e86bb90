// A replace callback that arrives while TwentyThree cannot be reached is kept, not lost (issue
// #17): the contributor is told it was received and is being confirmed, a pg-boss job asks
// TwentyThree again with backoff, and once it answers the replacement is recorded exactly once;
// a forged callback (the object never changed) is refused all the same. Real emulator over HTTP,
// real PostgreSQL and pg-boss; "unreachable" is the connection pointed at a closed port.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contribute as visit, redeemReplace, replaceTraces } from "@/test/contributor";
import { startPortalWithEmulator, type PortalWithEmulator } from "@/test/integration";

let portal: PortalWithEmulator;
let jobs: typeof import("@/lib/jobs");
let emulatorUrl: string;
let closedUrl: string;

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

beforeAll(async () => {
  portal = await startPortalWithEmulator({ appUrl: "http://localhost:3995", authSecret: "replace-recheck-secret-0123456789abcdef0", logLevel: "error" });
  const link = await portal.db.intakeLink.update({ where: { slug: "demo" }, data: { notifyEmails: ["team@example.com"], notifyMode: "EACH" } });
  emulatorUrl = (await portal.db.connection.findUniqueOrThrow({ where: { id: link.connectionId } })).apiUrl;
  // The site's own domain, as a real connection names it: callbacks carry it whatever API address is set.
  await portal.db.connection.update({ where: { id: link.connectionId }, data: { domain: new URL(emulatorUrl).host } });
  closedUrl = `http://127.0.0.1:${await closedPort()}`;
  jobs = await import("@/lib/jobs");
  await jobs.startJobs({ databaseUrl: process.env.DATABASE_URL, schedule: false });
}, 60_000);
afterAll(async () => {
  await jobs?.stopJobs();
  await portal?.close();
});

/** TwentyThree as the portal reaches it: through the connection's API address. */
const reachable = async (yes: boolean) => portal.db.connection.updateMany({ data: { apiUrl: yes ? emulatorUrl : closedUrl } });

async function until(what: string, check: () => Promise<boolean>, ms = 60_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const traces = (uploadId: string) => replaceTraces(portal, uploadId);

const status = async (id: string) => (await portal.db.replacement.findUniqueOrThrow({ where: { id } })).status;
const jobsOf = (id: string) =>
  portal.db.$queryRaw<
    Array<{ state: string; retry_count: number }>
  >`SELECT state, retry_count FROM pgboss.job WHERE name = 'replace-confirm' AND data->>'replacementId' = ${id}`;

async function started(receiptId: string, uploadId: string) {
  const { startReplace } = await import("./replace");
  const s = await startReplace({ receiptId, uploadId });
  if (!s.ok) throw new Error(s.message);
  return portal.db.replacement.findUniqueOrThrow({ where: { id: s.replacementId } });
}

describe("replace callback while TwentyThree is unreachable", () => {
  it("is kept as 'confirming', re-checked by the job once TwentyThree is back, and recorded exactly once", async () => {
    const a = await visit(portal, "Sol");
    const r = await started(a.receiptId, a.upload.id);
    const callback = await redeemReplace(portal, r.replaceToken); // the new file reached TwentyThree
    const before = await traces(a.upload.id);

    await reachable(false);
    try {
      const { receiveReplaceCallback } = await import("./receive-replace");
      const res = await receiveReplaceCallback(callback);
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toContain("replaced=confirming");
      expect(await status(r.id)).toBe("confirming");
      const { contributorView } = await import("./view");
      expect((await contributorView(a.receiptId))!.uploads[0]!.replacements[0]).toMatchObject({ id: r.id, status: "confirming" });
      // The job asked, found TwentyThree unreachable and is waiting to ask again; nothing recorded yet.
      await until("the job's first failed try", async () => (await jobsOf(r.id)).some((j) => j.retry_count >= 1));
      expect(await traces(a.upload.id)).toEqual(before);
    } finally {
      await reachable(true);
    }

    await until("the job to confirm the replacement", async () => (await status(r.id)) === "done");
    await until("the job to finish", async () => (await jobsOf(r.id)).every((j) => j.state === "completed"));
    expect(await traces(a.upload.id)).toEqual({
      processing: "PROCESSING",
      replaceActions: before.replaceActions + 1,
      mails: before.mails + 1,
      done: before.done + 1,
    });

    // The callback again, the job again, the sweep's re-queue: nothing is recorded twice.
    const { handleReplaceCallback } = await import("./replace");
    const { recheckReplacement, confirmingReplacements } = await import("./replace-confirm");
    expect(await handleReplaceCallback(callback)).toMatchObject({ kind: "duplicate" });
    expect(await recheckReplacement(r.id)).toBe("settled");
    expect(await confirmingReplacements()).not.toContain(r.id);
    expect(await traces(a.upload.id)).toEqual({
      processing: "PROCESSING",
      replaceActions: before.replaceActions + 1,
      mails: before.mails + 1,
      done: before.done + 1,
    });
  }, 120_000);

  it("a forged callback kept while TwentyThree was down is refused once it answers, and changes nothing", async () => {
    const a = await visit(portal, "Trent");
    const r = await started(a.receiptId, a.upload.id);
    // The attacker's means: a refused redeem's redirect (signed state, token) and the public photo_id.
    const aborted = await redeemReplace(portal, r.replaceToken, new TextEncoder().encode("not a video"), "text/plain", "n.txt");
    const forged = { domain: aborted.domain!, replace_token: aborted.replace_token!, state: aborted.state!, photo_id: a.upload.photoId!, tree_id: "1" };
    const before = await traces(a.upload.id);

    await reachable(false);
    const { handleReplaceCallback } = await import("./replace");
    try {
      expect(await handleReplaceCallback(forged)).toMatchObject({ kind: "confirming" });
      expect(await handleReplaceCallback(forged)).toMatchObject({ kind: "confirming" }); // a repeat queues nothing more
      expect(await jobsOf(r.id)).toHaveLength(1);
    } finally {
      await reachable(true);
    }

    await until("the job to refuse the replacement", async () => (await status(r.id)) === "unconfirmed");
    expect(await traces(a.upload.id)).toEqual(before);
    const emu = (await portal.emu.objects<{ photo_id: string; replaced_count: number }>()).find((o) => o.photo_id === a.upload.photoId);
    expect(emu!.replaced_count).toBe(0);
    const { contributorView } = await import("./view");
    expect((await contributorView(a.receiptId))!.uploads[0]!.replacements[0]).toMatchObject({ id: r.id, status: "unconfirmed" });
    // Sent again now that TwentyThree answers, the forged callback is still not believed.
    expect(await handleReplaceCallback(forged)).toMatchObject({ kind: "unconfirmed" });
    expect(await traces(a.upload.id)).toEqual(before);
  }, 120_000);
});
