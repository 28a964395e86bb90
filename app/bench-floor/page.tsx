// Only so the floor action (./actions.ts) is part of the build; 404 unless BENCH_FLOOR_ROUTES=1.
import { notFound } from "next/navigation";
import { floorEnabled } from "@/lib/bench-floor";
import { benchFloorMint } from "./actions";

export const dynamic = "force-dynamic";

export default function BenchFloorPage() {
  if (!floorEnabled()) notFound();
  return <form action={benchFloorMint as unknown as (f: FormData) => Promise<void>} />;
}
