"use client";

import { useEffect, useState, type ReactNode } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Notice } from "@/components/ui/card";

/**
 * A banner asked for by a query parameter, shown once: the parameter leaves the address (through
 * the router, so its own refreshes agree), so a reload or Back does not show it again, while this
 * page view keeps it in sight.
 */
export function OnceNotice({ param, show, children }: { param: string; show: boolean; children: ReactNode }) {
  const [visible] = useState(show);
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  useEffect(() => {
    if (!search.has(param)) return;
    const rest = new URLSearchParams(search);
    rest.delete(param);
    const query = rest.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  }, [param, pathname, router, search]);
  return visible ? <Notice>{children}</Notice> : null;
}
