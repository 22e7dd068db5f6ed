import { FIRST_PAINT_HOLD_SCRIPT } from '@/lib/ui/first-paint-hold';

/**
 * Pages stream their sections a moment after the shell (loading.tsx, charts, upstream panels). React reveals a
 * section that arrives after the first paint at least 300 ms later, so a page the server finished in 30 ms showed its
 * skeletons first and its content 300 ms later. Held, a page that streams within the deadline paints whole at once.
 */
export function FirstPaintHold({ nonce }: { nonce: string | undefined }) {
  return <script nonce={nonce} dangerouslySetInnerHTML={{ __html: FIRST_PAINT_HOLD_SCRIPT }} />;
}
