// Who is asking, inside a server action or server component: the client address the server
// wrapper stamped on the request (lib/http/client-ip.ts).
import "server-only";
import { headers } from "next/headers";
import { clientIp } from "@/lib/http/client-ip";

export async function requesterIp(): Promise<string> {
  return clientIp(await headers());
}
