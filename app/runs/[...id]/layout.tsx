import type { ReactNode } from 'react';
import { notFound } from 'next/navigation';
import { LookupShedNotice } from '@/components/states/lookup-shed-notice';
import { retryAfterSeconds } from '@/lib/catalog/lookup-limit';
import { runExists, unlessShed } from '@/lib/catalog/page-guards';
import { runIdFromSegments, runIdSchema } from '@/lib/model/run-id';

/** Refuses an unknown id with a 404 before the page streams under its loading state (see page-guards). */
export default async function RunLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string[] }> }) {
  const id = runIdSchema.safeParse(runIdFromSegments((await params).id));
  if (!id.success) notFound();
  const exists = await unlessShed(() => runExists(id.data));
  if ('shed' in exists) return <LookupShedNotice message={exists.shed.message} retryAfterSeconds={retryAfterSeconds(exists.shed)} />;
  if (!exists.value) notFound();
  return children;
}
