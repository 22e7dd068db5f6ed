/** Next.js start-up hook: build the run index and connect the cache in the background so the first visitor does not wait for them. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  (await import('@/lib/auth/startup')).prepareAuth();
  const { getRunIndex } = await import('@/lib/catalog/run-index');
  const { warmCache } = await import('@/lib/cache');
  warmCache();
  getRunIndex().catch((error: unknown) => {
    // Pages report source failures themselves; this is only a warm-up.
    console.warn('runlens: warming the run index failed:', error instanceof Error ? error.message : error);
  });
}
