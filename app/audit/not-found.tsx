import { AuditNotFound } from '@/components/audit/audit-not-found';
import { getSources } from '@/lib/sources';

export default function AuditNotFoundPage() {
  const sources = getSources();
  return <AuditNotFound searched={[...sources.lineage.map((s) => s.id), ...sources.experiment.map((s) => s.id)]} />;
}
