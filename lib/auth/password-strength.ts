import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";
import { z } from "zod";

let factory: ZxcvbnFactory | undefined;
const estimator = () =>
  (factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  }));

/** zxcvbn's score (0–4) below which a password is refused. */
export const MIN_SCORE = 3;

/** Why a password is too weak, in plain words, or null when it is strong enough. */
export function weakPasswordMessage(password: string, userInputs: string[] = []): string | null {
  const result = estimator().check(password.slice(0, 100), userInputs.filter(Boolean));
  if (result.score >= MIN_SCORE) return null;
  const { warning, suggestions } = result.feedback;
  const hint = [warning, ...suggestions].filter(Boolean).join(" ");
  return `This password is too easy to guess.${hint ? ` ${hint}` : ""} A few unrelated words together work well.`;
}

/** A new password: 10 to 200 characters, and hard enough to guess. */
export const newPassword = z
  .string()
  .min(10, "Use at least 10 characters")
  .max(200, "Use at most 200 characters")
  .superRefine((value, ctx) => {
    if (value.length < 10) return;
    const message = weakPasswordMessage(value);
    if (message) ctx.addIssue({ code: "custom", message });
  });
