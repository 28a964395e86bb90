-- Issue #16: a link's e-mail recipients who are team members are stored by user id, so a member's
-- changed address is followed. Addresses already stored that belong to a member move over; any
-- other address stays as typed.
ALTER TABLE "intake_links" ADD COLUMN "notify_member_ids" UUID[] DEFAULT ARRAY[]::UUID[];

UPDATE "intake_links" l SET
  "notify_member_ids" = m.ids,
  "notify_emails" = ARRAY(SELECT e FROM unnest(l."notify_emails") e WHERE lower(e) <> ALL (m.emails))
FROM (
  SELECT l2.id, array_agg(u.id ORDER BY u.email) AS ids, array_agg(lower(u.email)) AS emails
  FROM "intake_links" l2
  JOIN "users" u ON lower(u.email) = ANY (SELECT lower(x) FROM unnest(l2."notify_emails") x)
  GROUP BY l2.id
) m
WHERE l.id = m.id;
