"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

const items = [
  { href: "/admin", label: "Overview", adminOnly: false },
  { href: "/admin/uploads", label: "Uploads", adminOnly: false },
  { href: "/admin/links", label: "Links", adminOnly: true },
  { href: "/admin/settings", label: "Settings", adminOnly: true },
  { href: "/admin/members", label: "Members", adminOnly: true },
];

export function AdminNav({ isAdmin }: { isAdmin: boolean }) {
  const path = usePathname();
  return (
    <ul className="flex flex-wrap gap-1">
      {items
        .filter((i) => isAdmin || !i.adminOnly)
        .map((i) => {
          const current = i.href === "/admin" ? path === "/admin" : path.startsWith(i.href);
          return (
            <li key={i.href}>
              <Link
                href={i.href}
                aria-current={current ? "page" : undefined}
                className={`block rounded-md px-3 py-2 text-sm font-medium ${current ? "bg-blue-700 text-white" : "text-slate-800 hover:bg-slate-200"}`}
              >
                {i.label}
              </Link>
            </li>
          );
        })}
    </ul>
  );
}
