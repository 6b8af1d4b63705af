import { Link, Section, Text } from "@react-email/components";
import { Layout, paragraph } from "./layout";

export type TaskDigestItem = { taskId: number; work: string; why: string; url: string };

/** The day's new and escalated tasks of a department that asked for one digest a day. */
export type TaskDigestProps = { departmentName: string; day: string; tasks: TaskDigestItem[]; boardUrl: string };

export const taskDigestTitle = (p: Pick<TaskDigestProps, "departmentName" | "day" | "tasks">) =>
  `${p.departmentName}: ${p.tasks.length} new task${p.tasks.length === 1 ? "" : "s"} (${p.day})`;

export function TaskDigest(props: TaskDigestProps) {
  const title = taskDigestTitle(props);
  return (
    <Layout preview={title} title={title}>
      <Section>
        {props.tasks.map((t) => (
          <Text key={t.taskId} style={paragraph}>
            <Link href={t.url}>Task #{t.taskId}</Link>: {t.work}. {t.why}.
          </Text>
        ))}
      </Section>
      <Text style={paragraph}>
        All open tasks: <Link href={props.boardUrl}>{props.boardUrl}</Link>
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
