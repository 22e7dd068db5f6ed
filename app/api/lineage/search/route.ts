import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { zodMessage } from '@/lib/api/zod-message';
import { lineageSearch } from '@/lib/catalog/lineage-view';

export const dynamic = 'force-dynamic';

const SEARCH_LIMIT = 20;

const querySchema = z.object({
  // Passed on to Marquez /search: control characters are refused here rather than sent upstream.
  q: z.string({ error: 'q is required' }).trim().min(1, 'q must not be empty').max(200, 'q is longer than 200 characters').regex(/^[^\p{Cc}]+$/u, 'q contains control characters'),
});

/** GET /api/lineage/search?q= → up to 20 jobs and datasets (`explorerSearchSchema`), best match first. */
export async function GET(request: NextRequest) {
  const parsed = querySchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!parsed.success) return NextResponse.json({ error: zodMessage(parsed.error) }, { status: 400 });
  return NextResponse.json(await lineageSearch(parsed.data.q, SEARCH_LIMIT));
}
