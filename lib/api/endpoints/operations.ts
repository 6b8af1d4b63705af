import { listOperationsInput } from "../../services/operations/list";
import { listTasksInput } from "../../services/tasks/list";
import { defineEndpoint, idParams, noBody } from "../endpoint";

export const listOperations = defineEndpoint({
  id: "listOperations", method: "GET", path: "/operations", tag: "Operations", scope: "read",
  summary: "Current operations, newest first, filtered, a page at a time",
  description: "Staff-level (admin) keys only.",
  query: listOperationsInput,
  response: "`{ items, nextCursor }`; each item names its service (`serviceName` on the panel, `serviceParams`, `tariffName`) and client (`clientName`)",
});

export const getOperation = defineEndpoint({
  id: "getOperation", method: "GET", path: "/operations/{id}", tag: "Operations", scope: "read",
  summary: "One operation with its service, handler, task and attempt logs (secrets redacted)",
  description: "Staff-level (admin) keys only.",
  params: idParams,
  response: "The operation",
});

export const restartOperation = defineEndpoint({
  id: "restartOperation", method: "POST", path: "/operations/{id}/restart", tag: "Operations", scope: "services:write",
  summary: "Run an operation again now with fresh attempts",
  description: "For manual, queued or waiting operations. Staff-level (admin) keys only.",
  params: idParams, body: noBody,
  response: "The operation as queued",
});

export const listTasks = defineEndpoint({
  id: "listTasks", method: "GET", path: "/tasks", tag: "Operations", scope: "read",
  summary: "Tasks for staff, newest first, a page at a time",
  description: "Staff-level (admin) keys only.",
  query: listTasksInput,
  response: "`{ items, nextCursor }`",
});
