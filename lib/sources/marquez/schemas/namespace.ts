import 'server-only';
import { z } from 'zod';
import { instantSchema } from './common';

export const namespaceSchema = z.looseObject({
  name: z.string(),
  createdAt: instantSchema.nullish(),
  updatedAt: instantSchema.nullish(),
  ownerName: z.string().nullish(),
  description: z.string().nullish(),
  isHidden: z.boolean().nullish(),
});
export type WireNamespace = z.infer<typeof namespaceSchema>;

export const namespaceListSchema = z.looseObject({
  namespaces: z.array(namespaceSchema),
  totalCount: z.number().nullish(),
});
export type WireNamespaceList = z.infer<typeof namespaceListSchema>;
