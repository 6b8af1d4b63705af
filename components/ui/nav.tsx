"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";

export type NavItem = { href: string; label: string };

const styles = {
  pills: {
    list: "flex gap-1 overflow-x-auto",
    link: "rounded-md",
    on: "bg-indigo-50 text-indigo-700",
    off: "text-slate-700 hover:bg-slate-100 hover:text-slate-900",
    /** The colour the strip fades into at a cut-off edge: the surface it sits on. */
    fade: "from-white",
  },
  tabs: {
    list: "-mb-px flex gap-1 overflow-x-auto [scrollbar-width:thin]",
    link: "border-b-2",
    on: "border-indigo-600 text-indigo-700",
    off: "border-transparent text-slate-600 hover:text-slate-900",
    fade: "from-slate-50",
  },
};

/** A link to `root` is current only on that page itself, other links also on the pages below them. */
export function isCurrentLink(pathname: string, href: string, root: string) {
  return pathname === href || (href !== root && pathname.startsWith(`${href}/`));
}

/**
 * Keeps the current link of a sideways-scrolling strip in view, and tells which ends have more
 * links past them, so the strip can show that it scrolls.
 */
function useStrip(active: boolean, pathname: string) {
  const list = useRef<HTMLUListElement>(null);
  const [more, setMore] = useState({ start: false, end: false });
  useEffect(() => {
    const el = list.current;
    if (!active || !el) return;
    const current = el.querySelector<HTMLElement>('[aria-current="page"]');
    if (current) el.scrollLeft = Math.max(0, current.offsetLeft - (el.clientWidth - current.offsetWidth) / 2);
    const update = () => setMore({ start: el.scrollLeft > 1, end: el.scrollLeft + el.clientWidth < el.scrollWidth - 1 });
    update();
    el.addEventListener("scroll", update, { passive: true });
    window.addEventListener("resize", update);
    return () => {
      el.removeEventListener("scroll", update);
      window.removeEventListener("resize", update);
    };
  }, [active, pathname]);
  const scroll = (direction: 1 | -1) => list.current?.scrollBy({ left: direction * list.current.clientWidth * 0.6, behavior: "smooth" });
  return { list, more, scroll };
}

/**
 * Navigation links; the current page is marked with aria-current. A strip too wide for the screen
 * scrolls sideways (never the page), with a fade and an arrow at each end that has more links.
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
  const isCurrent = (href: string) => isCurrentLink(pathname, href, root);
  const style = styles[variant];
  const { list, more, scroll } = useStrip(!wrap && !vertical, pathname);
  const cue = (side: "start" | "end") =>
    more[side] && (
      <button
        type="button"
        tabIndex={-1}
        aria-hidden
        data-cue={side}
        onClick={() => scroll(side === "end" ? 1 : -1)}
        className={`absolute inset-y-0 ${side === "end" ? "right-0 bg-gradient-to-l" : "left-0 bg-gradient-to-r"} ${style.fade} flex w-10 items-center ${side === "end" ? "justify-end" : "justify-start"} to-transparent px-1 text-lg leading-none text-slate-500`}
      >
        {side === "end" ? "›" : "‹"}
      </button>
    );
  return (
    <nav aria-label={label} className={`relative ${className}`}>
      <ul ref={list} className={`relative ${style.list} ${vertical ? "md:flex-col md:overflow-visible" : ""} ${wrap ? "flex-wrap" : ""}`}>
        {items.map((item) => {
          const current = isCurrent(item.href);
          return (
            <li key={item.href} className="shrink-0">
              <Link
                href={item.href}
                aria-current={current ? "page" : undefined}
                className={`block px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600 ${style.link} ${current ? style.on : style.off}`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
      {cue("start")}
      {cue("end")}
    </nav>
  );
}
