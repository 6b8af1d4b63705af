import { z } from "zod";
import { departments } from "../../db/schema";
import { encrypt } from "../../crypto";
import { ValidationError } from "../../errors";
import { notifyModes } from "../../notifications/modes";
import { audit } from "../audit";
import { parseInput, requireAdmin, type Ctx } from "../context";

export const departmentInput = z.object({
  name: z.string().trim().min(2, "Enter at least 2 characters").max(100),
  email: z.union([z.literal("").transform(() => null), z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address"))]).nullable().optional(),
  notify: z.enum(notifyModes).optional(),
  /** A Slack incoming-webhook or Telegram sendMessage URL; blank keeps the stored one, null removes it. */
  chatUrl: z
    .union([z.literal("").transform(() => undefined), z.string().trim().max(2000).pipe(z.url({ protocol: /^https?$/, error: "Enter an http:// or https:// URL" }))])
    .nullable()
    .optional(),
  chatId: z
    .union([z.literal("").transform(() => null), z.string().trim().regex(/^(-?\d{1,20}|@\w{5,64})$/, "Enter a Telegram chat id (a number) or @channel name")])
    .nullable()
    .optional(),
});

/** The stored columns for the notification settings given; the chat URL is encrypted, as it carries a token. */
export function notifyColumns(data: z.infer<typeof departmentInput>) {
  return {
    ...(data.notify ? { notify: data.notify } : {}),
    ...(data.chatUrl !== undefined ? { chatUrl: data.chatUrl === null ? null : encrypt(data.chatUrl) } : {}),
    ...(data.chatId !== undefined ? { chatId: data.chatId } : {}),
  };
}

/** A department as admins read it: whether a chat webhook is set, never the URL itself. */
export function departmentView<T extends { chatUrl: string | null }>({ chatUrl, ...rest }: T) {
  return { ...rest, hasChat: chatUrl !== null };
}

/** An admin adds a department: staff in it work the tasks of its handlers. */
export async function createDepartment({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const data = parseInput(departmentInput, input);
  return ctx.db.transaction(async (tx) => {
    const [department] = await tx.insert(departments).values({ name: data.name, email: data.email ?? null, ...notifyColumns(data) }).onConflictDoNothing().returning();
    if (!department) throw new ValidationError({ name: ["A department with this name exists"] });
    await audit(tx, ctx.actor, { action: "department.create", entity: "department", entityId: department.id, after: departmentView(department) });
    return departmentView(department);
  });
}
