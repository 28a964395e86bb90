// A callback as a visitor's browser makes it: TwentyThree's redirect to the callback, then the
// portal's 303 followed to the thank-you page, whose quick confirmation (lib/intake/confirm.ts) is
// what turns a claim into a verified (or disowned) row while the visitor watches. Tests that
// assert the state a visitor sees use this rather than the callback alone. Imported lazily:
// test files set the environment before loading portal modules.
export async function browserCallback(method: string, params: Record<string, string>, ip?: string): Promise<Response> {
  const { receiveCallback } = await import("@/lib/intake/receive");
  const { confirmReceived } = await import("@/lib/intake/confirm");
  const { verifyTicket } = await import("@/lib/intake/signing");
  const res = await receiveCallback(method, params, ip);
  const location = res.status === 303 ? res.headers.get("location") : null;
  const tokenId = location ? verifyTicket(new URL(location).searchParams.get("ticket")) : null;
  if (tokenId) await confirmReceived(tokenId);
  return res;
}
