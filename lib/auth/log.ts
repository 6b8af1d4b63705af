import type { NextAuthConfig } from "next-auth";
import { describeError, logger } from "../log";

/**
 * Auth.js's logger: a refused sign-in is an expected event (one info line, no stack); other
 * errors are one line with their type and cause.
 */
export const authLogger: NonNullable<NextAuthConfig["logger"]> = {
  error(error) {
    const type = (error as { type?: string }).type ?? error.name;
    if (type === "CredentialsSignin") {
      logger().info({ type }, "sign-in refused: wrong email or password");
      return;
    }
    const { code, message } = describeError((error as { cause?: unknown }).cause ?? error);
    logger().error({ type, code }, `auth error: ${message}`);
  },
  warn(code) {
    logger().warn({ code }, "auth warning");
  },
  debug() {},
};
