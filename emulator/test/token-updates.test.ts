import { afterAll, beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import { CREDS, callJson, filesIn, fixture, getToken, objects, redeem, someFileIn, start, until } from "./helpers.ts";
import * as media from "./media-files.ts";

type Emu = Awaited<ReturnType<typeof start>>;

/** A one-chunk resumable upload: the way the portal's uploader names each file with resumableIdentifier. */
function resumableUpload(emu: Emu, token: string, data: Buffer, id: string, name: string) {
  const fd = new FormData();
  const fields = {
    upload_token: token,
    resumableChunkNumber: "1",
    resumableChunkSize: String(data.length),
    resumableTotalSize: String(data.length),
    resumableIdentifier: id,
    resumableFilename: name,
    resumableTotalChunks: "1",
    format: "json",
    raw: "1",
  };
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  fd.append("file", new Blob([new Uint8Array(data)]), "blob");
  return fetch(emu.url + "/api/photo/redeem-upload-token", { method: "POST", body: fd }).then((r) => r.json());
}

describe("update-upload-token (the token is the authorisation) and delete-upload-token", () => {
  let emu: Emu;
  beforeAll(async () => {
    emu = await start({ transcodeSeconds: 0 });
  });
  afterAll(() => emu.close());
  const anon = (p: Record<string, string>) => callJson(emu, "/api/photo/update-upload-token", p, { creds: null });
  const byToken = async (token: string) =>
    (await callJson(emu, "/api/photo/list", { upload_token: token, include_unpublished_p: "1" }, { creds: CREDS.read })).photos;

  it("anonymous: changes objects already made with the token and those still to come", async () => {
    const token = await getToken(emu, { title: "Draft", max_uploads: "2", publish: "0" });
    const first = await (await redeem(emu, token, media.mp4(), { name: "a.mp4", fields: { format: "json", raw: "1" } })).json();
    expect(first.status).toBe("ok");
    const u = await anon({
      upload_token: token,
      title: "<b>Ann</b> on pricing",
      description: "<p>Kind words</p>",
      tags: "a b",
      album_id: "1001",
      publish: "1",
    });
    expect(u.status).toBe("ok");
    expect(u.permission_level).toBe("anonymous");
    expect(u.uploadtoken).toMatchObject({ title: "Ann on pricing", description: "<p>Kind words</p>", tags: "a b", album_id: "1001", publish: "1" });
    await redeem(emu, token, media.webm(), { name: "b.webm" });
    const photos = await byToken(token);
    expect(photos).toHaveLength(2);
    for (const p of photos) expect(p).toMatchObject({ title: "Ann on pricing", content: "<p>Kind words</p>", tags: "a b", album_id: "1001", published_p: "1" });
  });

  it("with resumableIdentifier: only that file, before or after it arrived; a later token-wide update wins", async () => {
    const token = await getToken(emu, { title: "Response", max_uploads: "3" });
    const q1 = await resumableUpload(emu, token, media.mp4(), "clip-q1", "q1.mp4");
    expect(q1.status).toBe("ok");
    expect((await anon({ upload_token: token, resumableIdentifier: "clip-q1", title: "Answer 1" })).status).toBe("ok");
    expect((await anon({ upload_token: token, resumableIdentifier: "clip-q2", title: "Answer 2" })).status).toBe("ok"); // not sent yet
    const q2 = await resumableUpload(emu, token, media.webm(), "clip-q2", "q2.webm");
    const q3 = await resumableUpload(emu, token, media.webm(), "clip-q3", "q3.webm");
    const title = async (id: string) => (await byToken(token)).find((p: { photo_id: string }) => p.photo_id === id).title;
    expect([await title(q1.photo_id), await title(q2.photo_id), await title(q3.photo_id)]).toEqual(["Answer 1", "Answer 2", "Response"]);

    await anon({ upload_token: token, tags: "x" }); // token-wide, other field: per-file titles stay
    expect(await title(q2.photo_id)).toBe("Answer 2");
    await anon({ upload_token: token, title: "Everyone" });
    expect(await title(q1.photo_id)).toBe("Everyone");
  });

  it("a token holder cannot lift limits or move the callback; write credentials can", async () => {
    const token = await getToken(emu, { return_url: "http://localhost:3000/cb" });
    for (const p of <Record<string, string>[]>[
      { max_uploads: "100" },
      { valid_minutes: "1440" },
      { return_url: "https://evil.example/" },
      { background_return_p: "1" },
      { user_id: "17489" },
      { customer_id: "C9" },
      { extra_field: "x" },
    ]) {
      const j = await anon({ upload_token: token, ...p });
      expect(j.code, JSON.stringify(p)).toBe("permission_denied");
      expect(j.message).toContain("(required level: 'write')");
    }
    expect((await callJson(emu, "/api/photo/update-upload-token", { upload_token: token, max_uploads: "3" })).uploadtoken.max_uploads).toBe("3");
  });

  it("bad input: unknown token, bad publish, unknown album", async () => {
    const token = await getToken(emu);
    expect((await anon({ upload_token: "f".repeat(40), title: "x" })).code).toBe("invalid_input");
    expect((await anon({ title: "x" })).code).toBe("invalid_input");
    expect((await anon({ upload_token: token, publish: "yes" })).code).toBe("invalid_input");
    expect((await anon({ upload_token: token, album_id: "4242" })).code).toBe("invalid_album");
  });

  it("delete-upload-token (write): later redeems get the plain 400; objects already made stay", async () => {
    const token = await getToken(emu, { max_uploads: "2" });
    const made = await (await redeem(emu, token, media.mp4(), { name: "a.mp4", fields: { format: "json", raw: "1" } })).json();
    const denied = await callJson(emu, "/api/photo/delete-upload-token", { upload_token: token }, { creds: CREDS.read });
    expect(denied.code).toBe("permission_denied");
    expect((await callJson(emu, "/api/photo/delete-upload-token", { upload_token: token }, { creds: null })).code).toBe("permission_denied");
    const ok = await callJson(emu, "/api/photo/delete-upload-token", { upload_token: token });
    expect(ok).toMatchObject({ status: "ok", upload_token: token });
    const r = await redeem(emu, token, media.mp4());
    expect(r.status).toBe(400);
    expect(r.headers.get("content-type")).toMatch(/text\/plain/);
    expect((await r.text()).trim()).toBe("Invalid upload token");
    expect((await callJson(emu, "/api/photo/list", { photo_id: made.photo_id, token: made.token })).photos).toHaveLength(1);
    expect((await callJson(emu, "/api/photo/delete-upload-token", { upload_token: token })).code).toBe("invalid_input");
    expect((await callJson(emu, "/api/photo/delete-upload-token", {})).code).toBe("invalid_input");
    expect((await anon({ upload_token: token, title: "x" })).code).toBe("invalid_input");
  });

  it("a token revoked while its upload is still streaming: plain 400, nothing stored, no temp file", async () => {
    const token = await getToken(emu);
    await fetch(emu.url + "/_emulator/faults", { method: "POST", body: JSON.stringify({ slowUploadBytesPerSec: 100_000 }) });
    try {
      const before = (await objects(emu)).length;
      const pending = redeem(emu, token, fixture("clip.mp4")); // ~1 s at this rate
      await until(() => someFileIn(path.join(emu.dataDir, "tmp")), "the upload to start streaming");
      expect((await callJson(emu, "/api/photo/delete-upload-token", { upload_token: token })).status).toBe("ok");
      const r = await pending;
      expect(r.status).toBe(400);
      expect((await r.text()).trim()).toBe("Invalid upload token");
      expect((await objects(emu)).length).toBe(before);
      expect(filesIn(path.join(emu.dataDir, "tmp"))).toEqual([]);
    } finally {
      await fetch(emu.url + "/_emulator/faults", { method: "DELETE" });
    }
  });
});
