import type { ReactNode } from "react";
import { Nav, type NavItem } from "@/components/ui/nav";

const sections: NavItem[] = [{ href: "/board", label: "Tasks" }];

export default function BoardLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex flex-col gap-6">
      <Nav items={sections} label="Task board" />
      {children}
    </div>
  );
}
