import { z } from 'zod';
import { safeDecode } from '@/lib/model/run-id';

export type ModelParams = Promise<{ name: string }>;

const nameSchema = z.string().min(1).max(1000);

/** `?version=` of the model page and API: MLflow model versions are positive integers. */
export const modelQuerySchema = z.object({
  version: z.string().regex(/^[1-9]\d{0,18}$/, 'must be a model version number, e.g. 2').optional(),
});

/** `/models/<name>`: one encoded segment, validated; null when unusable. */
export async function modelNameFromParams(params: ModelParams): Promise<string | null> {
  const parsed = nameSchema.safeParse(safeDecode((await params).name));
  return parsed.success ? parsed.data : null;
}
