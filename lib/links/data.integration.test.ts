import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { countsFor, createLink, deleteLink, duplicateLink, listLinks, setActive, updateLink } from "@/lib/links/data";
import { linkSchema, type LinkInput } from "@/lib/links/schema";
import { startPortal, type Portal } from "@/test/integration";

let portal: Portal;
let db: PrismaClient;
let connectionId: string;
let userId: string;

const input = (over: Record<string, unknown> = {}): LinkInput =>
  linkSchema.parse({
    slug: "stories",
    title: "Stories",
    instructions: "",
    connectionId,
    nameField: "REQUIRED",
    emailField: "REQUIRED",
    titleField: "OPTIONAL",
    descriptionField: "OFF",
    consentText: "",
    albumIds: ["1001"],
    tags: ["t"],
    publish: false,
    customVariables: [{ key: "k", value: "v" }],
    validMinutes: "60",
    maxUploads: "2",
    maxFileMegabytes: "10",
    maxDurationSeconds: "",
    uploadQuota: "",
    membersOnly: false,
    active: true,
    expiresAt: "",
    ...over,
  });

beforeAll(async () => {
  portal = await startPortal({ appUrl: "http://localhost:3990", authSecret: "links-test-secret-0123456789abcdef0123456", seed: false });
  db = portal.db;
  connectionId = (await db.connection.create({ data: { name: "c", apiUrl: "http://x", consumerKey: "k", credentialsEnc: "x" } })).id;
  userId = (await db.user.create({ data: { email: "a@example.com", role: "ADMIN" } })).id;
});
afterAll(async () => {
  await portal?.close();
});
beforeEach(async () => {
  await db.upload.deleteMany();
  await db.uploadToken.deleteMany();
  await db.intakeLink.deleteMany();
});

async function addToken(linkId: string) {
  return db.uploadToken.create({
    data: { connectionId, linkId, uploadToken: Math.random().toString(36), stateNonce: Math.random().toString(36), validUntil: new Date(Date.now() + 60_000) },
  });
}

describe("link data", () => {
  it("creates with every field; a taken slug is a field error, not an exception", async () => {
    const r = await createLink(input(), userId);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.link).toMatchObject({ slug: "stories", albumIds: ["1001"], customVariables: { k: "v" }, maxFileBytes: 10n * 1024n * 1024n, createdById: userId });
    expect(await createLink(input({ title: "Other" }), userId)).toEqual({ ok: false, field: "slug", message: expect.stringContaining("already used") });
    const other = await createLink(input({ slug: "other" }), userId);
    expect(other.ok && (await updateLink(other.link.id, input()))).toEqual({ ok: false, field: "slug", message: expect.any(String) });
  });

  it("duplicates under a free slug, inactive", async () => {
    const r = await createLink(input(), userId);
    if (!r.ok) throw new Error();
    const a = await duplicateLink(r.link.id, userId);
    const b = await duplicateLink(r.link.id, userId);
    expect([a?.slug, b?.slug]).toEqual(["stories-copy", "stories-copy-2"]);
    expect(a).toMatchObject({ active: false, title: "Stories (copy)", albumIds: ["1001"], customVariables: { k: "v" } });
  });

  it("deletes for good when unused, archives when tokens exist; archived links leave the list and cannot be edited", async () => {
    const unused = await createLink(input({ slug: "unused" }), userId);
    const used = await createLink(input({ slug: "used" }), userId);
    if (!unused.ok || !used.ok) throw new Error();
    await addToken(used.link.id);
    expect(await deleteLink(unused.link.id)).toBe("deleted");
    expect(await deleteLink(used.link.id)).toBe("archived");
    expect(await deleteLink(used.link.id)).toBe("missing");
    expect(await db.intakeLink.findUnique({ where: { id: used.link.id } })).toMatchObject({ active: false, deletedAt: expect.any(Date) });
    expect(await listLinks()).toHaveLength(0);
    expect(await setActive(used.link.id, true)).toBe(false);
    expect(await updateLink(used.link.id, input({ slug: "used" }))).toBeNull();
  });

  it("counts tokens, uploads received, verified (incl. published) and failed per link", async () => {
    const r = await createLink(input(), userId);
    if (!r.ok) throw new Error();
    const t = await addToken(r.link.id);
    await addToken(r.link.id);
    for (const [i, state] of (["RECEIVED", "VERIFIED", "PUBLISHED", "FAILED", "REJECTED"] as const).entries()) {
      await db.upload.create({ data: { connectionId, linkId: r.link.id, tokenId: t.id, photoId: String(i), state } });
    }
    expect((await countsFor([r.link.id])).get(r.link.id)).toEqual({ tokens: 2, received: 5, verified: 2, failed: 1 });
  });
});
