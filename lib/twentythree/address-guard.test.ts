import http from "node:http";
import type { AddressInfo } from "node:net";
import { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blockedAddressReason, blockedHostReason, guardedLookupWith } from "./address-guard";
import { createTwentyThreeClient } from "./client";
import { TwentyThreeBlockedTargetError, TwentyThreeError } from "./errors";

const creds = { consumerKey: "ck", consumerSecret: "cs-secret-1", accessToken: "at-token-1", accessTokenSecret: "ats-secret-1" };

// A real local server standing in for "whatever answers": it counts what reached it.
let hits = 0;
const server = http.createServer((_req, res) => {
  hits++;
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify({ status: "ok", site: { site_name: "Local", domain: "localhost", permission_level: "write" } }));
});
let port = 0;
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("blocked targets", () => {
  it("refuses link-local and metadata addresses in every spelling, allows loopback and LAN", () => {
    for (const a of ["169.254.169.254", "169.254.0.1", "::ffff:169.254.169.254", "fe80::1", "fd00:ec2::254", "100.100.100.200"])
      expect(blockedAddressReason(a), a).toBeDefined();
    for (const a of ["127.0.0.1", "::1", "10.1.2.3", "192.168.1.10", "203.0.113.5", "fd00::1"]) expect(blockedAddressReason(a), a).toBeUndefined();
    // The URL parser turns decimal and hex forms into the dotted address before we look.
    for (const u of ["http://2852039166/", "http://0xa9fea9fe/", "http://[fe80::1]:80/", "http://metadata.google.internal/", "http://METADATA/"])
      expect(blockedHostReason(new URL(u).hostname), u).toBeDefined();
    expect(blockedHostReason("localhost")).toBeUndefined();
    // Handed over as text (not through the URL parser), the odd spellings are still addresses.
    for (const a of ["2852039166", "0xa9fea9fe", "0251.0376.0251.0376", "0xa9.0xfe.0xa9.0xfe", "169.254.43518", "fe80::1%eth0"])
      expect(blockedAddressReason(a), a).toBeDefined();
    for (const h of ["video.example.com", "deadbeef.cafe", "localhost"]) expect(blockedHostReason(h), h).toBeUndefined();
  });

  it("makes no call to a refused literal address and says why, naming no secret", async () => {
    let calls = 0;
    const c = createTwentyThreeClient({
      apiUrl: "http://169.254.169.254",
      ...creds,
      retries: 0,
      fetch: (async () => {
        calls++;
        throw new Error("must not be called");
      }) as typeof fetch,
    });
    const err = await c.getSite().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TwentyThreeBlockedTargetError);
    expect((err as Error).message).toMatch(/link-local.*ALLOW_PRIVATE_TARGETS/);
    expect(JSON.stringify(err) + (err as Error).message).not.toMatch(/secret|at-token/);
    expect(calls).toBe(0);
  });

  it("allows loopback (the emulator) through the guarded dispatcher", async () => {
    const c = createTwentyThreeClient({ apiUrl: `http://localhost:${port}`, ...creds, retries: 0 });
    const before = hits;
    await expect(c.getSite()).resolves.toMatchObject({ siteName: "Local" });
    expect(hits).toBe(before + 1);
  });

  it("refuses a name whose DNS answer is link-local, at connect time", async () => {
    const before = hits;
    // Fake DNS: the name resolves to the metadata address (the socket would never get there).
    const evil = new Agent({ connect: { lookup: guardedLookupWith((_h, _o, cb) => cb(null, [{ address: "169.254.169.254", family: 4 }])) as never } });
    const err = await fetch(`http://rebind.example:${port}/`, { dispatcher: evil } as RequestInit).then(
      () => null,
      (e: unknown) => e,
    );
    expect(String((err as { cause?: Error }).cause?.message)).toMatch(/rebind\.example resolves to a link-local address/);
    // The same name resolving to loopback connects.
    const fine = new Agent({ connect: { lookup: guardedLookupWith((_h, _o, cb) => cb(null, [{ address: "127.0.0.1", family: 4 }])) as never } });
    expect((await fetch(`http://rebind.example:${port}/`, { dispatcher: fine } as RequestInit)).status).toBe(200);
    expect(hits).toBe(before + 1);
    await Promise.all([evil.close(), fine.close()]);
  });

  it("lets ALLOW_PRIVATE_TARGETS through (the client only gets the flag)", async () => {
    let calls = 0;
    const c = createTwentyThreeClient({
      apiUrl: "http://169.254.169.254",
      ...creds,
      retries: 0,
      allowPrivateTargets: true,
      fetch: (async () => {
        calls++;
        throw new TypeError("fetch failed");
      }) as typeof fetch,
    });
    const err = await c.getSite().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TwentyThreeError);
    expect(err).not.toBeInstanceOf(TwentyThreeBlockedTargetError);
    expect(calls).toBe(1);
  });
});
