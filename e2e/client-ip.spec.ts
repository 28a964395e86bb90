// Per-address limits against an attacker who rotates X-Forwarded-For, over real HTTP from real
// loopback addresses: the portal trusts no proxy here (TRUSTED_PROXY_HOPS=0, e2e/server.ts), so
// it keys on the socket's address and a forged header buys nothing.
import { readFileSync } from "node:fs";
import path from "node:path";
import { test, expect } from "./test";
import { LOGIN_POLICY } from "../lib/limits";
import { INTAKE_POST_LIMIT, MINT_LIMITS } from "../lib/limits";
import { query } from "./db";
import { httpFrom, multipart, rotatedForwardedFor } from "./net";

const ADMIN = { email: "admin@e2e.test", password: "e2e-admin-password-1" };

test("rotating X-Forwarded-For does not buy more intake POSTs than one address gets", async () => {
  const attacker = "127.0.0.21";
  const post = () =>
    httpFrom(attacker, {
      method: "POST",
      path: "/u/demo",
      headers: { "x-forwarded-for": rotatedForwardedFor(), "content-type": "application/x-www-form-urlencoded" },
      body: "slug=demo",
    });
  const statuses: number[] = [];
  for (let i = 0; i < INTAKE_POST_LIMIT.max; i++) statuses.push((await post()).status);
  expect(statuses.filter((s) => s === 429)).toEqual([]);
  const refused = await post();
  expect(refused.status).toBe(429);
  expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
  expect(refused.text).toMatch(/try again in \d+ (seconds|minutes?)/);
  // Another address is not affected.
  const other = await httpFrom("127.0.0.22", {
    method: "POST",
    path: "/u/demo",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "slug=demo",
  });
  expect(other.status).not.toBe(429);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("rotating X-Forwarded-For does not mint more upload tokens than one address may", async ({ page, baseURL }) => {
    test.setTimeout(120_000);
    const attacker = "127.0.0.23";
    await page.goto("/u/demo");
    // The no-JS details form posts a server action named by hidden $ACTION fields; replay it.
    const hidden = await page
      .locator("form input[type=hidden]")
      .evaluateAll((inputs) => inputs.map((i) => [(i as HTMLInputElement).name, (i as HTMLInputElement).value] as [string, string]));
    const actionFields = Object.fromEntries(hidden.filter(([name]) => name.startsWith("$ACTION")));
    const mint = async (i: number) => {
      // A new e-mail each time too, so only the per-address limit (MINT_LIMITS.perIp) can stop it.
      const { body, contentType } = await multipart({ ...actionFields, slug: "demo", name: "Mallory", email: `m${i}@example.com`, consent: "on" });
      return httpFrom(attacker, {
        method: "POST",
        path: "/u/demo",
        headers: { "content-type": contentType, origin: baseURL!, "x-forwarded-for": rotatedForwardedFor() },
        body,
      });
    };
    const minted: number[] = [];
    const max = MINT_LIMITS.perIp.max;
    for (let i = 0; i < max; i++) minted.push((await mint(i)).status);
    expect(minted).toEqual(Array(max).fill(303));
    const refused = await mint(max);
    expect(refused.status).toBe(200);
    expect(refused.text).toContain("Too many uploads were started from here");
    const [row] = await query<{ n: string }>(`SELECT count(*) AS n FROM upload_tokens WHERE requester_ip = $1`, [attacker]);
    expect(Number(row!.n)).toBe(max);
  });
});

/** Next-auth's credentials sign-in as any HTTP client does it: CSRF token + cookie, then the form. */
async function signInFrom(address: string, email: string, password: string, forwardedFor?: string) {
  const extra: Record<string, string> = forwardedFor ? { "x-forwarded-for": forwardedFor } : {};
  const csrf = await httpFrom(address, { path: "/api/auth/csrf", headers: extra });
  const { csrfToken } = JSON.parse(csrf.text) as { csrfToken: string };
  const body = new URLSearchParams({ email, password, csrfToken, callbackUrl: "/admin" }).toString();
  const res = await httpFrom(address, {
    method: "POST",
    path: "/api/auth/callback/credentials",
    headers: { ...extra, "content-type": "application/x-www-form-urlencoded", cookie: csrf.cookies.join("; ") },
    body,
  });
  const location = String(res.headers.location ?? "");
  return {
    signedIn: res.cookies.some((c) => /session-token=./.test(c)) && !location.includes("error="),
    tooMany: location.includes("code=too_many_attempts"),
  };
}

test("a stranger's wrong passwords from another address do not lock the admin out", async () => {
  const stranger = "127.0.0.24";
  const last = LOGIN_POLICY.maxFailures - 1;
  for (let i = 0; i < last; i++)
    expect(await signInFrom(stranger, ADMIN.email, `wrong-${i}`, rotatedForwardedFor())).toEqual({ signedIn: false, tooMany: false });
  // The last allowed wrong password locks this account for the stranger's address, whatever header it sends…
  expect(await signInFrom(stranger, ADMIN.email, `wrong-${last}`, rotatedForwardedFor())).toEqual({ signedIn: false, tooMany: true });
  expect(await signInFrom(stranger, ADMIN.email, ADMIN.password, rotatedForwardedFor())).toEqual({ signedIn: false, tooMany: true });
  // …and the admin, from their own address, signs in.
  expect(await signInFrom("127.0.0.25", ADMIN.email, ADMIN.password)).toEqual({ signedIn: true, tooMany: false });
});

test("rotating X-Forwarded-For does not buy more failed sign-ins than one address gets", async () => {
  test.setTimeout(120_000);
  const guesser = "127.0.0.26";
  // LOGIN_POLICY.ipMaxFailures failures across accounts per window per address (lib/auth/login.ts).
  for (let i = 0; i < LOGIN_POLICY.ipMaxFailures; i++)
    expect((await signInFrom(guesser, `nobody${i}@example.com`, "guess", rotatedForwardedFor())).signedIn).toBe(false);
  expect(await signInFrom(guesser, ADMIN.email, ADMIN.password, rotatedForwardedFor())).toEqual({ signedIn: false, tooMany: true });
  expect((await signInFrom("127.0.0.27", ADMIN.email, ADMIN.password)).signedIn).toBe(true);
});

test("a public action posted to another page (Next forwards it to itself) still counts against the sender's address", async ({ baseURL }) => {
  // The action's id, as the browser's JavaScript would send it (ids are in the build's manifest).
  const manifest = JSON.parse(readFileSync(path.join(process.env.NEXT_DIST_DIR ?? ".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string; filename?: string }>;
  };
  const prepareId = Object.entries(manifest.node).find(([, v]) => v.exportedName === "prepareUpload" && v.filename?.includes("lib/intake/actions"))?.[0];
  expect(prepareId).toBeTruthy();
  const sender = "127.0.0.28";
  const email = `forwarded-${Date.now()}@example.com`;
  const res = await httpFrom(sender, {
    method: "POST",
    path: "/login",
    headers: {
      "next-action": prepareId!,
      accept: "text/x-component",
      origin: baseURL!,
      "content-type": "text/plain;charset=UTF-8",
      "x-forwarded-for": rotatedForwardedFor(),
    },
    body: JSON.stringify(["demo", { name: "Fwd", email, consent: "on" }, { fileCount: 1, background: true }]),
  });
  expect(res.status).toBe(200);
  expect(await query(`SELECT requester_ip FROM upload_tokens WHERE contributor_email = $1`, [email])).toEqual([{ requester_ip: sender }]);
  // It really was forwarded: the loopback copy to the intake page passed the intake gate
  // (proxy.ts), which counted it for the sender, not for 127.0.0.1.
  expect(await query(`SELECT count FROM rate_limits WHERE key = $1`, [`intake-post:ip:${sender}`])).toEqual([{ count: 1 }]);
});
