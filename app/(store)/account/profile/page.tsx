import { getLocale, getTranslations } from "next-intl/server";
import { getClient } from "@/lib/services/clients/get";
import { LanguageSwitch } from "@/components/ui/language-switch";
import { missingContacts } from "@/lib/billing/contacts";
import { Card, PageHeading } from "@/components/ui/card";
import { ProfileForm } from "@/components/store/profile-form";
import { clientCtx } from "@/lib/services/request-context";
import { updateProfileAction } from "./actions";
import { localPath } from "@/lib/local-path";
import { countryOptions, profileValues } from "./values";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslations("profile"))("metaTitle") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ProfilePage({ searchParams }: Props) {
  const query = await searchParams;
  const ctx = await clientCtx("/account/profile");
  const client = await getClient({ ctx, input: { clientId: ctx.clientId } });
  const next = localPath(query.next);
  const [t, p, c, locale] = await Promise.all([getTranslations("account.language"), getTranslations("profile"), getTranslations("contacts"), getLocale()]);
  return (
    <div className="max-w-3xl">
      <PageHeading title={p("title")} description={p("description")} />
      <Card>
        <ProfileForm values={profileValues(client)} countries={countryOptions(locale)} action={updateProfileAction} next={next} missing={next ? missingContacts(client).map((f) => c(`field.${f}`)) : undefined} pendingEmail={client.pendingEmail} />
      </Card>
      <Card title={t("title")} className="mt-4">
        <p className="mb-3 text-sm text-slate-600">{t("description")}</p>
        <LanguageSwitch />
      </Card>
    </div>
  );
}
