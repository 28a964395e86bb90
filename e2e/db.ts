// Direct access to the e2e run's database and emulator, for assertions a user cares about
// (what was recorded), never to set up state the UI should create.
import pg from "pg";

export const emulatorUrl = `http://localhost:${process.env.E2E_EMULATOR_PORT ?? 4123}`;

export async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const admin = process.env.TEST_PG_ADMIN_URL;
  if (!admin) throw new Error("Run e2e tests through `npm test` (TEST_PG_ADMIN_URL and E2E_DB_NAME are set there)");
  const url = new URL(admin);
  url.pathname = `/${process.env.E2E_DB_NAME}`;
  const c = new pg.Client({ connectionString: url.toString() });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

export type EmulatorObject = {
  photo_id: string;
  tree_id: string;
  token: string;
  upload_token: string;
  title: string;
  description?: string;
  size: number | string;
  published_p: string | boolean;
};

export async function emulatorObjects(): Promise<EmulatorObject[]> {
  return (await (await fetch(`${emulatorUrl}/_emulator/objects`)).json()) as EmulatorObject[];
}

export async function setFaults(faults: Record<string, unknown> | null) {
  await fetch(
    `${emulatorUrl}/_emulator/faults`,
    faults ? { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(faults) } : { method: "DELETE" },
  );
}

export const mailInboxUrl = `http://localhost:${process.env.E2E_MAIL_WEB_PORT ?? 1180}`;
export type CaughtMail = { id: number; to: string[]; subject: string; text: string; html: string; headers?: Record<string, string> };

/** What the embedded mail catcher received over SMTP (e2e/server.ts). */
export async function caughtMail(): Promise<CaughtMail[]> {
  return (await (await fetch(`${mailInboxUrl}/messages.json`)).json()) as CaughtMail[];
}

/**
 * The whole suite runs from one browser on one address, which starts more uploads within ten
 * minutes than a single visitor may (MINT_LIMITS.perIp, the intake gate). Journeys that are not
 * about those limits start with that address's budgets fresh; the limits' own specs count theirs.
 */
export async function freshAddressBudgets(): Promise<void> {
  await query(
    `DELETE FROM rate_limits WHERE (key LIKE 'mint:ip:%' OR key LIKE 'intake-post:ip:%') AND key NOT LIKE '%192.0.2.%' AND key NOT LIKE '%203.0.113.%'`,
  );
}
