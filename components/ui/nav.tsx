"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export type NavItem = { href: string; label: string };

const styles = {
  pills: {
    list: "flex gap-1 overflow-x-auto",
    link: "rounded-md",
    on: "bg-indigo-50 text-indigo-700",
    off: "text-slate-700 hover:bg-slate-100 hover:text-slate-900",
  },
  tabs: {
    list: "-mb-px flex gap-1 overflow-x-auto",
    link: "border-b-2",
    on: "border-indigo-600 text-indigo-700",
    off: "border-transparent text-slate-600 hover:text-slate-900",
  },
};

/**
 * Navigation links; the current page is marked with aria-current. A link to `root` is current only
 * on that page itself, other links also on the pages below them.
 */
export function Nav({
  items,
  label,
  vertical = false,
  variant = "pills",
  root = "/",
  wrap = false,
  className = "",
}: {
  items: NavItem[];
  label: string;
  vertical?: boolean;
  variant?: keyof typeof styles;
  root?: string;
  /** Wrap onto more lines instead of scrolling sideways (phones). */
  wrap?: boolean;
  className?: string;
}) {
  const pathname = usePathname();
  const isCurrent = (href: string) => pathname === href || (href !== root && pathname.startsWith(`${href}/`));
  const style = styles[variant];
  return (
    <nav aria-label={label} className={className}>
      <ul className={`${style.list} ${vertical ? "md:flex-col md:overflow-visible" : ""} ${wrap ? "flex-wrap" : ""}`}>
        {items.map((item) => {
          const current = isCurrent(item.href);
          return (
            <li key={item.href} className="shrink-0">
              <Link
                href={item.href}
                aria-current={current ? "page" : undefined}
                className={`block px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-600 ${style.link} ${current ? style.on : style.off}`}
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
