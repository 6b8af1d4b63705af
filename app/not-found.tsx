import { getTranslations } from "next-intl/server";
import Link from "next/link";

export async function generateMetadata() {
  return { title: (await getTranslations("notFound"))("meta") };
}

/** Any address we have no page for, and anything a page says it cannot find (another client's, a deleted one). */
export default async function NotFound() {
  const t = await getTranslations("notFound");
  return (
    <div className="mx-auto max-w-lg py-12 text-center">
      <p className="text-sm font-semibold text-indigo-700">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">{t("title")}</h1>
      <p className="mt-3 text-sm text-slate-600">{t("text")}</p>
      <div className="mt-6 flex flex-wrap justify-center gap-3 text-sm">
        <Link href="/" className="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-500">{t("store")}</Link>
        <Link href="/account" className="rounded-md border border-slate-300 bg-white px-4 py-2 font-medium text-slate-800 hover:bg-slate-50">{t("account")}</Link>
      </div>
    </div>
  );
}
