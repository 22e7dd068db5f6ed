import type { ReactNode } from 'react';
import { notFound } from 'next/navigation';
import { runExists } from '@/lib/catalog/page-guards';
import { runIdFromSegments, runIdSchema } from '@/lib/model/run-id';

/** Refuses an unknown id with a 404 before the page streams under its loading state (see page-guards). */
export default async function RunLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string[] }> }) {
  const id = runIdSchema.safeParse(runIdFromSegments((await params).id));
  if (!id.success || !(await runExists(id.data))) notFound();
  return children;
}
