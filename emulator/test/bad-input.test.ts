// Property-based bad input against every emulator endpoint: malformed, oversized, repeated,
// unicode and injection-shaped parameters get a documented error (HTTP 200 envelope for the API,
// plain-text 400 for redeem, 400/404 for the rest), never a 5xx, and store nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { call, start } from "./helpers.ts";

let emu: Awaited<ReturnType<typeof start>>;
beforeAll(async () => {
  emu = await start();
});
afterAll(async () => {
  await emu?.close();
});

const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.constantFrom(
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "\u0000",
    "-1",
    "1e309",
    "NaN",
    "99999999999999999999",
    "𝕏🎥\u202e",
    "a".repeat(3000),
    "1,2,,3",
    "0x10",
  ),
);
const param = fc.constantFrom(
  "photo_id",
  "token",
  "upload_token",
  "album_id",
  "title",
  "description",
  "tags",
  "publish",
  "valid_minutes",
  "max_uploads",
  "return_url",
  "background_return_p",
  "user_id",
  "absolute_url",
  "published_p",
  "p",
  "size",
  "include_unpublished_p",
  "format",
  "raw",
  "callback",
  "varname",
);
const methods = [
  "/api/photo/get-upload-token",
  "/api/photo/update-upload-token",
  "/api/photo/list",
  "/api/photo/update",
  "/api/photo/delete",
  "/api/album/list",
  "/api/site/get",
];

async function objects(): Promise<number> {
  return ((await (await fetch(`${emu.url}/_emulator/objects`)).json()) as unknown[]).length;
}

describe("emulator under bad input", () => {
  it("signed API calls with hostile parameters answer without a server error", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...methods), fc.dictionary(param, nasty, { maxKeys: 8 }), async (method, params) => {
        const res = await call(emu, method, { ...params, format: "json", raw: "1" });
        expect(res.status).toBeLessThan(500);
        const text = await res.text();
        expect(text).not.toMatch(/at .*\.ts:\d+|SqliteError|TypeError/);
        if (res.status === 200) {
          const body = JSON.parse(text) as { status: string; code?: string; message?: string };
          expect(["ok", "error"]).toContain(body.status);
          if (body.status === "error") expect(body.code && body.message).toBeTruthy();
        }
      }),
      { numRuns: 200 },
    );
  }, 120_000);

  it("redeem with made-up tokens and fields answers a one-line plain-text 400 and stores nothing", async () => {
    const before = await objects();
    await fc.assert(
      fc.asyncProperty(nasty, fc.dictionary(fc.string({ maxLength: 20 }), nasty, { maxKeys: 5 }), async (token, extra) => {
        const form = new FormData();
        form.set("upload_token", token);
        for (const [k, v] of Object.entries(extra)) if (k && k !== "upload_token" && k !== "file") form.set(k, v);
        form.set("file", new Blob([new Uint8Array([0, 0, 0, 24, 102, 116, 121, 112])], { type: "video/mp4" }), "x.mp4");
        const res = await fetch(`${emu.url}/api/photo/redeem-upload-token`, { method: "POST", body: form, redirect: "manual" });
        expect(res.status).toBe(400);
        expect(res.headers.get("content-type")).toMatch(/text\/plain/);
        expect((await res.text()).trim().split("\n")).toHaveLength(1);
      }),
      { numRuns: 100 },
    );
    expect(await objects()).toBe(before);
  }, 120_000);

  it("the fault-switch API refuses malformed switches with 400 and keeps the old ones", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.string({ maxLength: 20 }), fc.oneof(nasty, fc.integer(), fc.boolean(), fc.constant(null)), { minKeys: 1, maxKeys: 4 }),
        async (body) => {
          const valid = Object.keys(body).every((k) =>
            ["dropCallbacks", "delayMs", "apiFailure", "failProcessing", "slowUploadBytesPerSec", "corsDisabled", "failChunksAfter"].includes(k),
          );
          const res = await fetch(`${emu.url}/_emulator/faults`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(body),
          });
          expect(res.status).toBeLessThan(500);
          if (!valid) expect(res.status).toBe(400);
          await fetch(`${emu.url}/_emulator/faults`, { method: "DELETE" });
        },
      ),
      { numRuns: 100 },
    );
    const res = await fetch(`${emu.url}/_emulator/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    expect(res.status).toBe(400);
  });
});
