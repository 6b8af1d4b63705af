"use client";

import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { isCurrentLink, Nav, type NavItem } from "@/components/ui/nav";

/** The admin sections on phones: a menu that names the current section and folds away once a link is followed. */
export function AdminMenu({ sections, root }: { sections: NavItem[]; root: string }) {
  const pathname = usePathname();
  const t = useTranslations("admin.nav");
  const menu = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [pathname]);
  const current = sections.find((s) => isCurrentLink(pathname, s.href, root));
  return (
    <details ref={menu} className="group rounded-lg border border-slate-200 bg-white md:hidden">
      <summary className="flex cursor-pointer list-none items-center gap-2 px-4 py-3 text-sm font-medium text-slate-800">
        <span aria-hidden className="inline-block transition-transform group-open:rotate-90">▸</span>
        {t("menu")}
        {current && <span className="truncate font-normal text-slate-500">· {current.label}</span>}
      </summary>
      <Nav items={sections} label={t("label")} root={root} wrap className="border-t border-slate-100 p-2" />
    </details>
  );
}
