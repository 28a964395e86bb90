// Issue #16: member recipients by reference. The migration moves stored addresses that belong to a
// member to the member's id (any letter case) and leaves every other address as typed. Real
// PostgreSQL, the real migration files applied by the portal's own runner.
import { afterAll, describe, expect, it } from "vitest";
import pg from "pg";
import { migrate, readMigrations } from "@/lib/migrate";
import { createTestDatabase } from "@/test/db";

const CONVERSION = "20261127180101_member_recipients";
const drops: Array<() => Promise<void>> = [];
afterAll(async () => {
  while (drops.length) await drops.pop()!();
});

describe("member recipients migration", () => {
  it("turns a member's stored address into the member's id and keeps outside addresses", async () => {
    const t = await createTestDatabase({ empty: true });
    drops.push(t.drop);
    const all = readMigrations();
    await migrate(t.url, { migrations: all.filter((m) => m.name < CONVERSION) });

    const c = new pg.Client({ connectionString: t.url });
    await c.connect();
    try {
      const ada = "00000000-0000-4000-8000-00000000000a";
      await c.query(`INSERT INTO users (id, email, updated_at) VALUES ($1, 'ada@example.com', now()), (gen_random_uuid(), 'bob@example.com', now())`, [ada]);
      await c.query(
        `INSERT INTO connections (id, name, api_url, consumer_key, credentials_enc, updated_at) VALUES ('00000000-0000-4000-8000-0000000000c1', 'c', 'http://x', 'k', 'e', now())`,
      );
      await c.query(
        `INSERT INTO intake_links (id, slug, title, connection_id, updated_at, notify_emails) VALUES
          ('00000000-0000-4000-8000-0000000000f1', 'one', 'One', '00000000-0000-4000-8000-0000000000c1', now(), ARRAY['Ada@Example.com', 'press@example.com']),
          ('00000000-0000-4000-8000-0000000000f2', 'two', 'Two', '00000000-0000-4000-8000-0000000000c1', now(), ARRAY['press@example.com'])`,
      );

      await migrate(t.url, { migrations: all });
      const rows = (await c.query(`SELECT slug, notify_emails, notify_member_ids::text[] AS ids FROM intake_links ORDER BY slug`)).rows;
      expect(rows).toEqual([
        { slug: "one", notify_emails: ["press@example.com"], ids: [ada] },
        { slug: "two", notify_emails: ["press@example.com"], ids: [] },
      ]);
    } finally {
      await c.end();
    }
  });
});
