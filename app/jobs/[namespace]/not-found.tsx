import { JobNotFound } from '@/components/jobs/job-not-found';
import { getSources } from '@/lib/sources';

export default function JobNotFoundPage() {
  return <JobNotFound searched={getSources().lineage.map((s) => s.id)} />;
}
