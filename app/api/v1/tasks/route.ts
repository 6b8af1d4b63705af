import { operations } from "@/lib/api/endpoints";
import { withApiKey } from "@/lib/api/with-api-key";
import { listTasks } from "@/lib/services/tasks/list";

export const GET = withApiKey(operations.listTasks, ({ ctx, query }) => listTasks({ ctx, input: query }));
