// Runs once when a portal server starts: keep the default connection in step with settings and
// rewrite credentials after a key rotation. Background jobs start here too (lib/jobs).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next build` also loads instrumentation; jobs and database work belong to a running server.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { boot } = await import("@/lib/boot");
  await boot();
}
