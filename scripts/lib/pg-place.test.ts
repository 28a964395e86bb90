// Where the embedded database goes: as root, a clone in a folder the postgres user cannot enter gets
// its data under CACHE_ROOT, found again at the next start, without touching the folder's mode;
// as anyone else (PostgreSQL runs as us) the requested folder is used as it is.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CACHE_ROOT, dataDirFor, postgresUser, reachable } from "./pg-place";

const user = postgresUser();
const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

describe("the embedded database's folder", () => {
  it("a clone in a 0700 folder: relocated only when PostgreSQL cannot reach it, and found again", () => {
    const clone = mkdtempSync(path.join(os.tmpdir(), "clone-0700-")); // mkdtemp makes it 0700
    made.push(clone);
    const requested = path.join(clone, ".data", "postgres");
    const first = dataDirFor(user, requested);
    if (user) {
      expect(reachable(user, path.join(clone, ".data"), "x")).toBe(false);
      expect(first.relocated).toBe(true);
      expect(first.dir.startsWith(CACHE_ROOT + "/")).toBe(true);
      made.push(path.dirname(first.dir));
      expect(reachable(user, path.dirname(first.dir), "x")).toBe(true);
      expect(readFileSync(path.join(path.dirname(first.dir), "clone-path"), "utf8").trim()).toBe(requested);
    } else {
      expect(first).toEqual({ dir: requested, relocated: false });
    }
    expect(dataDirFor(user, requested)).toEqual(first); // the next start finds the same data
    expect(statSync(clone).mode & 0o777).toBe(0o700); // the user's folder was not widened
  });

  it("a folder PostgreSQL can reach is used as it is", () => {
    const open = mkdtempSync(path.join(os.tmpdir(), "clone-open-"));
    made.push(open);
    chmodSync(open, 0o755);
    mkdirSync(path.join(open, ".data"));
    expect(dataDirFor(user, path.join(open, ".data", "postgres"))).toEqual({ dir: path.join(open, ".data", "postgres"), relocated: false });
  });
});
