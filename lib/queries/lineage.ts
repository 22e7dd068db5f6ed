import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { datasetFieldsSchema, explorerGraphSchema, explorerSearchSchema, nodeDetailSchema } from '@/lib/graph/explorer-api';
import { explorerGraphUrl, type ExplorerView } from '@/lib/graph/explorer-url';

/** The explorer's reads of /api/lineage*, each parsed with its documented schema. */

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

async function getJson<T>(url: string, schema: z.ZodType<T>): Promise<T> {
  const response = await fetch(url);
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = z.object({ error: z.string() }).safeParse(body);
    throw new ApiError(error.success ? error.data.error : `HTTP ${response.status} from ${url}`, response.status);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ApiError(`${url} answered in an unexpected shape`, 502);
  return parsed.data;
}

/** The graph depends on everything in the URL except which node's panel is open. */
export function lineageGraphQuery(view: ExplorerView) {
  const url = explorerGraphUrl(view);
  return queryOptions({
    queryKey: ['lineage-graph', url] as const,
    queryFn: () => getJson(url, explorerGraphSchema),
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 1,
  });
}

export function lineageSearchQuery(q: string) {
  return queryOptions({
    queryKey: ['lineage-search', q] as const,
    queryFn: () => getJson(`/api/lineage/search?${new URLSearchParams({ q })}`, explorerSearchSchema),
    staleTime: 30_000,
  });
}

export function nodeDetailQuery(id: string) {
  return queryOptions({
    queryKey: ['lineage-node', id] as const,
    queryFn: () => getJson(`/api/lineage/node?${new URLSearchParams({ node: id })}`, nodeDetailSchema),
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 1,
  });
}

/** A dataset's schema fields (the first ones), read when its node is expanded in the graph. */
export function datasetFieldsQuery(id: string) {
  return queryOptions({
    queryKey: ['lineage-fields', id] as const,
    queryFn: () => getJson(`/api/lineage/fields?${new URLSearchParams({ node: id })}`, datasetFieldsSchema),
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 1,
    staleTime: 60_000,
  });
}
