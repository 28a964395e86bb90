// Vitest global setup: one throwaway PostgreSQL cluster for the whole run (or the one
// scripts/test.ts already started), plus a migrated template database that each test file
// clones, so tests never touch the dev data and never see each other's rows.
import { mkdtempSync, rmSync, chmodSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort, startCluster, type Cluster } from "../scripts/lib/pg-cluster";
import { migrate } from "../lib/migrate";

export const TEMPLATE_DB = "portal_test_template";

let cluster: Cluster | undefined;
let dir: string | undefined;

export async function setup() {
  if (!process.env.TEST_PG_ADMIN_URL) {
    dir = mkdtempSync(path.join(os.tmpdir(), "portal-vitest-"));
    chmodSync(dir, 0o755);
    cluster = await startCluster({ dataDir: path.join(dir, "pg"), port: await freePort() });
    process.env.TEST_PG_ADMIN_URL = cluster.adminUrl;
  }
  const admin = new pg.Client({ connectionString: process.env.TEST_PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  const url = new URL(process.env.TEST_PG_ADMIN_URL);
  url.pathname = `/${TEMPLATE_DB}`;
  await migrate(url.toString());
}

export async function teardown() {
  await cluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
