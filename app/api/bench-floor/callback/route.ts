// The bench's floor route handler (lib/bench-floor.ts): 404 unless BENCH_FLOOR_ROUTES=1.
import type { NextRequest } from "next/server";
import { floorCallback, floorEnabled } from "@/lib/bench-floor";

export const dynamic = "force-dynamic";

export async function GET(req: NextRequest) {
  if (!floorEnabled()) return new Response("Not found", { status: 404 });
  return floorCallback(req.nextUrl.searchParams);
}
