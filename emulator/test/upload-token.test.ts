import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callJson, CREDS, start } from "./helpers.ts";

describe("/api/photo/get-upload-token parameter rules", () => {
  let emu: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    emu = await start();
  });
  afterAll(() => emu.close());
  const get = (p: Record<string, string>, creds = CREDS.write) => callJson(emu, "/api/photo/get-upload-token", p, { creds });

  it("valid_minutes 15..1440, numeric only", async () => {
    for (const v of ["15", "1440", "180"]) expect((await get({ valid_minutes: v })).uploadtoken.valid_minutes).toBe(v);
    for (const v of ["14", "1441", "0", "abc", "20.5", "-20"]) expect((await get({ valid_minutes: v })).code, v).toBe("invalid_input");
  });

  it("max_uploads 1..100, numeric only", async () => {
    for (const v of ["1", "100"]) expect((await get({ max_uploads: v })).uploadtoken.max_uploads).toBe(v);
    for (const v of ["0", "101", "x"]) expect((await get({ max_uploads: v })).code, v).toBe("invalid_input");
  });

  it("publish 0/1 only, default 1", async () => {
    expect((await get({})).uploadtoken.publish).toBe("1");
    expect((await get({ publish: "0" })).uploadtoken.publish).toBe("0");
    for (const v of ["2", "yes", "true"]) expect((await get({ publish: v })).code, v).toBe("invalid_input");
  });

  it("background_return_p 0/1 only", async () => {
    expect((await get({ background_return_p: "maybe" })).code).toBe("invalid_input");
  });

  it("album ids must exist (several comma-separated allowed)", async () => {
    expect((await get({ album_id: "1001,1003" })).uploadtoken.album_id).toBe("1001,1003");
    expect((await get({ album_id: "1001,999" })).code).toBe("invalid_album");
  });

  it("user_id needs super", async () => {
    const j = await get({ user_id: "17489" });
    expect(j.code).toBe("permission_denied");
    expect(j.message).toContain("(required level: 'super')");
    expect((await get({ user_id: "17489" }, CREDS.super)).uploadtoken.user_id).toBe("17489");
    expect((await get({ user_id: "999999" }, CREDS.super)).code).toBe("no_such_user");
  });

  it("return_url must be an absolute http(s) URL", async () => {
    expect((await get({ return_url: "javascript:alert(1)" })).code).toBe("invalid_input");
    expect((await get({ return_url: "http://localhost:3000/cb?x=1" })).uploadtoken.return_url).toBe("http://localhost:3000/cb?x=1");
  });

  it("title: all HTML stripped", async () => {
    expect((await get({ title: "<b>Hello</b> <script>x()</script>world & co" })).uploadtoken.title).toBe("Hello world & co");
  });

  it("description: safe tags kept", async () => {
    expect((await get({ description: "<p>Hi <b>there</b> <em>you</em></p>" })).uploadtoken.description).toBe("<p>Hi <b>there</b> <em>you</em></p>");
  });

  it("description: one disallowed tag strips all HTML", async () => {
    const d = (await get({ description: "<p>Hi <b>there</b></p><img src=x onerror=alert(1)><div>more</div>" })).uploadtoken.description;
    expect(d).not.toMatch(/[<>]/);
    expect(d).toContain("Hi there");
    expect(d).toContain("more");
  });

  it("tags, absolute_url and custom variables are stored", async () => {
    const t = (await get({ tags: "a b c", absolute_url: "https://example.com/x", customer_id: "C-42", campaign: "spring" })).uploadtoken;
    expect(t).toMatchObject({ tags: "a b c", absolute_url: "https://example.com/x", customer_id: "C-42", campaign: "spring" });
  });

  it("update-upload-token changes metadata and validates", async () => {
    const token = (await get({ title: "old" })).uploadtoken.upload_token;
    const u = await callJson(emu, "/api/photo/update-upload-token", { upload_token: token, title: "<i>new</i>", max_uploads: "5" });
    expect(u.status).toBe("ok");
    expect(u.uploadtoken).toMatchObject({ upload_token: token, title: "new", max_uploads: "5" });
    expect((await callJson(emu, "/api/photo/update-upload-token", { upload_token: token, valid_minutes: "2000" })).code).toBe("invalid_input");
    expect((await callJson(emu, "/api/photo/update-upload-token", { upload_token: "f".repeat(40) })).code).toBe("invalid_input");
    // Anonymous callers hold only the token: they may change metadata, never limits or the callback.
    const lift = await callJson(emu, "/api/photo/update-upload-token", { upload_token: token, max_uploads: "100" }, { creds: CREDS.read });
    expect(lift.code).toBe("permission_denied");
    expect(lift.message).toContain("(required level: 'write')");
    expect((await callJson(emu, "/api/photo/update-upload-token", { upload_token: token, return_url: "https://evil.example/" }, { creds: null })).code).toBe(
      "permission_denied",
    );
  });
});
