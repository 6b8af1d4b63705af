import { AppError } from "@/lib/errors";

/** The filters a list page got in its URL, without the empty ones. */
export function filterInput(values: Record<string, string | number | undefined>): Record<string, string | number> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== "")) as Record<string, string | number>;
}

/** A list for the page, or null when the URL's filters are not valid (the page says so). */
export async function unlessInvalid<T>(list: Promise<T>): Promise<T | null> {
  try {
    return await list;
  } catch (error) {
    if (error instanceof AppError && error.code === "validation") return null;
    throw error;
  }
}
