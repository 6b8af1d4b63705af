import type { Ctx } from "@/lib/services/context";
import { createStaffUser } from "@/lib/services/users/create-staff";
import { resendStaffInvitation } from "@/lib/services/users/resend-invitation";
import { updateStaffUser } from "@/lib/services/users/update-staff";
import { translatorFor } from "@/lib/i18n/translator";
import type { Locale } from "@/lib/i18n/locales";
import { attempt, num, text, type FormState } from "../form-state";

const departmentIds = (form: FormData) => form.getAll("departmentIds").map(String).filter(Boolean).map(Number);

/** A staff member is invited by an email link to choose their own password; nobody hands one over. */
export function runInviteStaff(ctx: Ctx, form: FormData, locale: Locale = "en"): Promise<FormState> {
  return attempt(async () => {
    const user = await createStaffUser({ ctx, input: { name: text(form, "name"), email: text(form, "email"), role: text(form, "role") || undefined, departmentIds: departmentIds(form) } });
    const t = translatorFor(locale);
    const role = user.role === "admin" || user.role === "staff" ? t(`adminStaff.roleWord.${user.role}`) : user.role;
    return { ok: true, message: t("adminStaff.done.invited", { name: user.name, role }) };
  });
}

export function runUpdateStaff(ctx: Ctx, form: FormData, locale: Locale = "en"): Promise<FormState> {
  return attempt(async () => {
    await updateStaffUser({ ctx, input: { userId: num(form, "userId"), role: text(form, "role"), departmentIds: departmentIds(form) } });
    return { ok: true, message: translatorFor(locale)("adminStaff.done.saved") };
  });
}

export function runResendInvitation(ctx: Ctx, form: FormData, locale: Locale = "en"): Promise<FormState> {
  return attempt(async () => {
    const sent = await resendStaffInvitation({ ctx, input: { userId: num(form, "userId") } });
    return { ok: true, message: translatorFor(locale)("adminStaff.done.newLink", { email: sent.email }) };
  });
}
