import { z } from 'zod';
import { zodMessage } from '@/lib/api/zod-message';
import { parseNodeParam, type NodeRef } from './explorer-node-param';
import { DEPTH_MAX, EXPAND_MAX, LIMIT_MAX, VIEW_DEFAULTS, type ExplorerView } from './explorer-url';

/** The explorer's URL (and /api/lineage query) parsed with zod: a bad value is a message, never a throw. */

/** A `node`, `expand` or `selected` value: an explorer-node-param string parsed into its parts. */
export const nodeRefSchema = z.string({ error: 'required, e.g. job:<namespace>:<name> with both parts URI-encoded' }).transform((value, ctx): NodeRef => {
  const parsed = parseNodeParam(value);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
  // After an issue zod fails the whole parse, so this placeholder is never seen.
  return parsed.ok ? parsed.ref : { kind: 'job', namespace: '', name: '' };
});

function wholeNumber(name: string, min: number, max: number, fallback: number) {
  const message = `${name} must be a whole number from ${min} to ${max}`;
  return z
    .string()
    .regex(/^\d{1,6}$/, message)
    .transform(Number)
    .pipe(z.number().min(min, message).max(max, message))
    .optional()
    .transform((n) => n ?? fallback);
}

const flag = (name: string) =>
  z
    .enum(['0', '1'], { error: `${name} must be 0 or 1` })
    .optional()
    .transform((v) => v === '1');

export const explorerQuerySchema = z.object({
  node: nodeRefSchema.optional(),
  depth: wholeNumber('depth', 1, DEPTH_MAX, VIEW_DEFAULTS.depth),
  dir: z.enum(['both', 'up', 'down'], { error: 'dir must be both, up or down' }).optional().transform((d) => d ?? VIEW_DEFAULTS.dir),
  full: flag('full'),
  columns: flag('columns'),
  expand: z
    .string()
    .optional()
    .transform((s) => (s ?? '').split(',').filter((part) => part !== ''))
    .pipe(z.array(nodeRefSchema).max(EXPAND_MAX, `expand takes at most ${EXPAND_MAX} nodes`)),
  selected: nodeRefSchema.optional(),
  limit: wholeNumber('limit', 1, LIMIT_MAX, VIEW_DEFAULTS.limit),
});

export type ExplorerQueryResult = { ok: true; view: ExplorerView } | { ok: false; message: string };

/** Route params arrive as string | string[]; a repeated key keeps its first value. Empty values count as absent. */
export function parseExplorerQuery(raw: Record<string, string | string[] | undefined>): ExplorerQueryResult {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && first !== '') flat[key] = first;
  }
  const parsed = explorerQuerySchema.safeParse(flat);
  if (!parsed.success) return { ok: false, message: zodMessage(parsed.error) };
  const { node, selected, ...rest } = parsed.data;
  return { ok: true, view: { ...rest, node: node ?? null, selected: selected ?? null } };
}
