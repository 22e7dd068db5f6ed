/**
 * The promise's answer, or `late()`'s once `ms` have passed (no deadline when `ms` is undefined). The promise
 * itself goes on; only the caller stops waiting for it.
 */
export function within<T>(promise: Promise<T>, ms: number | undefined, late: () => T | Promise<T>): Promise<T> {
  if (ms === undefined) return promise;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<T>((resolve, reject) => {
    timer = setTimeout(() => Promise.resolve().then(late).then(resolve, reject), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
