// The bare baselines, each a plain node:http server in its own process (as the portal is), so
// the load generator measures both through the same loopback HTTP path:
//   BENCH_MODE=mint      one signed get-upload-token call to the emulator (same client and
//                        parameters the portal sends, state included) + the same single INSERT
//                        into upload_tokens; answers 200 with the token.
//   BENCH_MODE=callback  checks the signed state (HMAC) and does one INSERT into uploads
//                        (ON CONFLICT (token_id, photo_id) DO NOTHING, the key since #13); answers 303 like the portal.
//   BENCH_MODE=sink      pipes the request body to a file on disk; answers 200 when written.
// Env: BENCH_PORT, DATABASE_URL, AUTH_SECRET, EMULATOR_URL, BENCH_CONNECTION_ID, BENCH_LINK_ID,
// BENCH_SINK_DIR.
import { createHmac, hkdfSync, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { createWriteStream, rmSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import pg from "pg";
import { createTwentyThreeClient } from "../lib/twentythree/client";
import { EMULATOR_DEMO_CREDENTIALS } from "../lib/env";
import { setLogLevel } from "../lib/log";

setLogLevel("error");
const mode = process.env.BENCH_MODE;
const port = Number(process.env.BENCH_PORT);

// Same key derivation and MAC as lib/intake/signing.ts (so the bench's signed states verify here).
const key = Buffer.from(hkdfSync("sha256", process.env.AUTH_SECRET!, "twentythree-portal", "intake-signing", 32));
const mac = (purpose: string, value: string) => createHmac("sha256", key).update(`${purpose}:${value}`).digest("base64url");
function verifyState(state: string | null): { tokenId: string; nonce: string } | null {
  if (!state) return null;
  const [tokenId, nonce, sig] = state.split(".");
  if (!tokenId || !nonce || !sig) return null;
  const a = Buffer.from(sig);
  const b = Buffer.from(mac("state", `${tokenId}.${nonce}`));
  return a.length === b.length && timingSafeEqual(a, b) ? { tokenId, nonce } : null;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

let handler: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;

if (mode === "mint") {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  const client = createTwentyThreeClient({ apiUrl: process.env.EMULATOR_URL!, ...EMULATOR_DEMO_CREDENTIALS, timeoutMs: 10_000 });
  const connectionId = process.env.BENCH_CONNECTION_ID!;
  const linkId = process.env.BENCH_LINK_ID!;
  const appUrl = process.env.APP_URL!;
  handler = async (req, res) => {
    const form = new URLSearchParams(await readBody(req));
    const id = randomUUID();
    const nonce = randomBytes(12).toString("base64url");
    const params = {
      returnUrl: `${appUrl}/api/twentythree/callback`,
      backgroundReturn: false,
      albumIds: ["1001"],
      title: `Share your story with us — ${form.get("name") ?? ""}`,
      description: "",
      tags: ["testimonial"],
      publish: false,
      validMinutes: 180,
      maxUploads: 3,
      customVariables: {},
    };
    const token = await client.getUploadToken({ ...params, extra: { state: `${id}.${nonce}.${mac("state", `${id}.${nonce}`)}` } });
    await pool.query(
      `INSERT INTO upload_tokens (id, connection_id, link_id, upload_token, state_nonce, requester_ip, contributor_name, contributor_email, title, consent_text, consent_at, params, max_uploads, background_return, valid_until)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now(), $11, $12, false, $13)`,
      [
        id,
        connectionId,
        linkId,
        token.uploadToken,
        nonce,
        req.headers["x-forwarded-for"] ?? null,
        form.get("name"),
        form.get("email"),
        params.title,
        "consent",
        JSON.stringify(params),
        token.maxUploads,
        token.validUntil,
      ],
    );
    const body = JSON.stringify({ ok: true, tokenId: id, uploadToken: token.uploadToken });
    res.writeHead(200, { "content-type": "application/json" }).end(body);
  };
} else if (mode === "callback") {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  const appUrl = process.env.APP_URL!;
  handler = async (req, res) => {
    const q = new URL(req.url ?? "/", "http://x").searchParams;
    const state = verifyState(q.get("state"));
    if (!state) {
      res.writeHead(400).end("bad state");
      return;
    }
    const r = await pool.query(
      `INSERT INTO uploads (id, connection_id, link_id, token_id, photo_id, tree_id, photo_token, domain, source, contributor_name, contributor_email, title, updated_at)
       SELECT gen_random_uuid(), t.connection_id, t.link_id, t.id, $3, $4, $5, $6, 'CALLBACK', t.contributor_name, t.contributor_email, t.title, now()
       FROM upload_tokens t WHERE t.id = $1::uuid AND t.state_nonce = $2 AND t.upload_token = $7
       ON CONFLICT (token_id, photo_id) DO NOTHING RETURNING id`,
      [state.tokenId, state.nonce, q.get("photo_id"), q.get("tree_id"), q.get("token"), q.get("domain"), q.get("upload_token")],
    );
    void r;
    res.writeHead(303, { location: `${appUrl}/u/demo/done?ticket=x`, "cache-control": "no-store" }).end();
  };
} else if (mode === "sink") {
  const dir = process.env.BENCH_SINK_DIR!;
  handler = (req, res) =>
    new Promise<void>((resolve) => {
      const file = path.join(dir, `sink-${randomUUID()}.bin`);
      const out = createWriteStream(file);
      req.pipe(out);
      out.on("finish", () => {
        res.writeHead(200, { "content-type": "text/plain" }).end("ok", () => rmSync(file, { force: true }));
        resolve();
      });
      out.on("error", () => {
        res.writeHead(500).end("write failed");
        resolve();
      });
    });
} else {
  throw new Error(`BENCH_MODE must be mint, callback or sink (got ${mode})`);
}

const server = http.createServer((req, res) => {
  if (req.url === "/health") {
    res.end("ok");
    return;
  }
  handler(req, res).catch((err: Error) => {
    if (!res.headersSent) res.writeHead(500).end(err.message);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, "127.0.0.1", () => console.log(`baseline ${mode} on ${port}`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
