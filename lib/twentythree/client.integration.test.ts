// Every client method against the emulator over real HTTP.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { rejection } from "@/test/rejection";
import { emulatorCredentials, startTestEmulator, type TestEmulator } from "@/test/emulator";
import { readFixture } from "@/test/fixtures";
import { checkConnection } from "./check";
import { createTwentyThreeClient, type TwentyThreeConfig } from "./client";
import { playerUrl, redeemUrl } from "./embed";
import {
  TwentyThreeBadResponseError,
  TwentyThreeError,
  TwentyThreeHttpError,
  TwentyThreeInvalidAlbumError,
  TwentyThreeInvalidInputError,
  TwentyThreePermissionDeniedError,
  TwentyThreeTimeoutError,
  TwentyThreeUnreachableError,
} from "./errors";

const WRITE = emulatorCredentials("write");
const SUPER = emulatorCredentials("super");
const READ = emulatorCredentials("read");

// One clock for emulator and client: the emulator checks OAuth timestamps against it too.
let offsetMs = 0;
const now = () => Date.now() + offsetMs;

let emu: TestEmulator;
const make = (creds: typeof WRITE, extra: Partial<TwentyThreeConfig> = {}) =>
  createTwentyThreeClient({ apiUrl: emu.url, ...creds, now, retryBaseMs: 5, ...extra });

beforeAll(async () => {
  emu = await startTestEmulator({ now });
});
afterAll(async () => {
  await emu?.close();
});
afterEach(async () => {
  offsetMs = 0;
  await emu.faults(null);
});

const caught = (p: Promise<unknown>) => rejection(p, TwentyThreeError);

async function redeem(uploadToken: string): Promise<Response> {
  const form = new FormData();
  form.append("upload_token", uploadToken);
  const clip = readFixture("clip.mp4");
  form.append("file", new Blob([clip], { type: "video/mp4" }), "clip.mp4");
  return fetch(redeemUrl(emu.url), { method: "POST", body: form, redirect: "manual" });
}

async function setFaults(faults: Record<string, unknown>) {
  const res = await emu.faults(faults);
  expect(res.status).toBe(200);
}

describe("site, albums and connection checks", () => {
  it("getSite reports the site and the write level", async () => {
    const site = await make(WRITE).getSite();
    expect(site).toMatchObject({ domain: emu.domain, siteId: "1", siteName: "Emulated TwentyThree", permissionLevel: "write" });
  });

  it("checkConnection: ok / insufficient_permission / bad_credentials / unreachable", async () => {
    expect(await checkConnection(make(WRITE))).toMatchObject({ status: "ok", permissionLevel: "write", domain: emu.domain });
    expect(await checkConnection(make(SUPER))).toMatchObject({ status: "ok", permissionLevel: "super" });
    expect(await checkConnection(make(READ))).toMatchObject({ status: "insufficient_permission", permissionLevel: "read" });
    expect(await checkConnection(make({ ...WRITE, consumerSecret: "wrong" }))).toMatchObject({ status: "bad_credentials" });
    const dead = createTwentyThreeClient({ apiUrl: "http://127.0.0.1:9", ...WRITE, retries: 0 });
    expect((await checkConnection(dead)).status).toBe("unreachable");
    expect(await caught(dead.getSite())).toBeInstanceOf(TwentyThreeUnreachableError);
  });

  it("listAlbums returns the seeded albums", async () => {
    const { albums, totalCount } = await make(WRITE).listAlbums({ page: 1, size: 10 });
    expect(albums.map((a) => a.albumId).sort()).toEqual(["1001", "1002", "1003"]);
    expect(albums.find((a) => a.albumId === "1001")?.title).toBe("Testimonials");
    expect(totalCount).toBe(3);
  });
});

describe("upload tokens", () => {
  it("getUploadToken types every parameter and updateUploadToken changes it", async () => {
    const c = make(WRITE);
    const before = now();
    const t = await c.getUploadToken({
      returnUrl: "https://portal.test/callback?intake=1",
      albumIds: ["1001"],
      title: "<i>Hello</i> there",
      description: "<b>bold</b>",
      tags: ["product:1234", "testimonial"],
      publish: false,
      validMinutes: 30,
      maxUploads: 2,
      customVariables: { customer_id: "c-42", campaign: "spring" },
      extra: { intake_ref: "in_9" },
    });
    expect(t.uploadToken).toMatch(/^[0-9a-f]{40}$/);
    expect(t).toMatchObject({
      validMinutes: 30,
      maxUploads: 2,
      title: "Hello there",
      description: "<b>bold</b>",
      tags: ["product:1234", "testimonial"],
      publish: false,
      albumId: "1001",
      returnUrl: "https://portal.test/callback?intake=1",
    });
    expect(Math.abs(t.validUntil.getTime() - (before + 30 * 60_000))).toBeLessThan(5_000);

    const u = await c.updateUploadToken({ uploadToken: t.uploadToken, title: "Renamed", maxUploads: 3 });
    expect(u).toMatchObject({ uploadToken: t.uploadToken, title: "Renamed", maxUploads: 3 });
  });

  it("write credentials asking for userId get permission_denied with required level 'super'", async () => {
    const e = await caught(make(WRITE).getUploadToken({ userId: "17488" }));
    expect(e).toBeInstanceOf(TwentyThreePermissionDeniedError);
    expect((e as TwentyThreePermissionDeniedError).requiredLevel).toBe("super");
    expect((await make(SUPER).getUploadToken({ userId: "17489" })).userId).toBe("17489");
  });

  it("rejects bad input and unknown albums with typed errors", async () => {
    expect(await caught(make(WRITE).getUploadToken({ validMinutes: 5 }))).toBeInstanceOf(TwentyThreeInvalidInputError);
    expect(await caught(make(WRITE).getUploadToken({ albumIds: ["9999"] }))).toBeInstanceOf(TwentyThreeInvalidAlbumError);
  });
});

describe("photos after a real upload", () => {
  it("redeems a token, finds the upload by token, updates and deletes it; a consumed token is refused", async () => {
    const c = make(WRITE);
    const t = await c.getUploadToken({ title: "Clip", albumIds: ["1002"], maxUploads: 1 });
    const first = await redeem(t.uploadToken);
    expect(first.status).toBe(200);

    const byToken = await c.listPhotos({ uploadToken: t.uploadToken });
    expect(byToken.totalCount).toBe(1);
    const photo = byToken.photos[0]!;
    expect(photo).toMatchObject({ title: "Clip", albumId: "1002", videoP: true });
    expect(photo.token).toMatch(/^[A-Za-z0-9]+$/);
    expect(photo.treeId).not.toBe("");

    const consumed = await redeem(t.uploadToken);
    expect(consumed.status).toBe(400);
    expect((await c.listPhotos({ uploadToken: t.uploadToken })).totalCount).toBe(1);

    const exact = await c.listPhotos({ photoId: photo.photoId, token: photo.token });
    expect(exact.photos.map((p) => p.photoId)).toEqual([photo.photoId]);
    expect((await fetch(playerUrl({ apiUrl: emu.url, photoId: photo.photoId, token: photo.token }))).status).toBe(200);

    await c.updatePhoto({ photoId: photo.photoId, title: "Renamed clip", tags: ["x", "y"], published: false });
    const updated = await c.listPhotos({ photoId: photo.photoId, includeUnpublished: true });
    expect(updated.photos[0]).toMatchObject({ title: "Renamed clip", tags: ["x", "y"], publishedP: false });

    await c.deletePhoto({ photoId: photo.photoId });
    const gone = await c.listPhotos({ photoId: photo.photoId, includeUnpublished: true }).catch((e: unknown) => e);
    if (gone instanceof TwentyThreeError) expect(gone.code).toBe("no_such_photo");
    else expect((gone as { photos: unknown[] }).photos).toEqual([]);
    expect(await caught(c.deletePhoto({ photoId: photo.photoId }))).toMatchObject({ code: "no_such_photo" });
  });

  it("an expired token cannot be redeemed", async () => {
    const t = await make(WRITE).getUploadToken({ validMinutes: 15 });
    offsetMs = 16 * 60_000;
    const res = await redeem(t.uploadToken);
    expect(res.status).toBe(400);
    expect((await make(WRITE).listPhotos({ uploadToken: t.uploadToken })).totalCount).toBe(0);
  });
});

describe("faults", () => {
  it("times out with a short timeoutMs (fault apiFailure: timeout)", async () => {
    await setFaults({ apiFailure: "timeout" });
    const started = Date.now();
    const e = await caught(make(WRITE, { timeoutMs: 300, retries: 0 }).getUploadToken({}));
    expect(e).toBeInstanceOf(TwentyThreeTimeoutError);
    expect(Date.now() - started).toBeLessThan(3_000);
    const reads = await caught(make(WRITE, { timeoutMs: 200, retries: 1 }).getSite());
    expect(reads).toBeInstanceOf(TwentyThreeTimeoutError);
  });

  it("reports 500/503 as TwentyThreeHttpError and an HTML page as TwentyThreeBadResponseError", async () => {
    await setFaults({ apiFailure: "503" });
    expect(await caught(make(WRITE, { retries: 1 }).listAlbums())).toMatchObject({ status: 503 });
    await setFaults({ apiFailure: "500" });
    expect(await caught(make(WRITE).getUploadToken())).toBeInstanceOf(TwentyThreeHttpError);
    await setFaults({ apiFailure: "html" });
    expect(await caught(make(WRITE).getSite())).toBeInstanceOf(TwentyThreeBadResponseError);
  });

  it("recovers when a slow answer still fits the timeout", async () => {
    await setFaults({ delayMs: 100 });
    expect((await make(WRITE, { timeoutMs: 2_000 }).getSite()).permissionLevel).toBe("write");
  });
});
