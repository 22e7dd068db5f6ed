import 'server-only';
import type { Metadata } from 'next';
import { headers } from 'next/headers';

/**
 * Open Graph and Twitter card tags for a page a chat app unfurls. Crawlers need absolute URLs: they are built
 * from the host the request came to (behind a proxy, its X-Forwarded-Host and -Proto).
 */
export async function unfurlMetadata({ title, description, path, imagePath }: { title: string; description: string; path: string; imagePath?: string }): Promise<Metadata> {
  const h = await headers();
  const host = h.get('x-forwarded-host')?.split(',')[0]?.trim() || h.get('host') || 'localhost';
  const proto = h.get('x-forwarded-proto')?.split(',')[0]?.trim() || 'http';
  const base = `${proto}://${host}`;
  const images = imagePath ? [{ url: `${base}${imagePath}`, width: 1200, height: 630, alt: title }] : undefined;
  return {
    title,
    description,
    openGraph: { type: 'website', siteName: 'Runlens', title, description, url: `${base}${path}`, ...(images ? { images } : {}) },
    twitter: { card: images ? 'summary_large_image' : 'summary', title, description, ...(images ? { images: images.map((i) => i.url) } : {}) },
  };
}
