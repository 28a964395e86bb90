// Who is asking: the client IP as seen through the proxy in front of the portal.
import { headers } from "next/headers";

export async function requesterIp(): Promise<string | undefined> {
  const h = await headers();
  // The first X-Forwarded-For hop is the client when the portal runs behind one trusted proxy
  // (README: deploy behind a proxy that sets it); fall back to X-Real-IP.
  const forwarded = h.get("x-forwarded-for")?.split(",")[0]?.trim();
  return (forwarded || h.get("x-real-ip") || undefined)?.slice(0, 64);
}
