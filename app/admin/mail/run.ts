import type { Ctx } from "@/lib/services/context";
import { resendMail } from "@/lib/services/mail/resend";
import { attempt, num, type FormState } from "../form-state";

export function runResendMail(ctx: Ctx, form: FormData): Promise<FormState> {
  return attempt(async () => {
    const { copyId } = await resendMail({ ctx, input: { emailId: num(form, "emailId") } });
    return { ok: true, message: `A copy is queued as email #${copyId}` };
  });
}
