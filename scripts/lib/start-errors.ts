// Start failures as one line: what failed, the likely cause, what to do. `npm start` prints this
// instead of a stack trace (which helps nobody who just cloned the repository).

/** A failure we understood: `what` failed because of `cause`; `todo` is the way out. */
export class StartError extends Error {
  constructor(
    readonly what: string,
    readonly cause_: string,
    readonly todo: string,
  ) {
    super(`${what}: ${cause_}. ${todo}`);
    this.name = "StartError";
  }
}

type Sys = { code?: string; syscall?: string; path?: string; port?: number; address?: string; message?: string };

const oneLine = (s: string) => s.replace(/\s+/g, " ").trim().slice(0, 300);

/** One line for any error thrown while starting (never a stack; never a setting's value). */
export function describeStartError(err: unknown): string {
  if (err instanceof StartError) return err.message;
  const e = (typeof err === "object" && err ? err : { message: String(err) }) as Sys & { name?: string };
  const message = e.message ?? "";
  if (err instanceof Error && err.constructor.name === "SettingsError") {
    // lib/env.ts lists each bad setting on its own "  - NAME: why" line.
    const issues = message
      .split("\n")
      .slice(1)
      .map((l) => l.replace(/^\s*-\s*/, "").trim())
      .filter(Boolean);
    return `a setting is invalid: ${issues.join("; ") || oneLine(message)}. Fix it in .env or the environment (see .env.example)`;
  }
  if (e.code === "ENOSPC" || /no space left on device/i.test(message))
    return `disk full${e.path ? ` writing ${e.path}` : ""}: no space left on the device. Free some space (or move the data folder to a bigger disk) and start again`;
  if (e.code === "EADDRINUSE")
    return `port ${e.port ?? "?"} is in use: another program (maybe another "npm start") listens there. Stop it, or choose another port in .env`;
  if ((e.code === "EACCES" || e.code === "EPERM") && e.syscall?.startsWith("spawn"))
    return `cannot run ${e.path ?? "a program"}: it is not executable for this user (permissions or a noexec mount). Run \`npm install\` again, or fix the file's permissions`;
  if (e.code === "EACCES" || e.code === "EPERM")
    return `permission denied${e.path ? ` on ${e.path}` : ""}: this user may not ${e.syscall ?? "access"} it. Fix the folder's owner/permissions, or run from a folder you own`;
  return `unexpected error: ${oneLine(message.split("\n")[0] ?? message) || "unknown"}. Run again with LOG_LEVEL=debug, or report it with this line`;
}
