import type { ReactNode } from "react";
import { Nav, type NavItem } from "@/components/ui/nav";

const sections: NavItem[] = [
  { href: "/account", label: "Overview" },
  { href: "/account/services", label: "Services" },
  { href: "/account/invoices", label: "Invoices" },
  { href: "/account/balance", label: "Balance" },
  { href: "/account/messages", label: "Messages" },
  { href: "/account/profile", label: "Profile" },
  { href: "/account/security", label: "Security" },
];

export default function AccountLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <Nav items={sections} label="Client area" variant="tabs" root="/account" className="mb-6 border-b border-slate-200 print:hidden" />
      {children}
    </>
  );
}
