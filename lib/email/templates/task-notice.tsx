import { Button, Text } from "@react-email/components";
import { DetailTable, Layout, paragraph } from "./layout";

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

export function taskNoticeTitle({ event, taskId, work, assigneeName }: Pick<TaskNoticeProps, "event" | "taskId" | "work" | "assigneeName">): string {
  if (event === "assigned") return `Task #${taskId} is now ${assigneeName ?? "yours"}: ${work}`;
  if (event === "escalated") return `Task #${taskId} for staff after failed tries: ${work}`;
  return `New task #${taskId}: ${work}`;
}

const button = { backgroundColor: "#2b59c3", color: "#ffffff", padding: "10px 16px", borderRadius: "4px", fontSize: "14px" };

export function TaskNotice(props: TaskNoticeProps) {
  const title = taskNoticeTitle(props);
  return (
    <Layout preview={title} title={title}>
      <Text style={paragraph}>
        {props.event === "assigned" ? `This task of ${props.departmentName} was given to ${props.assigneeName ?? "you"}.` : `A task is waiting in ${props.departmentName}.`}
      </Text>
      <DetailTable
        rows={[
          { label: "Work", value: props.work },
          { label: "Why it came to staff", value: props.why },
          { label: "Last error", value: props.note ?? "" },
        ]}
      />
      <Button href={props.url} style={button}>
        Open the task
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
