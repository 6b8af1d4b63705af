"use client";

import { useEffect, useState, type ReactNode } from "react";
import { Notice } from "@/components/ui/card";

/**
 * A banner asked for by a query parameter, shown once: the parameter leaves the address, so a
 * reload or Back does not show it again, while the page's own refreshes keep it in view.
 */
export function OnceNotice({ param, show, children }: { param: string; show: boolean; children: ReactNode }) {
  const [visible] = useState(show);
  useEffect(() => {
    const url = new URL(window.location.href);
    if (!url.searchParams.has(param)) return;
    url.searchParams.delete(param);
    window.history.replaceState(window.history.state, "", `${url.pathname}${url.search}${url.hash}`);
  }, [param]);
  return visible ? <Notice>{children}</Notice> : null;
}
