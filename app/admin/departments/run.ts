import type { Ctx } from "@/lib/services/context";
import { addDepartmentMember } from "@/lib/services/departments/add-member";
import { createDepartment } from "@/lib/services/departments/create";
import { deleteDepartment } from "@/lib/services/departments/delete";
import { removeDepartmentMember } from "@/lib/services/departments/remove-member";
import { updateDepartment } from "@/lib/services/departments/update";
import { createStaffUser } from "@/lib/services/users/create-staff";
import { attempt, flag, num, text, type FormState } from "../form-state";

/** Notification fields: a blank chat URL keeps the stored one; "Remove the chat webhook" clears it. */
function notifySettings(form: FormData) {
  return {
    notify: text(form, "notify") || undefined,
    chatUrl: flag(form, "removeChat") ? null : text(form, "chatUrl"),
    chatId: text(form, "chatId"),
  };
}

export function runCreateDepartment(ctx: Ctx, form: FormData): Promise<FormState> {
  return attempt(async () => {
    const d = await createDepartment({ ctx, input: { name: text(form, "name"), email: text(form, "email"), ...notifySettings(form) } });
    return { ok: true, message: `Department "${d.name}" added` };
  });
}

export function runUpdateDepartment(ctx: Ctx, form: FormData): Promise<FormState> {
  return attempt(async () => {
    await updateDepartment({ ctx, input: { departmentId: num(form, "departmentId"), name: text(form, "name"), email: text(form, "email"), ...notifySettings(form) } });
    return { ok: true, message: "Saved" };
  });
}

export function runDeleteDepartment(ctx: Ctx, form: FormData): Promise<FormState> {
  return attempt(async () => {
    await deleteDepartment({ ctx, input: { departmentId: num(form, "departmentId") } });
    return { ok: true, message: "Deleted" };
  });
}

export function runAddMember(ctx: Ctx, form: FormData): Promise<FormState> {
  return attempt(async () => {
    const { added } = await addDepartmentMember({ ctx, input: { departmentId: num(form, "departmentId"), userId: num(form, "userId") } });
    return { ok: true, message: added ? "Added" : "Already a member" };
  });
}

export function runRemoveMember(ctx: Ctx, form: FormData): Promise<FormState> {
  return attempt(async () => {
    await removeDepartmentMember({ ctx, input: { departmentId: num(form, "departmentId"), userId: num(form, "userId") } });
    return { ok: true, message: "Removed" };
  });
}

export function runCreateStaff(ctx: Ctx, form: FormData): Promise<FormState> {
  return attempt(async () => {
    const departmentIds = form.getAll("departmentIds").map(String).filter(Boolean).map(Number);
    const input = { name: text(form, "name"), email: text(form, "email"), password: String(form.get("password") ?? "") || undefined, role: text(form, "role") || undefined, departmentIds };
    const user = await createStaffUser({ ctx, input });
    return { ok: true, message: user.invited ? `${user.name} was emailed a link to choose a password and sign in as ${user.role}` : `${user.name} can now sign in as ${user.role}` };
  });
}
