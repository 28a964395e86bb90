import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callJson, fixture, getToken, receiver, redeem, start, until } from "./helpers.ts";
import * as media from "./media-files.ts";

const PINGBACK_PATH = "/hooks/twentythree?site=emu";

describe("pingbacks to EMULATOR_PINGBACK_URL", () => {
  let emu: Awaited<ReturnType<typeof start>>;
  let rx: Awaited<ReturnType<typeof receiver>>;
  beforeAll(async () => {
    rx = await receiver(PINGBACK_PATH);
    emu = await start({ transcodeSeconds: 0.3, pingbackUrl: rx.url });
  });
  afterAll(async () => {
    await emu.close();
    await rx.close();
  });
  const forPhoto = (id: string) => rx.hits.filter((h) => new URL(h.url, "http://x").searchParams.get("photo_id") === id);

  it("POST ?type=photo&photo_id=N when an upload is created and when transcoding ends", async () => {
    const j = await (await redeem(emu, await getToken(emu), media.mp4(), { name: "a.mp4", fields: { format: "json", raw: "1" } })).json();
    const created = await until(() => forPhoto(j.photo_id)[0]);
    expect(created.method).toBe("POST");
    expect(created.url).toBe(`/hooks/twentythree?site=emu&type=photo&photo_id=${j.photo_id}`);
    await until(() => forPhoto(j.photo_id)[1]);
    // The second pingback means "encoding status changed": re-reading now shows it encoded.
    const p = (await callJson(emu, "/api/photo/list", { photo_id: j.photo_id, token: j.token })).photos[0];
    expect(p).toMatchObject({ video_encoded_p: "1", video_length: "2.52" });
    const log = await (await fetch(emu.url + "/_emulator/pingbacks")).json();
    expect(log.filter((l: { photo_id: string }) => l.photo_id === j.photo_id).map((l: { reason: string; status: number }) => [l.reason, l.status])).toEqual([
      ["created", 200],
      ["encoded", 200],
    ]);
  });

  it("on update, on update-upload-token of existing objects, on replace and on delete", async () => {
    const token = await getToken(emu);
    const j = await (await redeem(emu, token, fixture("photo.jpg"), { name: "p.jpg", fields: { format: "json", raw: "1" } })).json();
    await until(() => forPhoto(j.photo_id)[0]); // created (a photo: no transcoding)
    await callJson(emu, "/api/photo/update", { photo_id: j.photo_id, title: "New" });
    await until(() => forPhoto(j.photo_id)[1]);
    await callJson(emu, "/api/photo/update-upload-token", { upload_token: token, tags: "t" }, { creds: null });
    await until(() => forPhoto(j.photo_id)[2]);
    // Changing only the token's limits changes no object: no pingback (the log is written synchronously).
    const logged = async () =>
      ((await (await fetch(emu.url + "/_emulator/pingbacks")).json()) as { photo_id: string }[]).filter((l) => l.photo_id === j.photo_id).length;
    const before = await logged();
    expect((await callJson(emu, "/api/photo/update-upload-token", { upload_token: token, max_uploads: "5" })).status).toBe("ok");
    expect(await logged()).toBe(before);
    const rt = (await callJson(emu, "/api/photo/get-replace-token", { photo_id: j.photo_id })).replacetoken.replace_token;
    const fd = new FormData();
    fd.append("replace_token", rt);
    fd.append("file", new Blob([new Uint8Array(media.webm())]), "new.webm");
    expect((await (await fetch(emu.url + "/api/photo/redeem-replace-token", { method: "POST", body: fd })).text()).trim()).toBe("ok");
    await until(() => forPhoto(j.photo_id)[4]); // replaced, then encoded again
    await callJson(emu, "/api/photo/delete", { photo_id: j.photo_id });
    await until(() => forPhoto(j.photo_id)[5]);
    const log = await (await fetch(emu.url + "/_emulator/pingbacks")).json();
    expect(log.filter((l: { photo_id: string }) => l.photo_id === j.photo_id).map((l: { reason: string }) => l.reason)).toEqual([
      "created",
      "updated",
      "updated",
      "replaced",
      "encoded",
      "deleted",
    ]);
  });

  it("a receiver that is down never blocks or fails the upload; the failure is logged", async () => {
    const dead = await receiver(PINGBACK_PATH);
    await dead.close(); // nothing listens on this port any more
    const e2 = await start({ transcodeSeconds: 0, pingbackUrl: dead.url });
    try {
      const r = await redeem(e2, await getToken(e2), media.mp4(), { name: "a.mp4" });
      expect((await r.text()).trim()).toBe("ok");
      const failed = await until(async () => {
        const log = await (await fetch(e2.url + "/_emulator/pingbacks")).json();
        return log.find((l: { error?: string }) => l.error);
      });
      expect(failed).toMatchObject({ reason: "created", status: null });
      expect((await callJson(e2, "/api/photo/list", {})).total_count).toBe("1");
    } finally {
      await e2.close();
    }
  });

  it("transcoding that was under way when the emulator stopped ends after a restart, with its pingback", async () => {
    const rx2 = await receiver(PINGBACK_PATH);
    const first = await start({ transcodeSeconds: 1, pingbackUrl: rx2.url, keepDir: true });
    const j = await (await redeem(first, await getToken(first), media.mp4(), { name: "a.mp4", fields: { format: "json", raw: "1" } })).json();
    await first.close(); // before the 1 s are over
    const second = await start({ transcodeSeconds: 1, pingbackUrl: rx2.url, dataDir: first.dataDir });
    try {
      await until(async () => {
        const log = await (await fetch(second.url + "/_emulator/pingbacks")).json();
        return log.find((l: { reason: string; photo_id: string }) => l.reason === "encoded" && l.photo_id === j.photo_id);
      });
      expect((await callJson(second, "/api/photo/list", { photo_id: j.photo_id, token: j.token })).photos[0].video_encoded_p).toBe("1");
    } finally {
      await second.close();
      await rx2.close();
    }
  });
});
