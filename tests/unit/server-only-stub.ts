// Stands in for the 'server-only' package under Vitest (plain Node, not a React Server bundle).
export {};
