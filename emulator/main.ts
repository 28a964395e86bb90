import { startEmulator } from "./server.ts";
import { SEED } from "./seed.ts";

function corsFromEnv(): string[] | "none" {
  const raw = process.env.EMULATOR_CORS_ORIGINS?.trim();
  if (raw === "none") return "none";
  if (raw) return raw.split(",").map((s) => s.trim().replace(/\/+$/, "")).filter(Boolean);
  return [(process.env.APP_URL ?? "http://localhost:3000").replace(/\/+$/, "")];
}

const port = Number(process.env.EMULATOR_PORT ?? 4023);
const emu = await startEmulator({
  port: Number.isFinite(port) ? port : 4023,
  host: process.env.EMULATOR_HOST || "127.0.0.1",
  dataDir: process.env.EMULATOR_DATA_DIR || ".data/emulator",
  corsOrigins: corsFromEnv(),
});

console.log(`TwentyThree emulator listening on ${emu.url} (domain ${emu.domain})`);
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
