// Demo data for the embedded defaults: a demo admin and the /u/demo intake link.
import type { PrismaClient } from "@/generated/prisma/client";
import { ensureDefaultConnection } from "@/lib/connections";
import { hashPassword } from "@/lib/passwords";

export const DEMO_ADMIN = { email: "admin@example.com", password: "demo-admin-password" } as const;

export async function seedDemo(
  db: PrismaClient,
  opts: { admin?: boolean } = {},
): Promise<{ adminCreated: boolean; linkCreated: boolean }> {
  const connection = await ensureDefaultConnection(db);
  let adminCreated = false;
  // Only on a database without users: a removed demo admin is not brought back.
  if (opts.admin !== false && (await db.user.count()) === 0) {
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
  return { adminCreated, linkCreated };
}
