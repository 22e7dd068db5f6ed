import { NextResponse } from 'next/server';
import { getHealth } from '@/lib/catalog/health';

export const dynamic = 'force-dynamic';

export async function GET() {
  return NextResponse.json(await getHealth());
}
