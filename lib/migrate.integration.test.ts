import { afterEach, describe, expect, it } from "vitest";
import pg from "pg";
import { migrate, readMigrations, MigrationError, type Migration } from "@/lib/migrate";
import { createTestDatabase } from "@/test/db";

const drops: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (drops.length) await drops.pop()!();
});

async function emptyDb() {
  const t = await createTestDatabase({ empty: true });
  drops.push(t.drop);
  return t.url;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows;
  } finally {
    await c.end();
  }
}

describe("migration runner", () => {
  it("applies every migration to an empty database and records it the way Prisma does", async () => {
    const url = await emptyDb();
    const all = readMigrations();
    const r = await migrate(url);
    expect(r.applied).toEqual(all.map((m) => m.name));
    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date }>(
      url,
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(all.map((m) => [m.name, m.checksum]));
    expect(rows.every((r) => r.finished_at instanceof Date)).toBe(true);
    const tables = await query<{ table_name: string }>(url, `SELECT table_name FROM information_schema.tables WHERE table_schema='public'`);
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(["users", "uploads", "intake_links"]));
  });

  it("does nothing when run again", async () => {
    const url = await emptyDb();
    await migrate(url);
    const again = await migrate(url);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied.length).toBe(readMigrations().length);
    const [count] = await query<{ n: string }>(url, `SELECT count(*) AS n FROM "_prisma_migrations"`);
    expect(Number(count!.n)).toBe(readMigrations().length);
  });

  it("applies each migration once when two instances start together", async () => {
    const url = await emptyDb();
    const [a, b] = await Promise.all([migrate(url), migrate(url)]);
    expect([...a.applied, ...b.applied].sort()).toEqual(
      readMigrations()
        .map((m) => m.name)
        .sort(),
    );
    const [count] = await query<{ n: string }>(url, `SELECT count(*) AS n FROM "_prisma_migrations"`);
    expect(Number(count!.n)).toBe(readMigrations().length);
  });

  it("refuses an applied migration whose file was changed, and changes nothing", async () => {
    const url = await emptyDb();
    await migrate(url);
    const edited: Migration[] = readMigrations().map((m, i) => (i === 0 ? { ...m, sql: m.sql + "\n-- edited", checksum: "0".repeat(64) } : m));
    await expect(migrate(url, { migrations: edited })).rejects.toThrow(MigrationError);
    await expect(migrate(url, { migrations: edited })).rejects.toThrow(/was changed after it was applied/);
  });

  it("rolls back a failing migration entirely and records nothing for it", async () => {
    const url = await emptyDb();
    const bad: Migration[] = [
      ...readMigrations(),
      { name: "29990101000000_broken", sql: `CREATE TABLE half_done (id int); SELECT nope FROM missing;`, checksum: "x".repeat(64) },
    ];
    await expect(migrate(url, { migrations: bad })).rejects.toThrow(/29990101000000_broken failed/);
    const t = await query(url, `SELECT 1 FROM information_schema.tables WHERE table_name='half_done'`);
    expect(t).toEqual([]);
    const rec = await query(url, `SELECT 1 FROM "_prisma_migrations" WHERE migration_name='29990101000000_broken'`);
    expect(rec).toEqual([]);
  });
});
