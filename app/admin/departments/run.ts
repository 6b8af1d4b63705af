import type { Ctx } from "@/lib/services/context";
import { addDepartmentMember } from "@/lib/services/departments/add-member";
import { createDepartment } from "@/lib/services/departments/create";
import { deleteDepartment } from "@/lib/services/departments/delete";
import { removeDepartmentMember } from "@/lib/services/departments/remove-member";
import { updateDepartment } from "@/lib/services/departments/update";
import { createStaffUser } from "@/lib/services/users/create-staff";
import { translatorFor } from "@/lib/i18n/translator";
import type { Locale } from "@/lib/i18n/locales";
import { attempt, flag, num, text, type FormState } from "../form-state";

/** The role as a word in a sentence ("sign in as staff"). */
const roleWord = (t: ReturnType<typeof translatorFor>, role: string) => (role === "admin" || role === "staff" ? t(`adminStaff.roleWord.${role}`) : role);

/** Notification fields: a blank chat URL keeps the stored one; "Remove the chat webhook" clears it. */
function notifySettings(form: FormData) {
  return {
    notify: text(form, "notify") || undefined,
    chatUrl: flag(form, "removeChat") ? null : text(form, "chatUrl"),
    chatId: text(form, "chatId"),
  };
}

export function runCreateDepartment(ctx: Ctx, form: FormData, locale: Locale = "en"): Promise<FormState> {
  return attempt(async () => {
    const d = await createDepartment({ ctx, input: { name: text(form, "name"), email: text(form, "email"), ...notifySettings(form) } });
    return { ok: true, message: translatorFor(locale)("adminDepartment.done.added", { name: d.name }) };
  });
}

export function runUpdateDepartment(ctx: Ctx, form: FormData, locale: Locale = "en"): Promise<FormState> {
  return attempt(async () => {
    await updateDepartment({ ctx, input: { departmentId: num(form, "departmentId"), name: text(form, "name"), email: text(form, "email"), ...notifySettings(form) } });
    return { ok: true, message: translatorFor(locale)("adminDepartment.done.saved") };
  });
}

export function runDeleteDepartment(ctx: Ctx, form: FormData, locale: Locale = "en"): Promise<FormState> {
  return attempt(async () => {
    await deleteDepartment({ ctx, input: { departmentId: num(form, "departmentId") } });
    return { ok: true, message: translatorFor(locale)("adminDepartment.done.deleted") };
  });
}

export function runAddMember(ctx: Ctx, form: FormData, locale: Locale = "en"): Promise<FormState> {
  return attempt(async () => {
    const { added } = await addDepartmentMember({ ctx, input: { departmentId: num(form, "departmentId"), userId: num(form, "userId") } });
    return { ok: true, message: translatorFor(locale)(added ? "adminDepartment.done.memberAdded" : "adminDepartment.done.already") };
  });
}

export function runRemoveMember(ctx: Ctx, form: FormData, locale: Locale = "en"): Promise<FormState> {
  return attempt(async () => {
    await removeDepartmentMember({ ctx, input: { departmentId: num(form, "departmentId"), userId: num(form, "userId") } });
    return { ok: true, message: translatorFor(locale)("adminDepartment.done.removed") };
  });
}

export function runCreateStaff(ctx: Ctx, form: FormData, locale: Locale = "en"): Promise<FormState> {
  return attempt(async () => {
    const departmentIds = form.getAll("departmentIds").map(String).filter(Boolean).map(Number);
    const input = { name: text(form, "name"), email: text(form, "email"), password: String(form.get("password") ?? "") || undefined, role: text(form, "role") || undefined, departmentIds };
    const user = await createStaffUser({ ctx, input });
    const t = translatorFor(locale);
    const values = { name: user.name, role: roleWord(t, user.role) };
    return { ok: true, message: user.invited ? t("adminDepartment.done.staffInvited", values) : t("adminDepartment.done.staffCreated", values) };
  });
}
