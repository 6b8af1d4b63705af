"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { NavItem } from "@/components/ui/nav";

/**
 * The admin sections. Unlike the shared Nav, the Dashboard link (/admin) is current only on
 * /admin itself, not on every page below it.
 */
export function AdminNav({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  const isCurrent = (href: string) => pathname === href || (href !== "/admin" && pathname.startsWith(`${href}/`));
  return (
    <nav aria-label="Admin">
      <ul className="flex gap-1 overflow-x-auto md:flex-col md:overflow-visible">
        {items.map((item) => {
          const current = isCurrent(item.href);
          return (
            <li key={item.href} className="shrink-0">
              <Link
                href={item.href}
                aria-current={current ? "page" : undefined}
                className={`block rounded-md px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-600 ${
                  current ? "bg-indigo-50 text-indigo-700" : "text-slate-700 hover:bg-slate-100 hover:text-slate-900"
                }`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
