import type { Metadata } from 'next';
import { cookies, headers } from 'next/headers';
import type { ReactNode } from 'react';
import { AppHeader } from '@/components/layout/app-header';
import { FirstPaintHold } from '@/components/layout/first-paint-hold';
import { nonceOf } from '@/lib/security/content-security-policy';
import { THEME_COOKIE, parseTheme } from '@/lib/ui/theme';
import { Providers } from './providers';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Runlens', template: '%s · Runlens' },
  description: 'What exactly happened in this run: OpenLineage lineage joined to MLflow experiments.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The toggle's choice, painted by the server so a dark page never flashes light; absent: prefers-color-scheme.
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  const nonce = nonceOf((await headers()).get('content-security-policy'));
  return (
    <html lang="en" data-theme={theme ?? undefined}>
      <head>
        <FirstPaintHold nonce={nonce} />
      </head>
      <body>
        <Providers>
          <AppHeader />
          <main className="page" id="main" tabIndex={-1}>{children}</main>
        </Providers>
      </body>
    </html>
  );
}
