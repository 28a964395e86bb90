import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENT_IP_HEADER, clientIp, normalizeAddress, stampClientIp } from "@/lib/http/client-ip";

// A real node:http server stamping real requests (the socket address is 127.0.0.1), as
// scripts/serve.ts does; the answer is the address clientIp() then reads.
let hops = 0;
const server = http.createServer((req, res) => {
  stampClientIp(req, hops);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  res.end(clientIp(headers));
});
let base = "";
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const ask = async (headers: Record<string, string>) => (await fetch(base, { headers })).text();

describe("clientIp behind scripts/serve.ts", () => {
  it("with no trusted proxy keys on the socket, whatever the client writes", async () => {
    hops = 0;
    expect(await ask({})).toBe("127.0.0.1");
    expect(await ask({ "x-forwarded-for": "203.0.113.5", "x-real-ip": "203.0.113.6" })).toBe("127.0.0.1");
    expect(await ask({ [CLIENT_IP_HEADER]: "198.51.100.1" })).toBe("127.0.0.1");
  });

  it("with one trusted proxy takes the rightmost X-Forwarded-For entry (what the proxy saw)", async () => {
    hops = 1;
    expect(await ask({ "x-forwarded-for": "203.0.113.5" })).toBe("203.0.113.5");
    // A client-written entry on the left does not change the answer.
    expect(await ask({ "x-forwarded-for": "10.9.9.9, 203.0.113.5" })).toBe("203.0.113.5");
    // No header: the proxy itself (the socket) is all there is.
    expect(await ask({})).toBe("127.0.0.1");
  });

  it("with two trusted proxies takes the second entry from the right", async () => {
    hops = 2;
    expect(await ask({ "x-forwarded-for": "10.9.9.9, 203.0.113.5, 192.0.2.1" })).toBe("203.0.113.5");
  });
});

describe("server actions Next forwards to itself", () => {
  it("keep the original client's address only when the copy carries this process's proof", async () => {
    hops = 0;
    // What the stamp of a first request looks like (the server echoes nothing; read it as Next's
    // own forwarding fetch would have it: copied from the original request's headers).
    const proof = (globalThis as Record<symbol, string | undefined>)[Symbol.for("twentythree-portal.client-ip-proof")];
    expect(proof).toBeTruthy();
    expect(await ask({ [CLIENT_IP_HEADER]: "203.0.113.9", "x-portal-client-ip-proof": proof! })).toBe("203.0.113.9");
    expect(await ask({ [CLIENT_IP_HEADER]: "203.0.113.9", "x-portal-client-ip-proof": "x".repeat(proof!.length) })).toBe("127.0.0.1");
    expect(await ask({ [CLIENT_IP_HEADER]: "203.0.113.9", "x-portal-client-ip-proof": "guess" })).toBe("127.0.0.1");
  });
});

describe("normalizeAddress", () => {
  it("unwraps IPv4-mapped IPv6 and keys IPv6 by its /64", () => {
    expect(normalizeAddress("::ffff:192.0.2.4")).toBe("192.0.2.4");
    expect(normalizeAddress("2001:db8:1:2:aaaa::1")).toBe(normalizeAddress("2001:db8:1:2:bbbb::9"));
    expect(normalizeAddress("2001:db8:1:2:aaaa::1")).not.toBe(normalizeAddress("2001:db8:1:3::1"));
  });
  it("keeps non-addresses cut to 64 characters", () => {
    expect(normalizeAddress("x".repeat(100))).toHaveLength(64);
  });
});
