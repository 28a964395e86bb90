// 200 000 uploads: the first and a deep keyset page are served by an index (EXPLAIN shows no
// sequential scan of uploads), page times against the 100-row case, and a streamed CSV export of
// every row with bounded memory that parses back as valid CSV.
// Over 200 lines: the 200 000 rows are inserted once (the slow part) and shared by every case.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runInNewContext } from "node:vm";
import v8 from "node:v8";
import { Prisma } from "@/generated/prisma/client";
import { createTestDatabase } from "@/test/db";

const TOTAL = 200_000;
const BASELINE = 100;

let drop: () => Promise<void>;
let dbm: typeof import("@/lib/db");
let q: typeof import("@/lib/uploads/query");
let csv: typeof import("@/lib/uploads/csv");
let filters: typeof import("@/lib/uploads/filters");
let ids: { conn: string; linkA: string; linkB: string; token: string };

v8.setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

beforeAll(async () => {
  const t = await createTestDatabase();
  drop = t.drop;
  Object.assign(process.env, { DATABASE_URL: t.url, AUTH_SECRET: "scale-test-secret-0123456789abcdef0123456" });
  dbm = await import("@/lib/db");
  q = await import("@/lib/uploads/query");
  csv = await import("@/lib/uploads/csv");
  filters = await import("@/lib/uploads/filters");
  const [row] = await dbm.db().$queryRaw<Array<{ conn: string; linkA: string; linkB: string; token: string }>>`
    WITH c AS (
      INSERT INTO connections (id, name, api_url, consumer_key, credentials_enc, updated_at)
      VALUES (gen_random_uuid(), 'Scale', 'http://localhost:1', 'k', 'x', now()) RETURNING id),
    a AS (INSERT INTO intake_links (id, slug, title, connection_id, updated_at) SELECT gen_random_uuid(), 'scale-a', 'Scale A', id, now() FROM c RETURNING id),
    b AS (INSERT INTO intake_links (id, slug, title, connection_id, updated_at) SELECT gen_random_uuid(), 'scale-b', 'Scale B', id, now() FROM c RETURNING id),
    t AS (INSERT INTO upload_tokens (id, connection_id, link_id, upload_token, state_nonce, valid_until)
          SELECT gen_random_uuid(), c.id, a.id, 'tok', 'nonce', now() FROM c, a RETURNING id)
    SELECT c.id::text AS conn, a.id::text AS "linkA", b.id::text AS "linkB", t.id::text AS token FROM c, a, b, t`;
  ids = row!;
}, 120_000);

afterAll(async () => {
  await dbm?.db().$disconnect();
  await drop?.();
});

/** Rows i in [from, to]: every 5th name needs quoting or neutralising, as real input might. */
async function insertUploads(from: number, to: number) {
  await dbm.db().$executeRaw`
    INSERT INTO uploads (id, connection_id, link_id, token_id, photo_id, state, contributor_name, contributor_email, title, size_bytes, created_at, updated_at,
      verified_at, processing, processing_percent, video_length, thumbnail_url)
    SELECT gen_random_uuid(), ${ids.conn}::uuid, CASE WHEN i % 4 = 0 THEN ${ids.linkB}::uuid ELSE ${ids.linkA}::uuid END, ${ids.token}::uuid, i::text,
      (ARRAY['RECEIVED','VERIFIED','FAILED','PUBLISHED','REJECTED','DELETED'])[1 + i % 6]::"UploadState",
      CASE i % 5 WHEN 0 THEN 'Lovelace, Ada ' || i WHEN 1 THEN '=HYPERLINK("http://x/' || i || '")' WHEN 2 THEN E'Line one\\ntwo "quoted" ' || i ELSE 'Contributor ' || i END,
      'person' || i || '@example.com', CASE WHEN i % 7 = 0 THEN '-' || i || ' minus' ELSE 'Title ' || i END, 1000 + i,
      timestamptz '2026-11-27 00:00:00+00' - (i || ' seconds')::interval - ((i % 1000) || ' milliseconds')::interval, now(),
      -- Issue #16: confirmed rows carry processing facts and a thumbnail URL on the site's domain.
      CASE WHEN i % 6 IN (1, 3, 4, 5) THEN now() END,
      CASE WHEN i % 6 IN (1, 3, 4, 5) THEN (ARRAY['PROCESSING','READY'])[1 + i % 2]::"ProcessingState" END,
      CASE WHEN i % 6 IN (1, 3, 4, 5) THEN (i * 7) % 100 END,
      CASE WHEN i % 6 IN (1, 3, 4, 5) THEN 1 + (i % 600) END,
      CASE WHEN i % 6 IN (1, 3, 4, 5) THEN 'https://video.example.com/1/' || i || '/tok' || i || '/small' END
    FROM generate_series(${from}::int, ${to}::int) AS i`;
  await dbm.db().$executeRawUnsafe("ANALYZE uploads");
}

async function explain(sql: Prisma.Sql): Promise<string> {
  const rows = await dbm.db().$queryRaw<Array<{ "QUERY PLAN": string }>>(Prisma.sql`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql}`);
  return rows.map((r) => r["QUERY PLAN"]).join("\n");
}

async function medianMs(fn: () => Promise<unknown>, runs = 25): Promise<number> {
  for (let i = 0; i < 5; i++) await fn(); // warm the pool, the plan cache and the JIT
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return Number(times[Math.floor(runs / 2)]!.toFixed(2));
}

async function cursorAt(offset: number) {
  const [r] = await dbm.db().$queryRaw<Array<{ id: string; created_at: Date }>>`
    SELECT id::text, created_at FROM uploads ORDER BY created_at DESC, id DESC OFFSET ${offset} LIMIT 1`;
  return { createdAt: r!.created_at, id: r!.id };
}

const timings: Record<string, number> = {};

describe(`uploads list at ${TOTAL} rows`, () => {
  it(`times the first page with ${BASELINE} rows (baseline)`, async () => {
    await insertUploads(1, BASELINE);
    const page = await q.listUploads({});
    expect(page.rows).toHaveLength(q.PAGE_SIZE);
    // Thumbnails, processing and length come with the row (no join, nothing proxied).
    const confirmed = page.rows.filter((r) => ["VERIFIED", "PUBLISHED", "REJECTED", "DELETED"].includes(r.state));
    expect(confirmed.length).toBeGreaterThan(0);
    for (const r of confirmed)
      expect(r).toMatchObject({
        thumbnailUrl: `https://video.example.com/1/${r.photoId}/tok${r.photoId}/small`,
        processing: expect.stringMatching(/^(PROCESSING|READY)$/),
      });
    for (const r of page.rows.filter((x) => x.state === "RECEIVED" || x.state === "FAILED")) expect(r.thumbnailUrl).toBeNull();
    timings[`first page, ${BASELINE} rows`] = await medianMs(() => q.listUploads({}));
  });

  it("serves the first and deep pages from an index: no sequential scan of uploads", { timeout: 180_000 }, async () => {
    await insertUploads(BASELINE + 1, TOTAL);
    expect(Number((await dbm.db().$queryRaw<Array<{ n: bigint }>>`SELECT count(*) AS n FROM uploads`)[0]!.n)).toBe(TOTAL);

    const deep = await cursorAt(150_000);
    const plans: Record<string, string> = {
      "first page": await explain(q.pageSql({}, undefined, q.PAGE_SIZE + 1)),
      "deep page (row 150 000)": await explain(q.pageSql({}, deep, q.PAGE_SIZE + 1)),
      "state filter, deep": await explain(q.pageSql({ state: "PUBLISHED" }, deep, q.PAGE_SIZE + 1)),
      "link filter, deep": await explain(q.pageSql({ link: ids.linkB }, deep, q.PAGE_SIZE + 1)),
      "date range": await explain(q.pageSql({ from: "2026-11-25", to: "2026-11-25" }, undefined, q.PAGE_SIZE + 1)),
    };
    const search = await explain(q.pageSql({ q: "lovelace" }, undefined, q.PAGE_SIZE + 1));
    for (const [name, plan] of Object.entries(plans)) {
      console.log(`\n--- EXPLAIN ${name}\n${plan}`);
      expect(plan, name).not.toMatch(/Seq Scan on uploads/);
      expect(plan, name).toMatch(/Index (Only )?Scan using uploads_\w+ on uploads/);
      expect(plan, name).not.toMatch(/\bSort\b/); // the index gives the order; nothing sorts 200 000 rows
    }
    console.log(`\n--- EXPLAIN search "lovelace" (informational)\n${search}`);

    // Results match the keyset definition exactly (no gaps or duplicates across pages).
    const p1 = await q.listUploads({});
    const p2 = await q.listUploads({}, filters.decodeCursor(p1.nextCursor));
    const expected = await dbm.db().$queryRaw<Array<{ id: string }>>`SELECT id::text FROM uploads ORDER BY created_at DESC, id DESC LIMIT 100`;
    expect([...p1.rows, ...p2.rows].map((r) => r.id)).toEqual(expected.map((r) => r.id));

    timings[`first page, ${TOTAL} rows`] = await medianMs(() => q.listUploads({}));
    timings[`deep page (row 150 000), ${TOTAL} rows`] = await medianMs(() => q.listUploads({}, deep));
    timings[`state filter deep page, ${TOTAL} rows`] = await medianMs(() => q.listUploads({ state: "PUBLISHED" }, deep));
    timings[`search "lovelace" first page, ${TOTAL} rows`] = await medianMs(() => q.listUploads({ q: "lovelace" }), 5);
    // Worst case for an unindexed search: nothing matches, so the walk reads every row.
    timings[`search with no match, ${TOTAL} rows (worst case)`] = await medianMs(() => q.listUploads({ q: "no-such-person" }), 3);
    console.log("\nlistUploads median times (ms):", JSON.stringify(timings, null, 2));
    // Index-served pages stay in the same league as the 100-row table.
    expect(timings[`first page, ${TOTAL} rows`]!).toBeLessThan(Math.max(50, timings[`first page, ${BASELINE} rows`]! * 10));
    expect(timings[`deep page (row 150 000), ${TOTAL} rows`]!).toBeLessThan(Math.max(50, timings[`first page, ${BASELINE} rows`]! * 10));
  });

  it("streams all rows as CSV with bounded memory, and the CSV parses back with the expected header and escaping", { timeout: 300_000 }, async () => {
    const { CsvReader } = await import("@/lib/uploads/csv-reader");
    let records = 0;
    let header: string[] | undefined;
    let badWidth = 0;
    const seen = { comma: 0, formula: 0, newline: 0, minusTitle: 0 };
    const reader = new CsvReader((rec) => {
      if (!header) {
        header = rec;
        return;
      }
      records++;
      if (rec.length !== csv.CSV_HEADER.length) badWidth++;
      const name = rec[3] ?? "";
      if (name.startsWith("Lovelace, Ada ")) seen.comma++;
      if (name.startsWith(`'=HYPERLINK("http://x/`)) seen.formula++;
      if (/^Line one\ntwo "quoted" \d+$/.test(name)) seen.newline++;
      if (/^'-\d+ minus$/.test(rec[5] ?? "")) seen.minusTitle++;
    });

    gc();
    const mem = () => process.memoryUsage();
    const base = mem();
    const baseline = base.heapUsed + base.arrayBuffers;
    let retainedPeak = 0;
    let rawPeak = 0;
    let bytes = 0;
    let chunks = 0;
    let firstBytes: number[] = [];
    const decoder = new TextDecoder();
    const t0 = performance.now();
    const stream = csv.exportCsvStream({});
    const r = stream.getReader();
    for (;;) {
      const { value, done } = await r.read();
      if (done) break;
      if (bytes === 0) firstBytes = [...value.subarray(0, 3)];
      bytes += value.byteLength;
      reader.push(decoder.decode(value, { stream: true }));
      chunks++;
      const m = mem();
      rawPeak = Math.max(rawPeak, m.heapUsed + m.arrayBuffers - baseline);
      if (chunks % 20 === 0) {
        gc(); // what the export really holds on to, garbage aside
        const g = mem();
        retainedPeak = Math.max(retainedPeak, g.heapUsed + g.arrayBuffers - baseline);
      }
    }
    reader.end();
    const seconds = (performance.now() - t0) / 1000;
    const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;
    console.log(
      `\nCSV export: ${records} rows, ${mb(bytes)} in ${chunks} chunks, ${seconds.toFixed(1)} s; heap+buffers growth after GC peak ${mb(retainedPeak)}, without forced GC peak ${mb(rawPeak)}`,
    );

    expect(firstBytes).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM (TextDecoder drops it, as spreadsheet apps do)
    expect(header).toEqual([...csv.CSV_HEADER]);
    expect(records).toBe(TOTAL);
    expect(badWidth).toBe(0);
    expect(seen).toEqual({ comma: TOTAL / 5, formula: TOTAL / 5, newline: TOTAL / 5, minusTitle: Math.floor(TOTAL / 7) });
    expect(bytes).toBeGreaterThan(20 * 1048576);
    // Bounded: what the export retains is a small fraction of what it produced.
    expect(retainedPeak).toBeLessThan(bytes / 10);
  });
});
