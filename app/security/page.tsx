import { redirect } from "next/navigation";
import { currentActor } from "@/lib/auth/actor";
import { Card, PageHeading } from "@/components/ui/card";
import { ChangePasswordForm } from "@/components/auth/change-password-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "Change password · Provisio" };

/** Staff and admins change their password here; clients have it in their account area. */
export default async function StaffSecurityPage() {
  const actor = await currentActor();
  if (actor.type !== "user") redirect("/sign-in?next=%2Fsecurity");
  if (actor.role === "client") redirect("/account/security");
  return (
    <div className="mx-auto max-w-md">
      <PageHeading title="Change password" description="Your other sessions end when you change it." />
      <Card>
        <ChangePasswordForm />
      </Card>
    </div>
  );
}
