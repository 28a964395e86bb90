// Child processes for the bench: spawned with their output in a log file, waited for over HTTP,
// measured through /proc, and stopped by their own pid.
import { spawn, type ChildProcess } from "node:child_process";
import { openSync, readdirSync, readFileSync, closeSync } from "node:fs";
import http from "node:http";

export type Child = { proc: ChildProcess; pid: number; name: string; stop: () => Promise<void> };

const running = new Set<Child>();

export function spawnChild(name: string, args: string[], env: NodeJS.ProcessEnv, logFile: string): Child {
  const fd = openSync(logFile, "a");
  const proc = spawn(process.execPath, args, { env, stdio: ["ignore", fd, fd] });
  closeSync(fd);
  const child: Child = {
    proc,
    pid: proc.pid!,
    name,
    stop: () =>
      new Promise<void>((resolve) => {
        running.delete(child);
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        const t = setTimeout(() => proc.kill("SIGKILL"), 10_000);
        t.unref();
        proc.once("exit", () => {
          clearTimeout(t);
          resolve();
        });
        proc.kill("SIGTERM");
      }),
  };
  running.add(child);
  proc.once("exit", () => running.delete(child));
  return child;
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((c) => c.stop()));
}

/** Resolves once GET `url` answers (any status below 500), or throws after `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs = 60_000, child?: Child): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child && child.proc.exitCode !== null) throw new Error(`${child.name} exited with ${child.proc.exitCode} before answering ${url}`);
    const status = await new Promise<number>((resolve) => {
      const req = http.get(url, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", () => resolve(0));
      req.setTimeout(2000, () => req.destroy());
    });
    if (status > 0 && status < 500) return;
    if (Date.now() > until) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** VmRSS / VmHWM of a process, in bytes (Linux /proc). */
export function memOf(pid: number): { rss: number; hwm: number } {
  const s = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, "m").exec(s)?.[1] ?? NaN) * 1024;
  return { rss: kb("VmRSS"), hwm: kb("VmHWM") };
}

/** Samples VmRSS every `everyMs` until stopped; returns the maximum seen. */
export function sampleRss(pid: number, everyMs = 50): { stop: () => number } {
  let max = 0;
  const tick = () => {
    try {
      max = Math.max(max, memOf(pid).rss);
    } catch {
      /* process gone */
    }
  };
  tick();
  const t = setInterval(tick, everyMs);
  return {
    stop: () => {
      clearInterval(t);
      tick();
      return max;
    },
  };
}

/** Process CPU time (user + system), seconds, from /proc/<pid>/stat. */
export function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
}

/** CPU time of a process and its direct children, seconds: PostgreSQL's postmaster and its
 * backends (one per connection, all children of the postmaster). On 2 cores the database's CPU
 * competes with the portal's, so a path's statements count against its throughput too. */
export function treeCpuSecondsOf(rootPid: number): number {
  // cutime + cstime: children that ended and were waited for (a backend whose connection closed).
  const own = readFileSync(`/proc/${rootPid}/stat`, "utf8");
  const f = own.slice(own.lastIndexOf(")") + 2).split(" ");
  let total = (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / 100;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[1]) === rootPid) total += (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      // the process ended between readdir and read
    }
  }
  return total;
}
