// Per-test-file databases cloned from the migrated template made in test/global-setup.ts.
import { randomBytes } from "node:crypto";
import pg from "pg";

export function adminUrl(): string {
  const url = process.env.TEST_PG_ADMIN_URL;
  if (!url) throw new Error("TEST_PG_ADMIN_URL is not set: run tests through vitest (test/global-setup.ts)");
  return url;
}

export function urlFor(database: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A fresh database: migrated (from the template) unless `empty` is set. */
export async function createTestDatabase(opts: { empty?: boolean } = {}) {
  const name = `t_${randomBytes(6).toString("hex")}`;
  await withAdmin((c) => c.query(opts.empty ? `CREATE DATABASE ${name}` : `CREATE DATABASE ${name} TEMPLATE portal_test_template`));
  return {
    name,
    url: urlFor(name),
    drop: () => withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
