// One structured logger for the portal. Lines are JSON so they can be grepped and shipped;
// callers pass facts (method, outcome, ids), never credentials or signatures.
type Level = "debug" | "info" | "warn" | "error";
type Fields = Record<string, unknown>;

const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

// Set from lib/env.ts (LOG_LEVEL) once settings parse; "info" until then, so a settings
// failure can itself be logged.
let minimum: number = order.info;
export function setLogLevel(level: Level) {
  minimum = order[level];
}
function threshold(): number {
  return minimum;
}

export type LogSink = (line: string) => void;
let sink: LogSink = (line) => process.stdout.write(line + "\n");

/** Tests capture log output by replacing the sink. */
export function setLogSink(next: LogSink): LogSink {
  const previous = sink;
  sink = next;
  return previous;
}

function write(level: Level, msg: string, fields?: Fields) {
  if (order[level] < threshold()) return;
  sink(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }));
}

export const log = {
  debug: (msg: string, fields?: Fields) => write("debug", msg, fields),
  info: (msg: string, fields?: Fields) => write("info", msg, fields),
  warn: (msg: string, fields?: Fields) => write("warn", msg, fields),
  error: (msg: string, fields?: Fields) => write("error", msg, fields),
};
export type Logger = typeof log;
