import path from "node:path";
import { startEmulator } from "./server.ts";
import { SEED } from "./seed.ts";

function corsFromEnv(): string[] | "none" {
  const raw = process.env.EMULATOR_CORS_ORIGINS?.trim();
  if (raw === "none") return "none";
  if (raw)
    return raw
      .split(",")
      .map((s) => s.trim().replace(/\/+$/, ""))
      .filter(Boolean);
  return [(process.env.APP_URL ?? "http://localhost:3000").replace(/\/+$/, "")];
}

function transcodeSecondsFromEnv(): number {
  const raw = process.env.EMULATOR_TRANSCODE_SECONDS?.trim();
  const n = raw ? Number(raw) : 5;
  if (!Number.isFinite(n) || n < 0) {
    console.error(`EMULATOR_TRANSCODE_SECONDS must be a number >= 0 (got "${raw}")`);
    process.exit(2);
  }
  return n;
}

function pingbackFromEnv(): string | null {
  const raw = process.env.EMULATOR_PINGBACK_URL?.trim();
  if (!raw) return null;
  try {
    const u = new URL(raw);
    if (u.protocol === "http:" || u.protocol === "https:") return raw;
  } catch {
    /* reported below */
  }
  console.error("EMULATOR_PINGBACK_URL must be an absolute http(s) URL");
  process.exit(2);
}

// `.data/emulator` under the folder npm was started from (INIT_CWD, which npm sets and passes on to
// children): `npm run emulator` at the root and the portal's `npm start` keep sharing the root's
// .data/emulator as before, although npm runs the workspace script inside emulator/; `npm start`
// in emulator/ keeps its data in emulator/.data/emulator. Plain `node main.ts` uses the cwd.
function defaultDataDir(): string {
  return path.resolve(process.env.INIT_CWD || process.cwd(), ".data", "emulator");
}

const port = Number(process.env.EMULATOR_PORT ?? 4023);
const emu = await startEmulator({
  port: Number.isFinite(port) ? port : 4023,
  host: process.env.EMULATOR_HOST || "127.0.0.1",
  dataDir: process.env.EMULATOR_DATA_DIR || defaultDataDir(),
  corsOrigins: corsFromEnv(),
  transcodeSeconds: transcodeSecondsFromEnv(),
  pingbackUrl: pingbackFromEnv(),
});

console.log(`TwentyThree emulator listening on ${emu.url} (domain ${emu.domain})`);
console.log(`  transcoding takes ${transcodeSecondsFromEnv()} s; pingbacks ${pingbackFromEnv() ?? "off (EMULATOR_PINGBACK_URL unset)"}`);
for (const c of SEED.credentials) {
  console.log(`  ${c.level.padEnd(5)} consumer key ${c.consumerKey} / secret ${c.consumerSecret}`);
  console.log(`        access token ${c.accessToken} / secret ${c.accessSecret}`);
}
console.log(`  site ${SEED.site.site_name} (site_id ${SEED.site.site_id}); albums ${SEED.albums.map((a) => `${a.album_id} ${a.title}`).join(", ")}`);

let stopping = false;
async function stop(sig: string) {
  if (stopping) return;
  stopping = true;
  console.log(`Emulator stopping (${sig})`);
  await emu.close();
  process.exit(0);
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
