// The bench's floor action and route (lib/bench-floor.ts) exist in every build but must do
// nothing outside `npm run bench`: without BENCH_FLOOR_ROUTES=1 (the e2e portal runs as a
// deployment would) they answer 404 and mint nothing, even when called exactly as the bench does.
import { test, expect } from "./test";
import { actionIds } from "../bench/lib/action";
import { query } from "./db";

test("the bench floor page, action and route answer 404 and mint nothing in a normal deployment", async ({ request, baseURL }) => {
  expect((await request.get("/bench-floor")).status()).toBe(404);
  expect((await request.get("/bench-floor/demo")).status()).toBe(404);
  expect((await request.get("/api/bench-floor/callback?state=x")).status()).toBe(404);
  const id = actionIds(process.env.NEXT_DIST_DIR ?? ".next-test")["app/bench-floor/actions.ts#benchFloorMint"];
  expect(id, "the floor action is in the build").toBeTruthy();
  const tokens = async () => (await query<{ n: number }>("SELECT count(*)::int AS n FROM upload_tokens"))[0]!.n;
  const before = await tokens();
  for (const page of ["/bench-floor", "/bench-floor/demo"]) {
    const res = await request.post(page, {
      headers: { "next-action": id!, accept: "text/x-component", origin: baseURL!, "content-type": "text/plain;charset=UTF-8" },
      data: JSON.stringify(["Floor visitor", "floor@example.com"]),
      maxRedirects: 0,
    });
    expect(res.status(), page).toBe(404);
    expect(await res.text()).not.toContain("uploadToken");
  }
  expect(await tokens()).toBe(before);
});
