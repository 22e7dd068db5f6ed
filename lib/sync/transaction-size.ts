/**
 * How many records go in the next index transaction. SQLite answers synchronously, so a transaction
 * holds the event loop for as long as it takes: the size halves when one took longer than the budget
 * and doubles back while they are quick, so a busy or slow machine gets short transactions too.
 */
export interface TransactionSizer {
  /** Records for the next transaction. */
  size(): number;
  /** How long the last one took, in ms. */
  took(ms: number): void;
}

export function transactionSizer(options: { max: number; budgetMs: number }): TransactionSizer {
  let size = options.max;
  return {
    size: () => size,
    took(ms) {
      if (ms > options.budgetMs) size = Math.max(1, Math.floor(size / 2));
      else if (ms < options.budgetMs / 3) size = Math.min(options.max, size * 2);
    },
  };
}
