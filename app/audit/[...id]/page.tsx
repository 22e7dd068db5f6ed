import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AuditReportView } from '@/components/audit/audit-report-view';
import { auditReportOnce, unlessShed } from '@/lib/catalog/page-guards';
import { retryAfterSeconds } from '@/lib/catalog/lookup-limit';
import { LookupShedNotice } from '@/components/states/lookup-shed-notice';
import { auditLinkMetadata } from '@/lib/catalog/link-unfurls';
import { auditHref } from '@/lib/api/links';
import { runIdFromSegments, runIdSchema } from '@/lib/model/run-id';

export const dynamic = 'force-dynamic';

type Params = Promise<{ id: string[] }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const id = runIdSchema.safeParse(runIdFromSegments((await params).id));
  return id.success ? auditLinkMetadata(id.data, auditHref(id.data)) : { title: 'Audit' };
}

export default async function AuditPage({ params }: { params: Params }) {
  const id = runIdSchema.safeParse(runIdFromSegments((await params).id));
  if (!id.success) notFound();
  // Rendered beside the layout's check, so its own look-up may be shed too: then it says "try again", never 500.
  const attempt = await unlessShed(() => auditReportOnce(id.data));
  if ('shed' in attempt) return <LookupShedNotice message={attempt.shed.message} retryAfterSeconds={retryAfterSeconds(attempt.shed)} />;
  const found = attempt.value;
  if (!('report' in found)) notFound();
  return <AuditReportView report={found.report} auditId={id.data} />;
}
