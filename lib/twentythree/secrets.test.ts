// No credential, signature, Authorization header or upload token may reach an error message,
// its JSON form, or a log line, whatever way the call fails.
import { afterEach, describe, expect, it } from "vitest";
import { createTwentyThreeClient } from "./client";
import { checkConnection } from "./check";
import { TwentyThreeError } from "./errors";
import { captureLogs, fakeFetch, hang, json, refused, type Reply } from "@/test/fake-fetch";

const creds = {
  consumerKey: "ck-public-1",
  consumerSecret: "cs-SECRET-consumer-9f8e7d",
  accessToken: "at-ACCESS-token-1a2b3c",
  accessTokenSecret: "ats-SECRET-token-4d5e6f",
};
const UPLOAD_TOKEN = "022fe6e3fb42758d6147c539727c5358af3524b1";

let logs: ReturnType<typeof captureLogs>;
afterEach(() => logs.restore());

// A hostile server that echoes everything it received into its error message.
function echoFetch() {
  const seen: string[] = [];
  const fn = (async (_url: string | URL | Request, init?: RequestInit) => {
    const auth = new Headers(init?.headers).get("authorization") ?? "";
    seen.push(auth);
    const message = `Bad signature. Header: ${auth}; body: ${String(init?.body)}; key: ${creds.consumerSecret}&${creds.accessTokenSecret}`;
    return new Response(JSON.stringify({ status: "error", code: "invalid_signature", message }), { status: 200 });
  }) as typeof fetch;
  return { fn, seen };
}

const scenarios: [string, Reply | "echo"][] = [
  ["error envelope echoing the request", "echo"],
  ["permission denied", json({ status: "error", code: "permission_denied", message: "(required level: 'super')" })],
  ["HTML page", { status: 200, body: "<html><body>error</body></html>", contentType: "text/html" }],
  ["truncated JSON", { body: '{"status":"ok","uploadtoken":{"upload_token":"' + UPLOAD_TOKEN }],
  ["HTTP 500", { status: 500, body: "oops" }],
  ["timeout", hang],
  ["connection refused", refused()],
  ["unexpected shape", json({ status: "ok", uploadtoken: { upload_token: "" } })],
  ["ok", json({ status: "ok", uploadtoken: { upload_token: UPLOAD_TOKEN, valid_until: "1" } })],
];

describe("secrets never leak", () => {
  it.each(scenarios)("%s", async (_name, reply) => {
    logs = captureLogs();
    const echo = echoFetch();
    const fetch = reply === "echo" ? echo.fn : fakeFetch(reply).fetch;
    const c = createTwentyThreeClient({ apiUrl: "https://video.example.com", ...creds, timeoutMs: 20, retries: 1, retryBaseMs: 1, fetch });
    const outputs: string[] = [];
    const signatures: string[] = [];
    const spy = (async (u: string | URL | Request, init?: RequestInit) => {
      const sig = /oauth_signature="([^"]+)"/.exec(new Headers(init?.headers).get("authorization") ?? "")?.[1];
      if (sig) signatures.push(sig, decodeURIComponent(sig));
      return fetch(u, init);
    }) as typeof fetch;
    const spied = createTwentyThreeClient({ apiUrl: "https://video.example.com", ...creds, timeoutMs: 20, retries: 1, retryBaseMs: 1, fetch: spy });
    for (const run of [
      () => spied.getUploadToken({ title: "t" }),
      () => spied.updateUploadToken({ uploadToken: UPLOAD_TOKEN }),
      () => spied.listPhotos({ uploadToken: UPLOAD_TOKEN }),
      () => spied.getSite(),
    ]) {
      try {
        const r = await run();
        if (!(r && typeof r === "object" && "uploadToken" in r)) outputs.push(JSON.stringify(r));
      } catch (e) {
        expect(e).toBeInstanceOf(TwentyThreeError);
        outputs.push((e as Error).message, String(e), JSON.stringify(e), (e as Error).stack ?? "");
      }
    }
    outputs.push((await checkConnection(c)).message);
    outputs.push(...logs.lines);
    expect(logs.lines.length).toBeGreaterThan(0);
    expect(signatures.length).toBeGreaterThan(0);
    const forbidden = [creds.consumerSecret, creds.accessTokenSecret, creds.accessToken, UPLOAD_TOKEN, "oauth_signature", "Authorization", ...signatures];
    for (const out of outputs) for (const f of forbidden) expect(out).not.toContain(f);
  });
});
