// No configured secret reaches the browser: not in any built client bundle, not in served HTML or JSON.
import { test, expect } from "./test";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { E2E_AUTH_SECRET, EMULATOR_SECRETS } from "./constants";

const secrets = [E2E_AUTH_SECRET, ...EMULATOR_SECRETS];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

test("built client bundles contain no configured secret", () => {
  const dist = process.env.NEXT_DIST_DIR || ".next-test";
  const bundle = files(path.join(dist, "static"));
  expect(bundle.length).toBeGreaterThan(5);
  for (const file of bundle) {
    const text = readFileSync(file, "latin1");
    for (const s of secrets) expect(text.includes(s), `${s.slice(0, 6)}… found in ${file}`).toBe(false);
  }
});

test("served pages and JSON contain no configured secret", async ({ page, request }) => {
  const bodies: string[] = [];
  page.on("response", async (r) => {
    try {
      bodies.push(await r.text());
    } catch {
      /* redirects and aborted responses have no body */
    }
  });
  for (const url of ["/", "/u/demo", "/login", "/setup", "/u/demo/done?ticket=x", "/u/no-such-link"]) await page.goto(url);
  for (const url of ["/api/health", "/api/twentythree/callback?state=x"]) bodies.push(await (await request.get(url)).text());
  expect(bodies.length).toBeGreaterThan(8);
  for (const body of bodies) for (const s of secrets) expect(body.includes(s)).toBe(false);
});
