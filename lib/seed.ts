// Demo data for the embedded defaults: a demo admin and the /u/demo intake link.
import ipaddr from "ipaddr.js";
import type { PrismaClient } from "@/generated/prisma/client";
import { ensureDefaultConnection } from "@/lib/connections";
import { env } from "@/lib/env";
import { hashPassword } from "@/lib/passwords";

export const DEMO_ADMIN = { email: "admin@example.com", password: "demo-admin-password" } as const;

/** True when a URL names this machine only (localhost, 127.0.0.0/8, ::1). */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, "").toLowerCase();
  } catch {
    return false;
  }
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  return ipaddr.isValid(host) && ipaddr.process(host).range() === "loopback";
}

export async function seedDemo(
  db: PrismaClient,
  opts: { admin?: boolean; appUrl?: string } = {},
): Promise<{ adminCreated: boolean; adminSkipped: boolean; linkCreated: boolean }> {
  const connection = await ensureDefaultConnection(db);
  let adminCreated = false;
  // A published password is only safe while nobody else can reach the portal: on a public
  // APP_URL the first admin is made through /setup instead.
  const adminSkipped = opts.admin !== false && !isLoopbackUrl(opts.appUrl ?? env().appUrl);
  // Only on a database without users: a removed demo admin is not brought back.
  if (opts.admin !== false && !adminSkipped && (await db.user.count()) === 0) {
    await db.user.create({
      data: { email: DEMO_ADMIN.email, name: "Demo admin", role: "ADMIN", passwordHash: await hashPassword(DEMO_ADMIN.password) },
    });
    adminCreated = true;
  }
  let linkCreated = false;
  if (!(await db.intakeLink.findUnique({ where: { slug: "demo" } }))) {
    await db.intakeLink.create({
      data: {
        slug: "demo",
        title: "Share your story with us",
        instructions:
          "Record a short video (a minute or two is perfect) about how you use our product, then upload it here. It goes straight to our video library.",
        connectionId: connection.id,
        nameField: "REQUIRED",
        emailField: "REQUIRED",
        titleField: "OPTIONAL",
        descriptionField: "OPTIONAL",
        consentText: "I agree that my video may be published on the company's website and social channels.",
        albumIds: ["1001"],
        tags: ["testimonial"],
        publish: false,
        validMinutes: 180,
        maxUploads: 3,
      },
    });
    linkCreated = true;
  }
  return { adminCreated, adminSkipped, linkCreated };
}
