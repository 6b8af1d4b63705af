import { z } from "zod";

type Issue = Parameters<NonNullable<z.core.$ZodConfig["customError"]>>[0];

const formats: Record<string, string> = {
  email: "Enter an email address, like name@example.com",
  url: "Enter a web address, like https://panel.example.com",
  date: "Enter a date",
  datetime: "Enter a date and time",
  ipv4: "Enter an IP address",
  ipv6: "Enter an IP address",
  uuid: "Enter a valid id",
};

const list = (values: readonly unknown[]) => (values.length <= 6 ? values.map(String).join(", ") : `${values.slice(0, 6).map(String).join(", ")}, …`);

/**
 * Plain words for zod's default messages ("Too small: expected string to have >=2 characters"),
 * used wherever a schema does not give its own message. Returns undefined to keep zod's text.
 */
export function plainMessage(issue: Issue): string | undefined {
  const input = issue.input;
  const blank = input === undefined || input === null || input === "";
  switch (issue.code) {
    case "invalid_type":
      if (blank) return "This field is required";
      if (issue.expected === "number" || issue.expected === "int") return "Enter a number";
      if (issue.expected === "boolean") return "Choose yes or no";
      if (issue.expected === "date") return "Enter a date";
      return "This value is not valid here";
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string") return min <= 1 ? "This field is required" : `Enter at least ${min} characters`;
      if (issue.origin === "array" || issue.origin === "set") return min <= 1 ? "Choose at least one" : `Choose at least ${min}`;
      if (issue.origin === "date") return "This date is too early";
      return issue.inclusive === false ? `Enter a number greater than ${min}` : `Enter a number of at least ${min}`;
    }
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "string") return `Use at most ${max} characters`;
      if (issue.origin === "array" || issue.origin === "set") return `Choose at most ${max}`;
      if (issue.origin === "date") return "This date is too late";
      return issue.inclusive === false ? `Enter a number less than ${max}` : `Enter a number of at most ${max}`;
    }
    case "invalid_value":
      return blank ? "Choose one" : `Choose one of: ${list(issue.values)}`;
    case "invalid_format":
      return formats[issue.format] ?? "This value is not in the right format";
    case "not_multiple_of":
      return `Enter a multiple of ${issue.divisor}`;
    case "unrecognized_keys":
      return `Unknown fields: ${issue.keys.join(", ")}`;
    case "invalid_union":
      return blank ? "This field is required" : "This value is not valid here";
    default:
      return undefined;
  }
}

z.config({ customError: plainMessage });
