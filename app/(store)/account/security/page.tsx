import { getTranslations } from "next-intl/server";
import { Card, PageHeading } from "@/components/ui/card";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { clientCtx } from "@/lib/services/request-context";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslations("account.security"))("metaTitle") };
}

export default async function SecurityPage() {
  await clientCtx("/account/security");
  const t = await getTranslations("account.security");
  return (
    <div className="max-w-md">
      <PageHeading title={t("title")} description={t("description")} />
      <Card>
        <ChangePasswordForm />
      </Card>
    </div>
  );
}
