"use client";

import { useEffect, useState, type ReactNode } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Notice } from "@/components/ui/card";

/**
 * A banner asked for by a query parameter, shown once per value: the browser remembers (session
 * storage) that it was shown, so a reload or Back does not show it again, and the parameter leaves
 * the address. This page view keeps it in sight while it refreshes itself.
 */
export function OnceNotice({ param, children }: { param: string; children: ReactNode }) {
  const [visible, setVisible] = useState(false);
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const value = search.get(param);
  useEffect(() => {
    if (!value) return;
    const key = `provisio.shown.${param}.${value}`;
    if (!window.sessionStorage.getItem(key)) {
      window.sessionStorage.setItem(key, "1");
      setVisible(true);
    }
    const rest = new URLSearchParams(window.location.search);
    rest.delete(param);
    const query = rest.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  }, [param, value, pathname, router]);
  return visible ? <Notice>{children}</Notice> : null;
}
