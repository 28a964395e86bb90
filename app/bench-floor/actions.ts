"use server";
// The bench's floor server action (lib/bench-floor.ts): 404 unless BENCH_FLOOR_ROUTES=1.
import { notFound } from "next/navigation";
import { floorEnabled, floorMint } from "@/lib/bench-floor";
import { requesterIp } from "@/lib/intake/request";

export async function benchFloorMint(name: unknown, email: unknown) {
  if (!floorEnabled()) notFound();
  return floorMint(String(name).slice(0, 200), String(email).slice(0, 200), await requesterIp());
}
