// Numbers for the dashboard home. "Today" and "this week" are UTC days (week starts Monday),
// matching the date filter of the uploads list so a count links to the same rows.
import "server-only";
import { db } from "@/lib/db";

export type UploadCounts = {
  today: number;
  thisWeek: number;
  waitingForReview: number;
  perLink: Array<{ linkId: string; title: string; slug: string; total: number; waiting: number }>;
  since: { today: string; week: string };
};

/** Received or verified, not yet approved, rejected or deleted. */
export const WAITING_STATES = ["RECEIVED", "VERIFIED"] as const;

export function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

export function startOfUtcWeek(now: Date): Date {
  const day = startOfUtcDay(now);
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * 86_400_000);
}

/** The overview's week at a glance: live links, uploads and failures in the last 7 days, tested connections. */
export async function weekOverview(now = new Date()) {
  const since = new Date(now.getTime() - 7 * 24 * 3600_000);
  const [links, uploadsWeek, failedWeek, testedConnections] = await Promise.all([
    db().intakeLink.count({ where: { deletedAt: null, active: true } }),
    db().upload.count({ where: { createdAt: { gte: since } } }),
    db().upload.count({ where: { createdAt: { gte: since }, state: "FAILED" } }),
    db().connection.count({ where: { lastCheckStatus: "ok" } }),
  ]);
  return { links, uploadsWeek, failedWeek, testedConnections };
}

export async function uploadCounts(now = new Date()): Promise<UploadCounts> {
  const today = startOfUtcDay(now);
  const week = startOfUtcWeek(now);
  const [todayCount, weekCount, waiting, grouped, links] = await Promise.all([
    db().upload.count({ where: { createdAt: { gte: today } } }),
    db().upload.count({ where: { createdAt: { gte: week } } }),
    db().upload.count({ where: { state: { in: [...WAITING_STATES] } } }),
    db().$queryRaw<Array<{ linkId: string; total: bigint; waiting: bigint }>>`
      SELECT link_id::text AS "linkId", count(*) AS total,
             count(*) FILTER (WHERE state IN ('RECEIVED', 'VERIFIED')) AS waiting
      FROM uploads GROUP BY link_id`,
    db().intakeLink.findMany({ select: { id: true, title: true, slug: true } }),
  ]);
  const byId = new Map(links.map((l) => [l.id, l]));
  const perLink = grouped
    .map((g) => ({
      linkId: g.linkId,
      title: byId.get(g.linkId)?.title ?? "(unknown link)",
      slug: byId.get(g.linkId)?.slug ?? "",
      total: Number(g.total),
      waiting: Number(g.waiting),
    }))
    .sort((a, b) => b.waiting - a.waiting || b.total - a.total || a.title.localeCompare(b.title));
  return {
    today: todayCount,
    thisWeek: weekCount,
    waitingForReview: waiting,
    perLink,
    since: { today: today.toISOString().slice(0, 10), week: week.toISOString().slice(0, 10) },
  };
}
