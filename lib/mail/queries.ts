// The team e-mails sent about one upload, for its review page.
import "server-only";
import { db } from "@/lib/db";

export const mailsForUpload = (uploadId: string) => db().mailMessage.findMany({ where: { uploadId }, orderBy: { createdAt: "asc" }, take: 50 });
