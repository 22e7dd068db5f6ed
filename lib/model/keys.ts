/** Map key of a namespaced name; NUL cannot occur in either part, so keys never collide. */
export function refKey(ref: { namespace: string; name: string }): string {
  return `${ref.namespace}\u0000${ref.name}`;
}
