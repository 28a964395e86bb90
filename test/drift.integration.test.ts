import { afterEach, describe, expect, it } from "vitest";
import { findDrift } from "@/test/drift";
import { migrate, readMigrations } from "@/lib/migrate";
import { createTestDatabase } from "@/test/db";

const drops: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (drops.length) await drops.pop()!();
});

describe("schema drift: prisma/schema.prisma vs the SQL migrations", () => {
  it("finds no difference after applying every migration to an empty database", async () => {
    const t = await createTestDatabase({ empty: true });
    drops.push(t.drop);
    await migrate(t.url);
    expect(await findDrift(t.url)).toEqual([]);
  });

  it("reports a column removed from the SQL", async () => {
    const t = await createTestDatabase({ empty: true });
    drops.push(t.drop);
    const migrations = readMigrations().map((m) => ({
      ...m,
      sql: m.sql.replace(/\n\s*"photo_token" TEXT,/, ""),
    }));
    expect(migrations.some((m, i) => m.sql !== readMigrations()[i]!.sql)).toBe(true);
    await migrate(t.url, { migrations });
    expect(await findDrift(t.url)).toContain("column uploads.photo_token (Upload.photoToken) is missing");
  });

  it("reports a nullability and an index difference", async () => {
    const t = await createTestDatabase({ empty: true });
    drops.push(t.drop);
    const migrations = readMigrations().map((m) => ({
      ...m,
      sql: m.sql
        .replace(`"title" TEXT NOT NULL,\n    "instructions"`, `"title" TEXT,\n    "instructions"`)
        .replace(`CREATE INDEX "uploads_token_id_idx" ON "uploads"("token_id");`, ""),
    }));
    await migrate(t.url, { migrations });
    const drift = await findDrift(t.url);
    expect(drift).toContain("column intake_links.title is nullable, schema says required");
    expect(drift).toContain("normal index on uploads(token_id) is missing");
  });
});
