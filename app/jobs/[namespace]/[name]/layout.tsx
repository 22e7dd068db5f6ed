import type { ReactNode } from 'react';
import { notFound } from 'next/navigation';
import { jobExists } from '@/lib/catalog/page-guards';
import { refFromParams, type RefParams } from '@/lib/catalog/ref-params';

/** Refuses an unknown job with a 404 before the page streams under its loading state (see page-guards). */
export default async function JobLayout({ children, params }: { children: ReactNode; params: RefParams }) {
  const ref = await refFromParams(params);
  if (!ref || !(await jobExists(ref))) notFound();
  return children;
}
