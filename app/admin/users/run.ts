import type { Ctx } from "@/lib/services/context";
import { createStaffUser } from "@/lib/services/users/create-staff";
import { resendStaffInvitation } from "@/lib/services/users/resend-invitation";
import { updateStaffUser } from "@/lib/services/users/update-staff";
import { attempt, num, text, type FormState } from "../form-state";

const departmentIds = (form: FormData) => form.getAll("departmentIds").map(String).filter(Boolean).map(Number);

/** A staff member is invited by an email link to choose their own password; nobody hands one over. */
export function runInviteStaff(ctx: Ctx, form: FormData): Promise<FormState> {
  return attempt(async () => {
    const user = await createStaffUser({ ctx, input: { name: text(form, "name"), email: text(form, "email"), role: text(form, "role") || undefined, departmentIds: departmentIds(form) } });
    return { ok: true, message: `${user.name} was emailed a link to choose a password and sign in as ${user.role}.` };
  });
}

export function runUpdateStaff(ctx: Ctx, form: FormData): Promise<FormState> {
  return attempt(async () => {
    await updateStaffUser({ ctx, input: { userId: num(form, "userId"), role: text(form, "role"), departmentIds: departmentIds(form) } });
    return { ok: true, message: "Saved" };
  });
}

export function runResendInvitation(ctx: Ctx, form: FormData): Promise<FormState> {
  return attempt(async () => {
    const sent = await resendStaffInvitation({ ctx, input: { userId: num(form, "userId") } });
    return { ok: true, message: `A new link was emailed to ${sent.email}.` };
  });
}
