import { getTranslations } from "next-intl/server";
import { Card, PageHeading } from "@/components/ui/card";
import { VerifyForm } from "./verify-form";

export async function generateMetadata() {
  return { title: (await getTranslations("verifyEmail"))("metaTitle"), referrer: "no-referrer" as const };
}

type Props = { params: Promise<{ token: string }> };

export default async function VerifyEmailPage({ params }: Props) {
  const { token } = await params;
  const t = await getTranslations("verifyEmail");
  return (
    <div className="mx-auto max-w-md">
      <PageHeading title={t("title")} description={t("description")} />
      <Card>
        <VerifyForm token={token.slice(0, 100)} />
      </Card>
    </div>
  );
}
