import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { callJson, fixture, getToken, objects, redeem, start } from "./helpers.ts";

const ORIGIN = "http://localhost:3000";
const REDEEM = "/api/photo/redeem-upload-token";
const preflight = (url: string, origin: string, headers = "content-type") =>
  fetch(url + REDEEM, {
    method: "OPTIONS",
    headers: { Origin: origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": headers },
  });

describe("CORS on redeem", () => {
  let emu: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    emu = await start({ corsOrigins: [ORIGIN] });
  });
  afterAll(() => emu.close());
  beforeEach(async () => {
    await fetch(emu.url + "/_emulator/faults", { method: "DELETE" });
  });

  it("preflight for an allowed origin", async () => {
    const r = await preflight(emu.url, ORIGIN, "content-type, x-requested-with");
    expect(r.status).toBe(204);
    expect(r.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    expect(r.headers.get("access-control-allow-methods")).toBe("POST, GET, OPTIONS");
    expect(r.headers.get("access-control-allow-headers")).toContain("x-requested-with");
    expect(r.headers.get("access-control-allow-credentials")).toBeNull();
    expect(r.headers.get("access-control-expose-headers")).toBeNull();
  });

  it("preflight refused for other origins or odd headers", async () => {
    const r = await preflight(emu.url, "http://evil.example");
    expect(r.status).toBe(403);
    expect(r.headers.get("access-control-allow-origin")).toBeNull();
    expect((await preflight(emu.url, ORIGIN, "authorization")).headers.get("access-control-allow-origin")).toBeNull();
  });

  it("actual upload from an allowed origin carries the header; others don't", async () => {
    const t = await getToken(emu);
    const ok = await redeem(emu, t, fixture("clip.mp4"), { headers: { Origin: ORIGIN } });
    expect(ok.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    const t2 = await getToken(emu);
    const no = await redeem(emu, t2, fixture("clip.mp4"), { headers: { Origin: "http://evil.example" } });
    expect(no.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("corsDisabled switch behaves like no allowed origins", async () => {
    await fetch(emu.url + "/_emulator/faults", { method: "POST", body: JSON.stringify({ corsDisabled: true }) });
    expect((await preflight(emu.url, ORIGIN)).status).toBe(403);
  });

  it("corsOrigins none", async () => {
    const e2 = await start({ corsOrigins: "none" });
    try {
      expect((await preflight(e2.url, ORIGIN)).headers.get("access-control-allow-origin")).toBeNull();
    } finally {
      await e2.close();
    }
  });
});

describe("fault switches", () => {
  let emu: Awaited<ReturnType<typeof start>>;
  const faults = (body: unknown) => fetch(emu.url + "/_emulator/faults", { method: "POST", body: JSON.stringify(body) });
  beforeAll(async () => {
    emu = await start();
  });
  afterAll(() => emu.close());
  beforeEach(async () => {
    await fetch(emu.url + "/_emulator/faults", { method: "DELETE" });
  });

  it("GET shows defaults, POST merges, bad values refused, DELETE resets", async () => {
    const d = await (await fetch(emu.url + "/_emulator/faults")).json();
    expect(d).toEqual({
      dropCallbacks: false,
      delayMs: 0,
      apiFailure: null,
      failProcessing: false,
      slowUploadBytesPerSec: 0,
      corsDisabled: false,
      failChunksAfter: null,
      stallTranscoding: false,
    });
    expect(await (await faults({ delayMs: 5 })).json()).toMatchObject({ delayMs: 5, dropCallbacks: false });
    expect((await faults({ apiFailure: "418" })).status).toBe(400);
    expect((await faults({ nope: 1 })).status).toBe(400);
    expect((await (await fetch(emu.url + "/_emulator/faults", { method: "DELETE" })).json()).delayMs).toBe(0);
  });

  it("dropCallbacks: stored, but plain 200 ok and no redirect", async () => {
    const t = await getToken(emu, { return_url: "http://localhost:3000/cb" });
    await faults({ dropCallbacks: true });
    const r = await redeem(emu, t, fixture("clip.mp4"));
    expect(r.status).toBe(200);
    expect((await r.text()).trim()).toBe("ok");
    expect((await objects(emu)).some((o) => o.upload_token === t)).toBe(true);
  });

  it("failProcessing: error callback, nothing stored", async () => {
    const t = await getToken(emu, { return_url: "http://localhost:3000/cb" });
    await faults({ failProcessing: true });
    const r = await redeem(emu, t, fixture("clip.mp4"));
    expect(new URL(r.headers.get("location")!).searchParams.get("error_message")).toBe("Error processing upload");
    expect((await objects(emu)).some((o) => o.upload_token === t)).toBe(false);
  });

  it("apiFailure 500/503/html; redeem unaffected", async () => {
    await faults({ apiFailure: "500" });
    expect((await fetch(emu.url + "/api/site/get")).status).toBe(500);
    await faults({ apiFailure: "503" });
    expect((await fetch(emu.url + "/api/site/get")).status).toBe(503);
    await faults({ apiFailure: "html" });
    const h = await fetch(emu.url + "/api/site/get");
    expect(h.status).toBe(200);
    expect(h.headers.get("content-type")).toMatch(/text\/html/);
    await faults({ apiFailure: null });
    const t = await getToken(emu);
    await faults({ apiFailure: "503" });
    expect((await redeem(emu, t, fixture("clip.mp4"))).status).toBe(200);
  });

  it("apiFailure timeout hangs until the client gives up", async () => {
    await faults({ apiFailure: "timeout" });
    await expect(fetch(emu.url + "/api/site/get", { signal: AbortSignal.timeout(300) })).rejects.toThrow();
  });

  it("delayMs delays API responses", async () => {
    await faults({ delayMs: 300 });
    const t0 = Date.now();
    await fetch(emu.url + "/api/site/get");
    expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
  });

  it("slowUploadBytesPerSec throttles the upload body", async () => {
    const t = await getToken(emu);
    await faults({ slowUploadBytesPerSec: 200_000 });
    const t0 = Date.now();
    const r = await redeem(emu, t, fixture("clip.mp4")); // ~106 KB → ~0.5 s
    expect((await r.text()).trim()).toBe("ok");
    expect(Date.now() - t0).toBeGreaterThanOrEqual(400);
  });

  it("signed calls still work when faults are off", async () => {
    expect((await callJson(emu, "/api/site/get")).status).toBe("ok");
  });
});
