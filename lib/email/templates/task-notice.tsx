import { Button, Text } from "@react-email/components";
import type { Translator } from "../../i18n/translator";
import { DetailTable, emailT, Layout, paragraph, type WithLocale } from "./layout";

export type TaskNoticeEvent = "new" | "escalated" | "assigned";

/** A message to staff about one task: sent to the department's email, or to its new assignee. */
export type TaskNoticeProps = {
  event: TaskNoticeEvent;
  taskId: number;
  departmentName: string;
  /** "Set up service #12 (example.com)". */
  work: string;
  why: string;
  note?: string;
  assigneeName?: string;
  url: string;
};

/** The title (and chat text's first line) of a task notice; English unless a translator is given. */
export function taskNoticeTitle({ event, taskId, work, assigneeName }: Pick<TaskNoticeProps, "event" | "taskId" | "work" | "assigneeName">, t: Translator = emailT()): string {
  if (event === "assigned") return t("emails.taskNotice.assignedTitle", { id: taskId, assignee: assigneeName ?? "none", work });
  if (event === "escalated") return t("emails.taskNotice.escalatedTitle", { id: taskId, work });
  return t("emails.taskNotice.newTitle", { id: taskId, work });
}

const button = { backgroundColor: "#2b59c3", color: "#ffffff", padding: "10px 16px", borderRadius: "4px", fontSize: "14px" };

export function TaskNotice({ locale, ...props }: WithLocale<TaskNoticeProps>) {
  const t = emailT(locale);
  const title = taskNoticeTitle(props, t);
  return (
    <Layout locale={locale} preview={title} title={title}>
      <Text style={paragraph}>
        {props.event === "assigned"
          ? t("emails.taskNotice.assigned", { department: props.departmentName, assignee: props.assigneeName ?? "none" })
          : t("emails.taskNotice.waiting", { department: props.departmentName })}
      </Text>
      <DetailTable
        rows={[
          { label: t("emails.labels.work"), value: props.work },
          { label: t("emails.labels.whyStaff"), value: props.why },
          { label: t("emails.labels.lastError"), value: props.note ?? "" },
        ]}
      />
      <Button href={props.url} style={button}>
        {t("emails.taskNotice.open")}
      </Button>
    </Layout>
  );
}

TaskNotice.PreviewProps = {
  event: "escalated",
  taskId: 17,
  departmentName: "Hosting support",
  work: "Set up service #42 (example.com)",
  why: "Automatic processing failed; switched to manual processing",
  note: "failed 3 times: auth: login refused",
  url: "https://billing.example.com/board/tasks/17",
} satisfies TaskNoticeProps;

export default TaskNotice;
