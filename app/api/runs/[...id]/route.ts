import { NextResponse } from 'next/server';
import { getRunIndex } from '@/lib/catalog/run-index';
import { resolveRun } from '@/lib/catalog/run-lookup';
import { runIdFromSegments, runIdSchema } from '@/lib/model/run-id';
import { toApiRun } from '@/lib/catalog/serialize';
import { zodMessage } from '@/lib/api/zod-message';
import { searchedSources } from '@/lib/catalog/searched';

export const dynamic = 'force-dynamic';

export async function GET(_request: Request, { params }: { params: Promise<{ id: string[] }> }) {
  const parsed = runIdSchema.safeParse(runIdFromSegments((await params).id));
  if (!parsed.success) return NextResponse.json({ error: zodMessage(parsed.error) }, { status: 400 });
  const index = await getRunIndex();
  const resolved = await resolveRun(index, parsed.data);
  if (!resolved) {
    return NextResponse.json({ error: `No run with id "${parsed.data}" in ${searchedSources(index)}.` }, { status: 404 });
  }
  return NextResponse.json({ ...toApiRun(resolved.run, true), versionBasis: resolved.versionBasis, versionError: resolved.versionError });
}
