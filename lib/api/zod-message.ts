import type { z } from 'zod';

/** A zod error as one line a person can act on: "limit: Too big: expected number to be <=500". */
export function zodMessage(error: z.ZodError): string {
  return error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ');
}
