import { Card, PageHeading } from "@/components/ui/card";
import { SubmitButton } from "@/components/ui/button";
import { signOutAction } from "./actions";

export const metadata = { title: "Sign out · Provisio" };

export default function SignOutPage() {
  return (
    <div className="mx-auto max-w-md">
      <PageHeading title="Sign out" />
      <Card>
        <form action={signOutAction} className="flex flex-col gap-4">
          <p className="text-sm text-slate-600">You will need your email and password to sign in again.</p>
          <SubmitButton pendingText="Signing out…">Sign out</SubmitButton>
        </form>
      </Card>
    </div>
  );
}
