import { Link, Section, Text } from "@react-email/components";
import type { Translator } from "../../i18n/translator";
import { emailT, Layout, paragraph, type WithLocale } from "./layout";

export type TaskDigestItem = { taskId: number; work: string; why: string; url: string };

/** The day's new and escalated tasks of a department that asked for one digest a day. */
export type TaskDigestProps = { departmentName: string; day: string; tasks: TaskDigestItem[]; boardUrl: string };

/** The digest's title (and chat text's first line); English unless a translator is given. */
export const taskDigestTitle = (p: Pick<TaskDigestProps, "departmentName" | "day" | "tasks">, t: Translator = emailT()) =>
  t("emails.taskDigest.title", { department: p.departmentName, count: p.tasks.length, day: p.day });

export function TaskDigest({ locale, ...props }: WithLocale<TaskDigestProps>) {
  const t = emailT(locale);
  const title = taskDigestTitle(props, t);
  return (
    <Layout locale={locale} preview={title} title={title}>
      <Section>
        {props.tasks.map((task) => (
          <Text key={task.taskId} style={paragraph}>
            <Link href={task.url}>{t("emails.taskDigest.task", { id: task.taskId })}</Link>: {task.work}. {task.why}.
          </Text>
        ))}
      </Section>
      <Text style={paragraph}>
        {t("emails.taskDigest.all")} <Link href={props.boardUrl}>{props.boardUrl}</Link>
      </Text>
    </Layout>
  );
}

TaskDigest.PreviewProps = {
  departmentName: "Hosting support",
  day: "2026-12-07",
  tasks: [
    { taskId: 17, work: "Set up service #42 (example.com)", why: "Manual setup: staff do this by hand", url: "https://billing.example.com/board/tasks/17" },
    { taskId: 18, work: "Suspend service #43", why: "Automatic processing failed; switched to manual processing", url: "https://billing.example.com/board/tasks/18" },
  ],
  boardUrl: "https://billing.example.com/board",
} satisfies TaskDigestProps;

export default TaskDigest;
