import type { Ctx } from "@/lib/services/context";
import { resendMail } from "@/lib/services/mail/resend";
import { translatorFor } from "@/lib/i18n/translator";
import type { Locale } from "@/lib/i18n/locales";
import { attempt, num, type FormState } from "../form-state";

export function runResendMail(ctx: Ctx, form: FormData, locale: Locale = "en"): Promise<FormState> {
  return attempt(async () => {
    const { copyId } = await resendMail({ ctx, input: { emailId: num(form, "emailId") } });
    return { ok: true, message: translatorFor(locale)("adminMail.done.copy", { id: copyId }) };
  });
}
