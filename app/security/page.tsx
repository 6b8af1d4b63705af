import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { currentActor } from "@/lib/auth/actor";
import { Card, PageHeading } from "@/components/ui/card";
import { ChangePasswordForm } from "@/components/auth/change-password-form";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslations("securityPage"))("meta") };
}

/** Staff and admins change their password here; clients have it in their account area. */
export default async function StaffSecurityPage() {
  const actor = await currentActor();
  if (actor.type !== "user") redirect("/sign-in?next=%2Fsecurity");
  if (actor.role === "client") redirect("/account/security");
  const t = await getTranslations("securityPage");
  return (
    <div className="mx-auto max-w-md">
      <PageHeading title={t("title")} description={t("description")} />
      <Card>
        <ChangePasswordForm />
      </Card>
    </div>
  );
}
