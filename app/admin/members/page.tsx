import type { Metadata } from "next";
import { AddMemberForm } from "@/components/admin/member-form";
import { MemberRow } from "@/components/admin/member-row";
import { Card } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/guard";
import { memberRows } from "@/lib/members/queries";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage() {
  const actor = await requireAdmin("/admin/members");
  const members = await memberRows(actor.id);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">Members</h1>
        <p className="mt-1 text-slate-700">People who can sign in. Members review uploads; admins also manage links, connections and people.</p>
      </div>
      {members.length === 1 ? (
        <p className="rounded-md bg-blue-50 px-3 py-2 text-blue-900">
          Only you so far. Add your team below so they can review uploads and use members-only links.
        </p>
      ) : null}
      <ul className="space-y-3">
        {members.map((m) => (
          <li key={m.id}>
            <MemberRow m={m} />
          </li>
        ))}
      </ul>
      <Card title="Add a member">
        <AddMemberForm />
      </Card>
    </div>
  );
}
