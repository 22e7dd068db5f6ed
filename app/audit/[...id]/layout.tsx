import type { ReactNode } from 'react';
import { notFound } from 'next/navigation';
import { auditExists } from '@/lib/catalog/page-guards';
import { runIdFromSegments, runIdSchema } from '@/lib/model/run-id';

/** Refuses an unknown run or model version with a 404 before the page streams (see page-guards). */
export default async function AuditLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string[] }> }) {
  const id = runIdSchema.safeParse(runIdFromSegments((await params).id));
  if (!id.success || !(await auditExists(id.data))) notFound();
  return children;
}
