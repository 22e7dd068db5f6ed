import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { auditFileName, auditReportMarkdown } from '@/lib/audit/report-markdown';
import { auditReportFor } from '@/lib/catalog/audit-report';
import { runIdFromDecodedSegments, runIdSchema } from '@/lib/model/run-id';
import { zodMessage } from '@/lib/api/zod-message';
import { answeringThrottled } from '@/lib/api/throttled-answer';

export const dynamic = 'force-dynamic';

const formatSchema = z.enum(['json', 'md']).default('json');

/**
 * GET /api/audit/{run id | model:<name>/<version>}?format=json|md → the audit report (lib/audit/report-schema.ts);
 * md comes as a text/markdown attachment. Unknown id → 404 naming the sources searched.
 */
async function answer(request: NextRequest, { params }: { params: Promise<{ id: string[] }> }) {
  const id = runIdSchema.safeParse(runIdFromDecodedSegments((await params).id));
  if (!id.success) return NextResponse.json({ error: zodMessage(id.error) }, { status: 400 });
  const format = formatSchema.safeParse(request.nextUrl.searchParams.get('format') ?? undefined);
  if (!format.success) return NextResponse.json({ error: `format: expected json or md, got "${request.nextUrl.searchParams.get('format')}"` }, { status: 400 });
  const found = await auditReportFor(id.data);
  if ('badRequest' in found) return NextResponse.json({ error: found.badRequest }, { status: 400 });
  if ('notFound' in found) return NextResponse.json({ error: found.notFound }, { status: 404 });
  if (format.data === 'json') return NextResponse.json(found.report);
  return new NextResponse(auditReportMarkdown(found.report), {
    headers: {
      'content-type': 'text/markdown; charset=utf-8',
      'content-disposition': `attachment; filename="${auditFileName(found.report, 'md')}"`,
    },
  });
}

export function GET(request: NextRequest, context: { params: Promise<{ id: string[] }> }): Promise<Response> {
  return answeringThrottled(() => answer(request, context));
}
