import 'server-only';
import { z } from 'zod';
import { int64Schema } from './common';

export const fileInfoSchema = z.looseObject({
  path: z.string().nullish(),
  is_dir: z.boolean().nullish(),
  /** Unset for directories. */
  file_size: int64Schema.nullish(),
});
export type WireFileInfo = z.infer<typeof fileInfoSchema>;

/** GET /artifacts/list. */
export const listArtifactsResponseSchema = z.looseObject({
  root_uri: z.string().nullish(),
  files: z.array(fileInfoSchema).nullish(),
  next_page_token: z.string().nullish(),
});
export type WireListArtifactsResponse = z.infer<typeof listArtifactsResponseSchema>;
