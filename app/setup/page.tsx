import Link from "next/link";
import { anonymousCtx } from "@/lib/services/request-context";
import { needsFirstAdmin } from "@/lib/services/users/create-first-admin";
import { Card, Notice, PageHeading } from "@/components/ui/card";
import { SetupForm } from "./setup-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "First run · Provisio" };

/** The first-run screen: open only while the installation has no admin. */
export default async function SetupPage() {
  const open = await needsFirstAdmin(await anonymousCtx());
  return (
    <div className="mx-auto max-w-md">
      <PageHeading title="First run" description="Create the first admin of this installation. This screen closes once an admin exists." />
      {open ? (
        <Card>
          <SetupForm />
        </Card>
      ) : (
        <Notice>
          This installation has an admin already.{" "}
          <Link href="/sign-in" className="font-medium text-indigo-700 hover:underline">
            Sign in
          </Link>
        </Notice>
      )}
    </div>
  );
}
