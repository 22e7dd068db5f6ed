import type { ReactNode } from 'react';
import { notFound } from 'next/navigation';
import { LookupShedNotice } from '@/components/states/lookup-shed-notice';
import { retryAfterSeconds } from '@/lib/catalog/lookup-limit';
import { auditExists, unlessShed } from '@/lib/catalog/page-guards';
import { runIdFromSegments, runIdSchema } from '@/lib/model/run-id';

/** Refuses an unknown run or model version with a 404 before the page streams (see page-guards). */
export default async function AuditLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string[] }> }) {
  const id = runIdSchema.safeParse(runIdFromSegments((await params).id));
  if (!id.success) notFound();
  const exists = await unlessShed(() => auditExists(id.data));
  if ('shed' in exists) return <LookupShedNotice message={exists.shed.message} retryAfterSeconds={retryAfterSeconds(exists.shed)} />;
  if (!exists.value) notFound();
  return children;
}
