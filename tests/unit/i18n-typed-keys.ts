// Checked by `tsc` (not run): a message key missing from the catalog does not compile.
import { translatorFor } from "@/lib/i18n/translator";

const t = translatorFor("en");
export const known = t("header.signIn");
// @ts-expect-error: no such key in messages/en.json
export const unknown = t("header.noSuchKey");
