'use client';

import { useSyncExternalStore } from 'react';
import { THEME_COOKIE, parseTheme, type Theme } from '@/lib/ui/theme';

const darkQuery = '(prefers-color-scheme: dark)';

function currentTheme(): Theme {
  const chosen = parseTheme(document.documentElement.dataset.theme);
  return chosen ?? (window.matchMedia(darkQuery).matches ? 'dark' : 'light');
}

function subscribe(onChange: () => void) {
  const media = window.matchMedia(darkQuery);
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  media.addEventListener('change', onChange);
  return () => { observer.disconnect(); media.removeEventListener('change', onChange); };
}

/** Dark or light: follows prefers-color-scheme until pressed, then the choice is kept for a year. */
export function ThemeToggle() {
  const theme = useSyncExternalStore(subscribe, currentTheme, () => null);
  const toggle = () => {
    const next: Theme = currentTheme() === 'dark' ? 'light' : 'dark';
    document.documentElement.dataset.theme = next;
    document.cookie = `${THEME_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
  };
  return (
    <button type="button" className="theme-toggle" onClick={toggle} data-testid="theme-toggle" aria-pressed={theme === 'dark'} title="Switch between light and dark">
      Dark mode
    </button>
  );
}
