// Types for audit.mjs, which the unit tests import (the bench's chain, small).
export function auditChainEvents(depth?: number, width?: number): { events: unknown[]; subject: string };
export function benchAudit(root: string): Promise<void>;
