/** The colour scheme chosen with the header's toggle, kept in a cookie so the server paints it on first byte. */
export type Theme = 'light' | 'dark';
export const THEME_COOKIE = 'runlens-theme';

export function parseTheme(raw: string | undefined): Theme | null {
  return raw === 'light' || raw === 'dark' ? raw : null;
}
