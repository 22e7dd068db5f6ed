import { NextResponse } from 'next/server';
import { isThrottled, retryAfterSeconds, type LookupThrottled } from '@/lib/catalog/lookup-limit';

/** 429 with Retry-After for a direct look-up shed by the rate limit: "try again", never "not found". */
export function throttledResponse(message: string, seconds: number): Response {
  return NextResponse.json({ error: message }, { status: 429, headers: { 'retry-after': String(seconds) } });
}

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
    return throttledResponse(throttled.message, retryAfterSeconds(throttled));
  }
}
