import { getTranslations } from "next-intl/server";
import { Card, PageHeading } from "@/components/ui/card";
import { UnlockForm } from "./unlock-form";

export async function generateMetadata() {
  return { title: (await getTranslations("accountLinks"))("unlockMeta"), referrer: "no-referrer" as const };
}

type Props = { params: Promise<{ token: string }> };

export default async function UnlockSignInPage({ params }: Props) {
  const t = await getTranslations("accountLinks");
  const { token } = await params;
  return (
    <div className="mx-auto max-w-md">
      <PageHeading title={t("unlockTitle")} description={t("unlockDescription")} />
      <Card>
        <UnlockForm token={token.slice(0, 100)} />
      </Card>
    </div>
  );
}
