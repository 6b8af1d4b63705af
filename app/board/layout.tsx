import type { ReactNode } from "react";

/** The task board uses the full width (data-layout="wide"), so three columns of cards have room. */
export default function BoardLayout({ children }: { children: ReactNode }) {
  return (
    <div data-layout="wide" className="flex flex-col gap-6">
      {children}
    </div>
  );
}
