import Link from 'next/link';
import { Suspense } from 'react';
import { NavigationProgress } from './navigation-progress';
import { ScrollRegions } from './scroll-regions';
import { ThemeToggle } from './theme-toggle';

export function AppHeader() {
  return (
    <>
      <a href="#main" className="skip-link" data-testid="skip-link">Skip to content</a>
      <Suspense fallback={null}><NavigationProgress /></Suspense>
      <ScrollRegions />
      <header className="app-header">
        <Link href="/" className="brand">Runlens</Link>
        <nav aria-label="Main">
          <Link href="/">Runs</Link>
          <Link href="/lineage">Lineage</Link>
          <Link href="/models">Models</Link>
          <Link href="/health">Health</Link>
        </nav>
        <ThemeToggle />
      </header>
    </>
  );
}
