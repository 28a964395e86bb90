// Dashboard at scale: GET /admin/uploads (signed in as the demo admin through the real login
// server action) with 100 uploads, then with 200 000 (INSERT … SELECT generate_series, ANALYZE),
// sequential requests, median and p95 of the full HTML page. The deep keyset page (cursor at row
// 150 000) is timed too, and listUploads (lib/uploads/query.ts) is timed in-process against
// the same database to separate query time from rendering.
import http from "node:http";
import { performance } from "node:perf_hooks";
import { actionRequest } from "../lib/action";
import type { Ctx } from "../lib/context";
import { percentile, request, round } from "../lib/load";

type Timing = { runs: number; median: number; p95: number; bytes: number };
export type DashboardResult = {
  small: { rows: number; page: Timing; query: Timing };
  large: { rows: number; page: Timing; deepPage: Timing; query: Timing };
  ratio: number;
  pass: boolean;
};

async function timeIt(runs: number, fn: () => Promise<number>): Promise<Timing> {
  let bytes = 0;
  for (let i = 0; i < 3; i++) bytes = await fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    bytes = await fn();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return { runs, median: round(percentile(t, 50), 2), p95: round(percentile(t, 95), 2), bytes };
}

export async function benchDashboard(ctx: Ctx): Promise<DashboardResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const runs = ctx.quick ? 10 : 30;
  try {
    // Sign in like the login form does.
    const loginId = ctx.actions["lib/auth/login-actions.ts#login"];
    if (!loginId) throw new Error("login action not found in the server reference manifest");
    const res = await request(
      agent,
      ctx.portalPort,
      actionRequest({
        port: ctx.portalPort,
        path: "/login",
        actionId: loginId,
        fields: { email: "admin@example.com", password: "demo-admin-password", callbackUrl: "/admin/uploads" },
      }),
    );
    const setCookie = res.headers["set-cookie"] ?? [];
    const cookie = setCookie.map((c) => c.split(";")[0]).join("; ");
    if (!cookie.includes("session-token")) throw new Error(`sign-in gave no session cookie (status ${res.status})`);
    const get = async (p: string) => {
      const r = await request(agent, ctx.portalPort, { path: p, headers: { cookie } });
      if (r.status !== 200 || !r.body.includes("Uploads")) throw new Error(`${p} answered ${r.status}`);
      return Buffer.byteLength(r.body);
    };

    // A token for the rows to hang on, then exactly 100 rows.
    await ctx.pool.query("TRUNCATE uploads CASCADE");
    const { rows: t } = await ctx.pool.query<{ id: string }>(
      `INSERT INTO upload_tokens (id, connection_id, link_id, upload_token, state_nonce, max_uploads, valid_until)
       VALUES (gen_random_uuid(), $1::uuid, $2::uuid, 'bench-scale', 'bench-scale-nonce', 100, now()) RETURNING id::text`,
      [ctx.connectionId, ctx.demoLinkId],
    );
    const insert = (from: number, to: number) =>
      ctx.pool.query(
        `INSERT INTO uploads (id, connection_id, link_id, token_id, photo_id, state, contributor_name, contributor_email, title, size_bytes, created_at, updated_at)
         SELECT gen_random_uuid(), $1::uuid, $2::uuid, $3::uuid, 'scale' || i,
           (ARRAY['RECEIVED','VERIFIED','FAILED','PUBLISHED','REJECTED','DELETED'])[1 + i % 6]::"UploadState",
           'Contributor ' || i, 'person' || i || '@example.com', 'Title ' || i, 1000000 + i,
           now() - (i || ' seconds')::interval, now()
         FROM generate_series($4::int, $5::int) AS i`,
        [ctx.connectionId, ctx.demoLinkId, t[0]!.id, from, to],
      );
    await insert(1, 100);
    await ctx.pool.query("ANALYZE uploads");
    const { listUploads } = await import("../../lib/uploads/query");
    const query = () => listUploads({}).then((p) => p.rows.length);
    const small = { rows: 100, page: await timeIt(runs, () => get("/admin/uploads")), query: await timeIt(runs, query) };
    ctx.log(`  100 rows: page median ${small.page.median} ms (p95 ${small.page.p95}), listUploads ${small.query.median} ms`);

    const total = 200_000;
    await insert(101, total);
    await ctx.pool.query("ANALYZE uploads");
    const { rows: deep } = await ctx.pool.query<{ id: string; created_at: Date }>(
      `SELECT id::text, created_at FROM uploads ORDER BY created_at DESC, id DESC OFFSET 150000 LIMIT 1`,
    );
    const { encodeCursor } = await import("../../lib/uploads/filters");
    const cursor = encodeCursor({ createdAt: deep[0]!.created_at, id: deep[0]!.id });
    const large = {
      rows: total,
      page: await timeIt(runs, () => get("/admin/uploads")),
      deepPage: await timeIt(runs, () => get(`/admin/uploads?cursor=${cursor}`)),
      query: await timeIt(runs, query),
    };
    const ratio = round(large.page.median / small.page.median, 2);
    ctx.log(
      `  ${total} rows: page median ${large.page.median} ms (p95 ${large.page.p95}), deep page ${large.deepPage.median} ms, listUploads ${large.query.median} ms · ratio ${ratio}`,
    );
    return { small, large, ratio, pass: ratio <= 1.5 };
  } finally {
    agent.destroy();
    const { db } = await import("../../lib/db");
    await db()
      .$disconnect()
      .catch(() => {});
  }
}
