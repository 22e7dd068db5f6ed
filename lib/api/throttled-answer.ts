import { NextResponse } from 'next/server';
import { isThrottled, retryAfterSeconds, type LookupThrottled } from '@/lib/catalog/lookup-limit';

/**
 * Route handlers answer a direct look-up shed by the rate limit (lookup-limit.ts) with 429 and Retry-After:
 * the id may well exist, so a notification's link must say "try again", never "not found".
 */
export async function answeringThrottled(handle: () => Promise<Response>): Promise<Response> {
  try {
    return await handle();
  } catch (error) {
    if (!isThrottled(error)) throw error;
    const throttled = error as LookupThrottled;
    const seconds = retryAfterSeconds(throttled);
    return NextResponse.json({ error: throttled.message }, { status: 429, headers: { 'retry-after': String(seconds) } });
  }
}
