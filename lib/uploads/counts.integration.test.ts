import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPortal, type Portal } from "@/test/integration";

let portal: Portal;
let dbm: typeof import("@/lib/db");
let counts: typeof import("@/lib/uploads/counts");

beforeAll(async () => {
  portal = await startPortal({ authSecret: "counts-test-secret-0123456789abcdef012345", seed: false });
  dbm = await import("@/lib/db");
  counts = await import("@/lib/uploads/counts");
});
afterAll(async () => {
  await portal?.close();
});

describe("dashboard counts", () => {
  it("weeks start on Monday (UTC)", () => {
    expect(counts.startOfUtcWeek(new Date("2026-11-27T23:59:00Z")).toISOString()).toBe("2026-11-23T00:00:00.000Z"); // a Friday
    expect(counts.startOfUtcWeek(new Date("2026-11-23T00:00:00Z")).toISOString()).toBe("2026-11-23T00:00:00.000Z"); // Monday itself
    expect(counts.startOfUtcWeek(new Date("2026-11-29T12:00:00Z")).toISOString()).toBe("2026-11-23T00:00:00.000Z"); // Sunday
  });

  it("counts today, this week, waiting for review and per link", async () => {
    const d = dbm.db();
    const conn = await d.connection.create({ data: { name: "c", apiUrl: "http://localhost:1", consumerKey: "k", credentialsEnc: "x" } });
    const [a, b] = await Promise.all(["a", "b"].map((slug) => d.intakeLink.create({ data: { slug, title: `Link ${slug}`, connectionId: conn.id } })));
    const token = await d.uploadToken.create({ data: { connectionId: conn.id, linkId: a!.id, uploadToken: "t", stateNonce: "n", validUntil: new Date() } });
    const now = new Date("2026-11-27T15:00:00Z"); // Friday
    const rows: Array<[string, "RECEIVED" | "VERIFIED" | "PUBLISHED" | "REJECTED", string]> = [
      [a!.id, "VERIFIED", "2026-11-27T01:00:00Z"], // today
      [a!.id, "RECEIVED", "2026-11-27T14:00:00Z"], // today
      [b!.id, "PUBLISHED", "2026-11-24T10:00:00Z"], // this week
      [b!.id, "VERIFIED", "2026-11-22T23:59:59Z"], // last Sunday: before this week
      [a!.id, "REJECTED", "2026-10-01T00:00:00Z"],
    ];
    let i = 0;
    for (const [linkId, state, at] of rows)
      await d.upload.create({ data: { connectionId: conn.id, linkId, tokenId: token.id, photoId: String(++i), state, createdAt: new Date(at) } });

    const c = await counts.uploadCounts(now);
    expect(c).toMatchObject({ today: 2, thisWeek: 3, waitingForReview: 3, since: { today: "2026-11-27", week: "2026-11-23" } });
    expect(c.perLink).toEqual([
      { linkId: a!.id, title: "Link a", slug: "a", total: 3, waiting: 2 },
      { linkId: b!.id, title: "Link b", slug: "b", total: 2, waiting: 1 },
    ]);
  });
});
