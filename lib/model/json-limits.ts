/**
 * Limits on JSON from outside. A parse error names the position, never the text around it (a file or an
 * upstream may hold anything, e.g. a symlink to /proc/self/environ); nesting is capped because deep values
 * overflow the stack of every recursive consumer (schemas, rendering, canonical JSON).
 */

/** Deeper JSON is refused where it is parsed; real events and API answers stay far below it. */
export const MAX_JSON_DEPTH = 200;

/** Why JSON.parse failed, without quoting the input (V8 quotes up to ~30 characters of it). */
export function jsonSyntaxReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message)?.[1];
  if (/end of JSON input/i.test(message)) return 'the JSON ends too early';
  return position === undefined ? 'not valid JSON' : `not valid JSON at character ${position}`;
}

/** The nesting depth of a parsed value, counted iteratively (no recursion), stopping once it passes `limit`. */
export function jsonDepth(value: unknown, limit = MAX_JSON_DEPTH): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(item) ? item : Object.values(item)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return deepest;
}

/**
 * JSON.parse with the depth limit: throws a SyntaxError-like error naming the limit. The text is scanned for
 * bracket depth first, so a hostile value is refused before any object is built.
 */
export function parseJsonLimited(text: string, limit = MAX_JSON_DEPTH): unknown {
  assertJsonDepth(text, limit);
  return JSON.parse(text);
}

/** Throws JsonTooDeepError when the brackets of `text` (outside strings) nest deeper than `limit`. */
export function assertJsonDepth(text: string, limit = MAX_JSON_DEPTH): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > limit) throw new JsonTooDeepError(limit);
    } else if (c === 125 || c === 93) depth--;
  }
}

export class JsonTooDeepError extends Error {
  override readonly name = 'JsonTooDeepError';
  constructor(readonly limit: number) {
    super(`JSON nested deeper than ${limit} levels`);
  }
}
