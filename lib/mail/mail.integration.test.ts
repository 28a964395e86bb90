// Issue #16 "Done when": a stopped SMTP server loses no message — it is delivered once the server
// is back, and never twice. Real Postgres, the emulator over HTTP, the real mail catcher over SMTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { receivedUpload } from "@/test/received-upload";
import { startMailCatcher, type MailCatcher } from "@/mailcatcher/catcher";
import type { TestEmulator } from "@/test/emulator";
import { startPortalWithEmulator, type PortalWithEmulator } from "@/test/integration";

let portal: PortalWithEmulator;
let emu: TestEmulator;
// Started here, not by startPortalWithMail: the SMTP test stops it and starts another on its port.
let catcher: MailCatcher;
let smtpPort: number;
let dbm: typeof import("@/lib/db");
let outbox: typeof import("@/lib/mail/outbox");
let follow: typeof import("@/lib/processing/follow");

beforeAll(async () => {
  catcher = await startMailCatcher({ smtpPort: 0, webPort: 0 });
  smtpPort = catcher.smtpPort;
  portal = await startPortalWithEmulator({
    appUrl: "http://localhost:3995",
    authSecret: "mail-test-secret-0123456789abcdef0123456",
    logLevel: "error",
    emulator: { transcodeSeconds: 0 },
    settings: { SMTP_URL: `smtp://localhost:${smtpPort}`, MAIL_FROM: "Portal <portal@example.com>" },
  });
  emu = portal.emu;
  dbm = await import("@/lib/db");
  outbox = await import("@/lib/mail/outbox");
  follow = await import("@/lib/processing/follow");
  await dbm.db().intakeLink.update({ where: { slug: "demo" }, data: { notifyEmails: ["team@example.com", "lead@example.com"], notifyMode: "EACH" } });
});
afterAll(async () => {
  await portal?.close();
  await catcher?.close();
});

/** A visitor's upload, received and verified as the callback does it. */
async function confirmedUpload(who: string): Promise<string> {
  const verify = await import("@/lib/intake/verify");
  const { uploadId } = await receivedUpload(emu.url, { name: who, email: "visitor@example.com", title: `${who}'s story` }, "198.51.100.8");
  expect(await verify.verifyUpload(uploadId)).toBe("verified");
  return uploadId;
}

describe("team e-mail", () => {
  it("a new upload mails each recipient once, with thumbnail, contributor and a review link, HTML and text", async () => {
    const id = await confirmedUpload("Ada Lovelace");
    const ids = await outbox.queueUploadMail("new_upload", id);
    expect(ids).toHaveLength(2);
    // The same event again (a job retry, a duplicate callback) queues nothing more.
    expect(await outbox.queueUploadMail("new_upload", id)).toEqual([]);
    for (const m of ids) expect(await outbox.deliverMail(m)).toBe("sent");
    const got = catcher.messages.filter((m) => m.subject === "New upload: Ada Lovelace's story");
    expect(got.map((m) => m.to[0]).sort()).toEqual(["lead@example.com", "team@example.com"]);
    const [mail] = got;
    expect(mail!.from).toContain("portal@example.com");
    expect(mail!.html).toContain(`href="http://localhost:3995/admin/uploads/${id}"`);
    expect(mail!.html).toMatch(new RegExp(`<img[^>]+src="${emu.url}/api/photo/frame\\?photo_id=`));
    expect(mail!.text).toContain("Ada Lovelace");
    expect(mail!.text).toContain(`http://localhost:3995/admin/uploads/${id}`);
  });

  it("with the SMTP server stopped nothing is lost: the failure is recorded, and once it is back each message arrives exactly once", async () => {
    const id = await confirmedUpload("Grace Hopper");
    await follow.followProcessing(id); // transcoding is instant here: ready
    const ids = await outbox.queueUploadMail("ready", id);
    expect(ids).toHaveLength(2);

    await catcher.close();
    for (const m of ids) await expect(outbox.deliverMail(m)).rejects.toBeInstanceOf(outbox.MailRetry);
    const failed = await dbm.db().mailMessage.findMany({ where: { id: { in: ids } } });
    expect(failed.every((m) => m.status === "PENDING" && m.attempts === 1 && /ECONNREFUSED|connect/i.test(m.lastError ?? ""))).toBe(true);
    expect(failed.every((m) => !(m.lastError ?? "").includes("portal-test"))).toBe(true);

    catcher = await startMailCatcher({ smtpPort, webPort: 0 });
    // The job's retry, twice over (a redelivered job): sent once, then recognised as sent.
    for (const m of ids) expect(await outbox.deliverMail(m)).toBe("sent");
    for (const m of ids) expect(await outbox.deliverMail(m)).toBe("already");
    const got = catcher.messages.filter((m) => m.subject === "Ready to watch: Grace Hopper's story");
    expect(got).toHaveLength(2);
    expect(got[0]!.html).toMatch(new RegExp(`src="${emu.url}/1/\\d+/[^/"]+/small"`));
    const sent = await dbm.db().mailMessage.findMany({ where: { id: { in: ids } } });
    expect(sent.every((m) => m.status === "SENT" && m.attempts === 2 && m.sentAt !== null)).toBe(true);
  });

  it("a digest link gets no per-upload mail but one digest of the day before", async () => {
    await dbm.db().intakeLink.update({ where: { slug: "demo" }, data: { notifyMode: "DIGEST", notifyEmails: ["digest@example.com"] } });
    const id = await confirmedUpload("Katherine Johnson");
    expect(await outbox.queueUploadMail("new_upload", id)).toEqual([]);
    const tomorrow = new Date(Date.now() + 86_400_000);
    const ids = await outbox.queueDigests(tomorrow);
    expect(ids).toHaveLength(1);
    expect(await outbox.queueDigests(tomorrow)).toEqual([]);
    expect(await outbox.deliverMail(ids[0]!)).toBe("sent");
    const digest = catcher.messages.find((m) => m.to[0] === "digest@example.com");
    expect(digest?.subject).toMatch(/new uploads? on “/);
    expect(digest?.text).toContain("Katherine Johnson");
  });

  it("a member recipient is stored by id and followed: after the member's address changes, the next mail goes to the new one", async () => {
    const { recipientColumns } = await import("@/lib/links/recipients");
    const member = await dbm.db().user.create({ data: { email: "dorothy@example.com", name: "Dorothy Vaughan" } });
    // What the link form sends (member ticked + an address typed), stored as the save path stores it.
    const columns = await recipientColumns(["dorothy@example.com", "press@example.com"]);
    expect(columns).toEqual({ notifyEmails: ["press@example.com"], notifyMemberIds: [member.id] });
    await dbm.db().intakeLink.update({ where: { slug: "demo" }, data: { ...columns, notifyMode: "EACH" } });

    const first = await confirmedUpload("Mary Jackson");
    for (const m of await outbox.queueUploadMail("new_upload", first)) expect(await outbox.deliverMail(m)).toBe("sent");
    const toFirst = catcher.messages.filter((m) => m.subject === "New upload: Mary Jackson's story").map((m) => m.to[0]);
    expect(toFirst.sort()).toEqual(["dorothy@example.com", "press@example.com"]);

    await dbm.db().user.update({ where: { id: member.id }, data: { email: "dorothy.vaughan@example.com" } });
    const second = await confirmedUpload("Christine Darden");
    for (const m of await outbox.queueUploadMail("new_upload", second)) expect(await outbox.deliverMail(m)).toBe("sent");
    const toSecond = catcher.messages.filter((m) => m.subject === "New upload: Christine Darden's story").map((m) => m.to[0]);
    expect(toSecond.sort()).toEqual(["dorothy.vaughan@example.com", "press@example.com"]);
  });
});
