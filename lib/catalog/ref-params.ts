import { z } from 'zod';
import type { DatasetRef } from '@/lib/model';
import { safeDecode } from '@/lib/model/run-id';

export type RefParams = Promise<{ namespace: string; name: string }>;

// Control characters are never part of a real name; refusing them keeps them from reaching an upstream.
const segment = z.string().min(1).max(1000).regex(/^[^\p{Cc}]+$/u);
const refSchema = z.object({ namespace: segment, name: segment });

/** `/jobs/<ns>/<name>` and `/datasets/<ns>/<name>`: one encoded segment each, validated; null when unusable. */
export async function refFromParams(params: RefParams): Promise<DatasetRef | null> {
  const raw = await params;
  const parsed = refSchema.safeParse({ namespace: safeDecode(raw.namespace), name: safeDecode(raw.name) });
  return parsed.success ? parsed.data : null;
}
