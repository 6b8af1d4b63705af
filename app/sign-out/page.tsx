import { getTranslations } from "next-intl/server";
import { Card, PageHeading } from "@/components/ui/card";
import { SubmitButton } from "@/components/ui/button";
import { signOutAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("signOut"))("meta") };
}

export default async function SignOutPage() {
  const t = await getTranslations("signOut");
  return (
    <div className="mx-auto max-w-md">
      <PageHeading title={t("title")} />
      <Card>
        <form action={signOutAction} className="flex flex-col gap-4">
          <p className="text-sm text-slate-600">{t("text")}</p>
          <SubmitButton pendingText={t("pending")}>{t("submit")}</SubmitButton>
        </form>
      </Card>
    </div>
  );
}
