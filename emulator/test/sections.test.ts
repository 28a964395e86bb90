import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CREDS, call, callJson, objects, start, uploadOne } from "./helpers.ts";
import * as media from "./media-files.ts";

describe("chapters: /api/photo/section/*", () => {
  let emu: Awaited<ReturnType<typeof start>>;
  const base = Date.now();
  let offset = 0;
  beforeAll(async () => {
    emu = await start({ transcodeSeconds: 5, now: () => base + offset });
  });
  afterAll(() => emu.close());

  const video = () => uploadOne(emu, media.mp4());
  const create = (p: Record<string, string>, creds = CREDS.write) => callJson(emu, "/api/photo/section/create", p, { creds });
  const list = (p: Record<string, string>, creds: typeof CREDS.write | null = null) => callJson(emu, "/api/photo/section/list", p, { creds });

  it("create while transcoding (any start ≥ 0), list with the object's token, sorted by start", async () => {
    offset = 0;
    const v = await video();
    const late = await create({ photo_id: v.photo_id, start_time: "40.5", title: "<b>Why</b> us?", description: "Second question" });
    expect(late.status).toBe("ok");
    expect(late.section).toMatchObject({ photo_id: v.photo_id, start_time: "40.5", title: "Why us?", description: "Second question" });
    expect(late.section.section_id).toMatch(/^\d+$/);
    await create({ photo_id: v.photo_id, start_time: "0", title: "Who are you?", description: "First question" });

    const l = await list({ photo_id: v.photo_id, token: v.token });
    expect(l.status).toBe("ok");
    expect(l.total_count).toBe("2");
    expect(l.sections.map((s: { title: string; start_time: string }) => [s.start_time, s.title])).toEqual([
      ["0", "Who are you?"],
      ["40.5", "Why us?"],
    ]);
    const thumb = await fetch(emu.url + l.sections[1].small_download);
    expect(thumb.headers.get("content-type")).toBe("image/jpeg");
    // The emulator's own view shows them too.
    expect((await objects(emu)).find((o) => o.photo_id === v.photo_id).sections).toHaveLength(2);
  });

  it("after transcoding, start_time beyond video_length (2.52 s) is invalid_input; at the end is fine", async () => {
    offset = 0;
    const v = await video();
    offset = 10_000;
    expect((await create({ photo_id: v.photo_id, start_time: "2.6", title: "t", description: "d" })).code).toBe("invalid_input");
    expect((await create({ photo_id: v.photo_id, start_time: "2.52", title: "t", description: "d" })).status).toBe("ok");
  });

  it("create validates every input and needs write", async () => {
    const v = await video();
    const ok = { photo_id: v.photo_id, start_time: "1", title: "t", description: "d" };
    for (const bad of [{ start_time: "-1" }, { start_time: "one" }, { start_time: "" }, { title: "" }, { description: "  " }]) {
      expect((await create({ ...ok, ...bad })).code, JSON.stringify(bad)).toBe("invalid_input");
    }
    const { description: _d, ...noDescription } = ok;
    expect((await create(noDescription)).code).toBe("invalid_input");
    expect((await create({ ...ok, photo_id: "12" })).code).toBe("no_such_photo");
    const denied = await create(ok, CREDS.read);
    expect(denied.code).toBe("permission_denied");
    expect(denied.message).toContain("(required level: 'write')");
    expect((await list({ photo_id: v.photo_id, token: v.token })).total_count).toBe("0");
  });

  it("list needs the right token (or read credentials)", async () => {
    const v = await video();
    expect((await list({ photo_id: v.photo_id })).code).toBe("token_required");
    expect((await list({ photo_id: v.photo_id, token: "A".repeat(32) })).code).toBe("invalid_photo_token");
    expect((await list({ photo_id: v.photo_id }, CREDS.read)).status).toBe("ok");
    const xml = await (await call(emu, "/api/photo/section/list", { photo_id: v.photo_id, token: v.token }, { creds: null })).text();
    expect(xml).toContain('<response status="ok"');
  });

  it("update and delete (write), checked like create", async () => {
    offset = 0;
    const v = await video();
    const s = (await create({ photo_id: v.photo_id, start_time: "1", title: "Old", description: "d" })).section;
    const u = await callJson(emu, "/api/photo/section/update", { section_id: s.section_id, title: "New", start_time: "1.25" });
    expect(u.section).toMatchObject({ section_id: s.section_id, title: "New", start_time: "1.25", description: "d" });
    expect((await callJson(emu, "/api/photo/section/update", { section_id: s.section_id, title: "" })).code).toBe("invalid_input");
    expect((await callJson(emu, "/api/photo/section/update", { section_id: s.section_id, start_time: "x" })).code).toBe("invalid_input");
    expect((await callJson(emu, "/api/photo/section/update", { section_id: "1" })).code).toBe("invalid_input");
    // A section id with someone else's photo_id is not that photo's section.
    expect((await callJson(emu, "/api/photo/section/update", { section_id: s.section_id, photo_id: "60433001", title: "x" })).code).toBe("invalid_input");
    expect((await callJson(emu, "/api/photo/section/delete", { section_id: s.section_id }, { creds: CREDS.read })).code).toBe("permission_denied");
    expect((await list({ photo_id: v.photo_id, token: v.token })).sections[0].title).toBe("New");

    expect((await callJson(emu, "/api/photo/section/delete", { section_id: s.section_id })).status).toBe("ok");
    expect((await list({ photo_id: v.photo_id, token: v.token })).total_count).toBe("0");
    expect((await callJson(emu, "/api/photo/section/delete", { section_id: s.section_id })).code).toBe("invalid_input");
  });

  it("deleting the video deletes its sections", async () => {
    const v = await video();
    const s = (await create({ photo_id: v.photo_id, start_time: "1", title: "t", description: "d" })).section;
    await callJson(emu, "/api/photo/delete", { photo_id: v.photo_id });
    expect((await callJson(emu, "/api/photo/section/update", { section_id: s.section_id, title: "x" })).code).toBe("invalid_input");
  });
});
