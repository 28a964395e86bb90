// The floor action again, on a page with a dynamic segment as the intake page (/u/[slug]) is: Next
// dispatches an action posted to a dynamic route with more work (matching the segment, its params)
// than one posted to a static one, and every action on the intake page pays that. The bench reports
// the mint against both floors (bench/phases/mint.ts). 404 unless BENCH_FLOOR_ROUTES=1.
import { notFound } from "next/navigation";
import { floorEnabled } from "@/lib/bench-floor";
import { benchFloorMint } from "../actions";

export const dynamic = "force-dynamic";

export default async function BenchFloorSlugPage({ params }: { params: Promise<{ slug: string }> }) {
  if (!floorEnabled()) notFound();
  await params;
  return <form action={benchFloorMint as unknown as (f: FormData) => Promise<void>} />;
}
